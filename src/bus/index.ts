export type {
  AppendOptions,
  BackendKind,
  BusBackend,
  ClaimOptions,
  DeliveredEntry,
  EntryFields,
  GroupInfo,
  GroupPosition,
  PendingSummary,
  ReadOptions,
  StreamEntry,
  StreamInfo,
} from './backend.js';
export {
  type ConsumerOptions,
  type ConsumerStats,
  createConsumer,
  type DeliveryContext,
  type EventHandler,
  type GapReport,
  StreamConsumer,
} from './consumer.js';
export { createBackend, sqlitePath } from './create-backend.js';
export {
  type DeadLetter,
  type DeadLetterReason,
  getDeadLetter,
  listDeadLetters,
  purgeDeadLetters,
  replayDeadLetters,
  writeDeadLetter,
} from './dead-letter.js';
export { compareEntryIds, entryIdAtTime, isEntryId, parseEntryId } from './entry-id.js';
export { Outbox } from './outbox.js';
export { createProducer, EventProducer, type ProducerOptions, type PublishReceipt } from './producer.js';
export {
  connectBusRouting,
  eventKeyValue,
  type ProducerConfig,
  parseProducerConfig,
  type RoutingOptions,
  type TopicRoute,
  validateProducerConfig,
} from './routing.js';
export { signalHandler } from './signal-bridge.js';
export { resolveStartPosition, type StartPosition } from './start-position.js';
export { EVENT_ENTRY_FIELDS, entryField, entryToEvent, eventToEntryFields } from './stream-entry.js';
export {
  DEAD_LETTER_SUFFIX,
  deadLetterStream,
  fullTopic,
  isDeadLetterStream,
  topicPrefixFromEnv,
} from './topics.js';
