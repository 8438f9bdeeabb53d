import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { BusBackend } from '../bus/backend.js';
import { createConsumer, type StreamConsumer } from '../bus/consumer.js';
import { createBackend } from '../bus/create-backend.js';
import { fullTopic } from '../bus/topics.js';
import type { OpenEdxEvent } from '../codecs/codec.js';
import { EdstreamError } from '../errors.js';
import { createLogger, type Logger } from '../logging.js';
import { createTransformer } from '../xapi/transform.js';
import { type SinkConfig, type StreamConfig, type SubscriptionConfig, typeMatcher } from './config.js';
import { runFileSource } from './file-source.js';
import { createSinkFromConfig } from './sink-factory.js';
import { SinkRunner } from './sink-runner.js';
import type { Sink } from './sinks/sink.js';
import { StreamStateStore } from './state-store.js';

export interface SubscriptionCounters {
  received: number;
  filtered: number;
  notMapped: number;
  /** Events the profile could not map (a bad event): a bus source retries then dead-letters them, a file source skips them. */
  failed: number;
  transformed: number;
  statements: number;
}

/** A running subscription: its sinks, counters and how it stops. */
export interface RunningSubscription {
  readonly config: SubscriptionConfig;
  readonly sinks: readonly SinkRunner[];
  readonly counters: SubscriptionCounters;
  readonly consumer: StreamConsumer | undefined;
  /** Resolves when a file source has been read to the end, or stopped (never for a bus source). */
  readonly done: Promise<void>;
}

export interface DataStream {
  readonly subscriptions: readonly RunningSubscription[];
  readonly state: StreamStateStore;
  /** Stops reading, delivers what is in flight, acknowledges, and closes everything. */
  stop(): Promise<void>;
}

export interface StreamOptions {
  logger?: Logger;
  /** How often statuses are written for `edstream stream status` (default 1 s). */
  statusIntervalMs?: number;
  /** Handlers in flight per subscription, unless the subscription sets `inFlight`; bounds memory (default 2,000). */
  inFlight?: number;
  /**
   * Opens the bus of a URL. By default each URL is opened once and closed by `stop()`; backends
   * given here belong to the caller (a shared `memory:` bus in a test, say) and stay open.
   */
  backendFor?: (url: string) => Promise<BusBackend>;
  /**
   * Sinks the caller builds itself (an in-process store, say), fed before the configured sinks of
   * each subscription. Their dead letters are kept under their names like any other, but
   * `replaySinkDeadLetters` cannot rebuild them from the configuration: the caller replays them.
   */
  extraSinks?: (subscription: SubscriptionConfig) => readonly Sink[];
}

export function streamStatePath(config: StreamConfig): string {
  return join(resolve(config.dataDir ?? '.edstream'), 'streams.db');
}

/**
 * Starts every subscription of a configuration: source → filter → xAPI profile → sinks. A source
 * entry is acknowledged only when every sink has accepted or dead-lettered all its statements.
 */
export async function createStream(config: StreamConfig, options: StreamOptions = {}): Promise<DataStream> {
  const log = options.logger ?? createLogger('stream');
  const state = new StreamStateStore(streamStatePath(config));
  const owned = new Map<string, Promise<BusBackend>>();
  const backendFor =
    options.backendFor ??
    ((url: string) => {
      let found = owned.get(url);
      if (!found) {
        found = createBackend(url);
        owned.set(url, found);
      }
      return found;
    });
  const stopping = new AbortController();
  const subscriptions: RunningSubscription[] = [];
  const closeAll = async () => {
    stopping.abort();
    const runners = subscriptions.flatMap((s) => s.sinks);
    // Handlers still running wait for their statements: those must go now, not after `batchMs`.
    const draining = Promise.all(runners.map((r) => r.drain()));
    await Promise.all(subscriptions.map((s) => s.consumer?.stop()));
    // A file source stops reading at once and lets what it handed out finish.
    await Promise.all(subscriptions.map((s) => (s.consumer ? undefined : s.done.catch(() => undefined))));
    await draining;
    await Promise.all(runners.map((r) => r.flush()));
    await saveStatuses(subscriptions, state, log);
    await Promise.all(subscriptions.flatMap((s) => s.sinks.map((r) => r.sink.close())));
    for (const backend of owned.values()) await (await backend.catch(() => undefined))?.close();
    state.close();
  };
  try {
    for (const subscription of config.subscriptions) {
      subscriptions.push(
        await startSubscription(config, subscription, {
          state,
          backendFor,
          log,
          inFlight: subscription.inFlight ?? options.inFlight ?? DEFAULT_IN_FLIGHT,
          signal: stopping.signal,
          extraSinks: options.extraSinks?.(subscription) ?? [],
        }),
      );
    }
  } catch (error) {
    // One subscription failing to start (a bus that cannot be reached) stops the ones already started.
    await closeAll().catch(() => undefined);
    throw error;
  }
  let saving = false;
  const statusTimer = setInterval(() => {
    if (saving || stopping.signal.aborted) return;
    saving = true;
    void saveStatuses(subscriptions, state, log).finally(() => {
      saving = false;
    });
  }, options.statusIntervalMs ?? 1000);
  statusTimer.unref();
  let stopped: Promise<void> | undefined;
  return {
    subscriptions,
    state,
    stop() {
      clearInterval(statusTimer);
      stopped ??= closeAll();
      return stopped;
    },
  };
}

interface SubscriptionContext {
  state: StreamStateStore;
  backendFor: (url: string) => Promise<BusBackend>;
  log: Logger;
  inFlight: number;
  signal: AbortSignal;
  extraSinks: readonly Sink[];
}

