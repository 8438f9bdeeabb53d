export { loadServeConfig, parseServeConfig, type ServeConfig, serveConfigSchema } from './app-config.js';
export { CountingProducer } from './counting-producer.js';
export {
  createPartnerWebhook,
  PARTNER_PATH,
  type PartnerWebhook,
  type PartnerWebhookOptions,
} from './demo-partner.js';
export { DEMO_DATA_DIR, type DemoOptions, type DemoSetup, demoRouting, demoSetup } from './demo-setup.js';
export { accountHomePages, createPipelineState, type PipelineState } from './pipeline-state.js';
export { type Simulation, type SimulationOptions, startSimulation } from './simulation.js';
export { type AppOptions, type RunningApp, startApp } from './start-app.js';
export { BUILTIN_LRS_SINK, createStoreSink } from './store-sink.js';
