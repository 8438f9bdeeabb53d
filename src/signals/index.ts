export { createSignalRegistry, defaultSignals, getSignal, resetSignals, SignalRegistry } from './registry.js';
export {
  type MetadataDefaults,
  type Receiver,
  type ReceiverOutcome,
  type SendOptions,
  Signal,
  type SignalMessage,
  type SignalOptions,
} from './signal.js';
