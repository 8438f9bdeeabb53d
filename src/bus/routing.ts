import { findEventDefinition } from '../catalog/registry.js';
import { EdstreamError, formatIssues, type Issue } from '../errors.js';
import type { SignalRegistry } from '../signals/index.js';
import type { EventProducer, PublishReceipt } from './producer.js';
import { eventToEntryFields } from './stream-entry.js';
import { fullTopic } from './topics.js';

/** One topic of an event type, as in Open edX's EVENT_BUS_PRODUCER_CONFIG. */
export interface TopicRoute {
  readonly event_key_field: string;
  readonly enabled: boolean;
}

/** `{ event type: { topic: { event_key_field, enabled } } }`, the Open edX shape. */
export type ProducerConfig = Readonly<Record<string, Readonly<Record<string, TopicRoute>>>>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every problem of a producer configuration, with the checks Open edX makes and a few more. */
export function validateProducerConfig(config: unknown): Issue[] {
  if (!isObject(config)) {
    return [
      {
        code: 'config.invalid_producer_config',
        path: '',
        message: 'expected an object of event type → topics',
      },
    ];
  }
  const issues: Issue[] = [];
  for (const [eventType, topics] of Object.entries(config)) {
    if (!findEventDefinition(eventType)) {
      issues.push({
        code: 'catalog.unknown_event_type',
        path: eventType,
        message: `no Open edX event type ${JSON.stringify(eventType)}`,
      });
    }
    if (!isObject(topics)) {
      issues.push({
        code: 'config.invalid_producer_config',
        path: eventType,
        message: 'expected an object of topic → { event_key_field, enabled }',
      });
      continue;
    }
    for (const [topic, route] of Object.entries(topics)) {
      const at = `${eventType}.${topic}`;
      if (!isObject(route)) {
        issues.push({
          code: 'config.invalid_producer_config',
          path: at,
          message: 'expected { event_key_field, enabled }',
        });
        continue;
      }
      if (typeof route.event_key_field !== 'string') {
        issues.push({
          code: 'config.invalid_producer_config',
          path: `${at}.event_key_field`,
          message: 'expected a dotted path string',
        });
      }
      if (typeof route.enabled !== 'boolean') {
        issues.push({
          code: 'config.invalid_producer_config',
          path: `${at}.enabled`,
          message: 'expected true or false',
        });
      }
    }
  }
  return issues;
}

export function parseProducerConfig(config: unknown): ProducerConfig {
  const issues = validateProducerConfig(config);
  if (issues.length > 0) {
    throw new EdstreamError(
      'config.invalid_producer_config',
      `invalid producer configuration: ${formatIssues(issues)}`,
      {
        details: issues,
      },
    );
  }
  return config as ProducerConfig;
}

export interface RoutingOptions {
  signals: SignalRegistry;
  producer: EventProducer;
  config: ProducerConfig;
  /** EVENT_BUS_TOPIC_PREFIX: streams are `<prefix>-<topic>`. */
  prefix?: string;
}

/**
 * Publishes every event sent on a configured signal to its enabled topics. Events that came from
 * a bus are never published again. A failed publish is the receiver's error, returned by `send`
 * (robust mode) or thrown (strict mode): never silent. Returns a function that disconnects.
 */
export function connectBusRouting(options: RoutingOptions): () => void {
  const config = parseProducerConfig(options.config);
  const disconnects: (() => void)[] = [];
  for (const [eventType, topics] of Object.entries(config)) {
    const streams = Object.entries(topics)
      .filter(([, route]) => route.enabled)
      .map(([topic]) => fullTopic(topic, options.prefix));
    if (streams.length === 0) continue;
    const signal = options.signals.get(eventType);
    disconnects.push(
      signal.connect(async ({ data, metadata, fromEventBus }): Promise<PublishReceipt[]> => {
        if (fromEventBus) return [];
        // Validated and Avro-encoded once, however many topics the event goes to.
        const entry = eventToEntryFields({ metadata, data });
        const receipts: PublishReceipt[] = [];
        for (const stream of streams)
          receipts.push(...(await options.producer.publishEntries(stream, [entry])));
        return receipts;
      }),
    );
  }
  return () => {
    for (const disconnect of disconnects) disconnect();
  };
}

/** The value at a dotted path of event data (`enrollment.course.course_key`), as text. */
export function eventKeyValue(data: unknown, path: string): string | undefined {
  let current: unknown = data;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current === undefined || current === null ? undefined : String(current);
}
