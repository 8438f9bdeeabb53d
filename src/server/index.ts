export { createServer, LRS_BASE_PATH, type ServerOptions } from './create-server.js';
export { agentKeys } from './explorer-routes.js';
export { createMetricsRegistry } from './metrics.js';
export {
  type DeadLetterRow,
  type HealthCheck,
  type PipelineCounts,
  type PipelineSnapshot,
  type PipelineView,
  pipelineCounts,
  type ReplayOutcome,
  type SinkSnapshot,
  type SubscriptionSnapshot,
  totalLag,
} from './pipeline-view.js';
export { type RatePoint, RateWindow } from './rate-window.js';