async function startSubscription(
  config: StreamConfig,
  subscription: SubscriptionConfig,
  { state, backendFor, log, inFlight, signal, extraSinks }: SubscriptionContext,
): Promise<RunningSubscription> {
  const sinks: SinkRunner[] = [];
  const addRunner = (sink: Sink, options: ReturnType<typeof deliveryOptions>) =>
    sinks.push(
      new SinkRunner(sink, {
        ...options,
        logger: log,
        onDeadLetter: (statements, error, attempts) =>
          state.addDeadLetters(subscription.name, sink.name, statements, error.code, error.message, attempts),
      }),
    );
  for (const sink of extraSinks) addRunner(sink, {});
  for (const [index, sinkConfig] of subscription.sinks.entries()) {
    addRunner(await createSinkFromConfig(sinkConfig, backendFor, index), deliveryOptions(sinkConfig));
  }
  const transform = createTransformer({
    profile: subscription.profile,
    tenantId: config.xapi.tenantId,
    secret: config.xapi.secret,
    ...(config.xapi.homePage ? { homePage: config.xapi.homePage } : {}),
    ...(config.xapi.platformUrl ? { platformUrl: config.xapi.platformUrl } : {}),
    ...(config.xapi.include ? { include: config.xapi.include } : {}),
  });
  const wanted = typeMatcher(subscription.filter?.types);
  const counters: SubscriptionCounters = {
    received: 0,
    filtered: 0,
    notMapped: 0,
    failed: 0,
    transformed: 0,
    statements: 0,
  };

  const handle = async (event: OpenEdxEvent): Promise<void> => {
    counters.received++;
    if (!wanted(event.metadata.event_type)) {
      counters.filtered++;
      return;
    }
    const result = transform(event);
    if (!result.ok) {
      if (result.code === 'xapi.not_mapped') {
        counters.notMapped++;
        return;
      }
      counters.failed++;
      throw new EdstreamError(result.code, result.reason);
    }
    counters.transformed++;
    const { statements } = result;
    counters.statements += statements.length;
    // One statement to one sink, the common case, needs no Promise.all.
    if (statements.length === 1 && sinks.length === 1) return sinks[0]!.submit(statements[0]!);
    const deliveries: Promise<void>[] = [];
    for (const runner of sinks) for (const statement of statements) deliveries.push(runner.submit(statement));
    await Promise.all(deliveries);
  };

  const source = subscription.source;
  if ('file' in source) {
    const done = runFileSource({
      subscription: subscription.name,
      path: resolve(source.file),
      handle,
      state,
      log,
      inFlight,
      signal,
    });
    // Whoever awaits `done` sees a failure (an unreadable file); nobody waiting is no crash.
    done.catch((error: unknown) =>
      log.error({ err: error, subscription: subscription.name }, 'the file source failed'),
    );
    return { config: subscription, sinks, counters, consumer: undefined, done };
  }
  const backend = await backendFor(source.bus);
  const consumer = createConsumer({
    backend,
    stream: fullTopic(source.topic, source.prefix),
    group: source.group,
    consumer: source.consumer ?? `${subscription.name}-${hostname()}-${process.pid}`,
    from: source.from ?? 'resume',
    ...streamConsumerSettings(inFlight),
    logger: log,
    handler: handle,
  });
  await consumer.start();
  return { config: subscription, sinks, counters, consumer, done: new Promise(() => {}) };
}

function deliveryOptions(config: SinkConfig) {
  const { batchSize, batchMs, parallel, maxAttempts, retryBaseMs, retryMaxMs, maxQueued } = config;
  return Object.fromEntries(
    Object.entries({ batchSize, batchMs, parallel, maxAttempts, retryBaseMs, retryMaxMs, maxQueued }).filter(
      ([, v]) => v !== undefined,
    ),
  ) as {
    batchSize?: number;
    batchMs?: number;
    parallel?: number;
    maxAttempts?: number;
    retryBaseMs?: number;
    retryMaxMs?: number;
    maxQueued?: number;
  };
}

/** Writes every sink's status; a failure is logged, never thrown (it runs on a timer). */
async function saveStatuses(
  subscriptions: readonly RunningSubscription[],
  state: StreamStateStore,
  log: Logger,
): Promise<void> {
  try {
    await writeStatuses(subscriptions, state);
  } catch (error) {
    log.warn({ err: error }, 'could not save the stream status');
  }
}

async function writeStatuses(
  subscriptions: readonly RunningSubscription[],
  state: StreamStateStore,
): Promise<void> {
  for (const subscription of subscriptions) {
    let lag: number | null = null;
    const consumer = subscription.consumer;
    if (consumer) lag = await consumer.lag().catch(() => null);
    for (const runner of subscription.sinks) {
      state.saveStatus({
        subscription: subscription.config.name,
        sink: runner.sink.name,
        ...runner.stats,
        lag,
        updatedAt: new Date().toISOString(),
      });
    }
  }
}

/** Handlers in flight per subscription when neither it nor the stream options say. */
export const DEFAULT_IN_FLIGHT = 2000;

/** How a data stream's consumer reads: `inFlight` handlers at once, in batches of up to 1,000. */
export function streamConsumerSettings(inFlight: number): {
  concurrency: number;
  batchSize: number;
  blockMs: number;
} {
  // A blocked read is not interrupted by `stop()`: keep it short so that stopping is prompt.
  return { concurrency: inFlight, batchSize: Math.min(1000, inFlight), blockMs: 250 };
}
