import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { BusBackend, EntryFields } from '../src/bus/backend.js';
import { StreamConsumer } from '../src/bus/consumer.js';
import { createBackend } from '../src/bus/create-backend.js';
import { EventProducer } from '../src/bus/producer.js';
import { eventToEntryFields } from '../src/bus/stream-entry.js';
import type { OpenEdxEvent } from '../src/codecs/codec.js';
import { createMetadata } from '../src/envelope/index.js';
import { silentLogger } from '../src/logging.js';
import { loadAvroFixtures } from '../test/reference.js';
import { MIX } from './event-mix.js';
import { formatRate, median, percentile } from './measure.js';

const BATCH = 500;
const ROUNDS = 3;
/** The argument that makes this module, forked, the producer process of the end-to-end bench. */
const PRODUCER_ROLE = 'bus-bench-producer';
/** The argument that makes this module, forked, the process of the sqlite end-to-end rounds. */
const SQLITE_ROLE = 'bus-bench-sqlite';

/** `count` events of the mix, each with its own metadata (built before any clock starts). */
function mixedEvents(count: number): OpenEdxEvent[] {
  const fixtures = loadAvroFixtures().filter((f) => f.case === 'typical');
  const templates: { eventType: string; data: Record<string, unknown> }[] = [];
  for (const [eventType, weight] of MIX) {
    const fixture = fixtures.find((f) => f.event_type === eventType);
    if (!fixture) throw new Error(`no typical fixture for ${eventType}`);
    for (let i = 0; i < weight; i++) templates.push({ eventType, data: fixture.data_json });
  }
  return Array.from({ length: count }, (_, i) => {
    const { eventType, data } = templates[i % templates.length]!;
    return { metadata: createMetadata(eventType, { source: 'openedx/lms/web' }), data };
  });
}

/**
 * The backend with its acknowledgements counted (as the backend reports them: entries that left
 * the pending list); `done` resolves at the time the last one landed.
 */
function countingAcks(inner: BusBackend, target: number): { backend: BusBackend; done: Promise<number> } {
  let acked = 0;
  let resolveDone: (at: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });
  const ack: BusBackend['ack'] = async (stream, group, ids) => {
    const n = await inner.ack(stream, group, ids);
    acked += n;
    if (acked >= target) resolveDone(performance.now());
    return n;
  };
  const backend = new Proxy(inner, {
    get(target, property) {
      if (property === 'ack') return ack;
      const value: unknown = Reflect.get(target, property, target);
      // Backends keep private fields: their methods must run on the backend itself.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { backend, done };
}

/** A `StreamConsumer` with a no-op handler whose acknowledgements are counted up to `count`. */
async function countingConsumer(
  url: string,
  stream: string,
  count: number,
  from: 'now' | 'beginning',
): Promise<{ consumer: StreamConsumer; acked: Promise<number>; close: () => Promise<void> }> {
  const backend = await createBackend(url);
  const counting = countingAcks(backend, count);
  const consumer = new StreamConsumer({
    backend: counting.backend,
    stream,
    group: 'bench',
    consumer: 'c1',
    from,
    blockMs: 100,
    logger: silentLogger,
    handler: () => {},
  });
  await consumer.start();
  const close = async () => {
    await consumer.stop();
    await backend.close();
    // Every event decoded and handled once: none dead-lettered (which also acknowledges).
    const { handled, deadLettered } = consumer.stats;
    if (handled !== count || deadLettered !== 0)
      throw new Error(`bench consumer handled ${handled} of ${count}, dead-lettered ${deadLettered}`);
  };
  return { consumer, acked: withDeadline(counting.done, `${count} acknowledgements`), close };
}

/**
 * Events/s from the first publish to the last acknowledgement: `publishBatch` in batches of 500
 * while a `StreamConsumer` with a no-op handler reads and acknowledges in the same process, on
 * the same event loop (so both share one core).
 */
async function endToEnd(url: string, stream: string, events: readonly OpenEdxEvent[]): Promise<number> {
  const producerBackend = await createBackend(url);
  const producer = new EventProducer({ backend: producerBackend });
  const consuming = await countingConsumer(url, stream, events.length, 'now');
  try {
    const started = performance.now();
    for (let i = 0; i < events.length; i += BATCH)
      await producer.publishBatch(stream, events.slice(i, i + BATCH));
    const finished = await consuming.acked;
    return events.length / ((finished - started) / 1000);
  } finally {
    await consuming.close();
    await producer.close();
    await producerBackend.close();
  }
}

/**
 * The same, as a deployment runs it: the producer in a process of its own (an LMS worker), the
 * consumer here. The clock starts when the producer is told to go and stops at the last
 * acknowledgement; the producer process was started and warmed up before.
 */
async function endToEndAcrossProcesses(
  url: string,
  stream: string,
  count: number,
  producer: ProducerProcess,
): Promise<{ rate: number; producerRate: number }> {
  const consuming = await countingConsumer(url, stream, count, 'now');
  try {
    const started = performance.now();
    const published = producer.publish(stream);
    const finished = await consuming.acked;
    const publishMs = await published;
    return { rate: count / ((finished - started) / 1000), producerRate: count / (publishMs / 1000) };
  } finally {
    await consuming.close();
  }
}

/** The producer process: it builds the same events, warms up, then publishes a stream on request. */
class ProducerProcess {
  readonly #child: ChildProcess;
  readonly #ready: Promise<void>;
  #onPublished: ((ms: number) => void) | undefined;
  #onFailed: ((error: Error) => void) | undefined;

  constructor(url: string, count: number, warmStream: string) {
    this.#child = fork(fileURLToPath(import.meta.url), [PRODUCER_ROLE, url, String(count), warmStream], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#ready = new Promise((resolve, reject) => {
      this.#child.once('error', reject);
      this.#child.once('exit', (code) => {
        const error = new Error(`the bench producer process exited with ${code}`);
        reject(error);
        this.#onFailed?.(error);
      });
      this.#child.on('message', (message: ProducerMessage) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'published') this.#onPublished?.(message.ms);
      });
    });
  }

  ready(): Promise<void> {
    return withDeadline(this.#ready, 'the producer process');
  }

  /** Resolves with how long the producer took to publish every event. */
  publish(stream: string): Promise<number> {
    const done = new Promise<number>((resolve, reject) => {
      this.#onPublished = resolve;
      this.#onFailed = reject;
    });
    this.#child.send({ type: 'publish', stream } satisfies ProducerMessage);
    return withDeadline(done, 'the producer process to publish');
  }

  async close(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.send({ type: 'exit' } satisfies ProducerMessage);
    await exited;
  }
}

type ProducerMessage =
  | { type: 'ready' }
  | { type: 'publish'; stream: string }
  | { type: 'published'; ms: number }
  | { type: 'exit' };

/** The forked side of `ProducerProcess`. */
async function runProducerProcess(url: string, count: number, warmStream: string): Promise<void> {
  const events = mixedEvents(count);
  const backend = await createBackend(url);
  const producer = new EventProducer({ backend });
  for (let i = 0; i < Math.min(count, 20_000); i += BATCH)
    await producer.publishBatch(warmStream, events.slice(i, i + BATCH));
  const send = (message: ProducerMessage) => process.send?.(message);
  process.on('message', async (message: ProducerMessage) => {
    if (message.type === 'publish') {
      const started = performance.now();
      for (let i = 0; i < events.length; i += BATCH)
        await producer.publishBatch(message.stream, events.slice(i, i + BATCH));
      send({ type: 'published', ms: performance.now() - started });
    } else if (message.type === 'exit') {
      await producer.close();
      await backend.close();
      process.disconnect();
    }
  });
  send({ type: 'ready' });
}

/** Fails instead of hanging when a bench stalls (a lost acknowledgement, a dead child). */
function withDeadline<T>(promise: Promise<T>, what: string, ms = 300_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The baseline: the same entry bytes, precomputed, XADDed in pipelines of 500 with ioredis. */
async function rawXadd(redis: Redis, stream: string, entries: readonly EntryFields[]): Promise<number> {
  const flat = entries.map((fields) => fields.flat());
  const started = performance.now();
  for (let i = 0; i < flat.length; i += BATCH) {
    const pipeline = redis.pipeline();
    for (const fields of flat.slice(i, i + BATCH)) pipeline.xadd(stream, '*', ...fields);
    const results = await pipeline.exec();
    if (results?.some(([error]) => error)) throw new Error('raw XADD failed');
  }
  return flat.length / ((performance.now() - started) / 1000);
}

/** Diagnostics: the producer alone (publishBatch, no consumer running), in events/s. */
async function publishOnly(url: string, stream: string, events: readonly OpenEdxEvent[]): Promise<number> {
  const backend = await createBackend(url);
  const producer = new EventProducer({ backend });
  try {
    const started = performance.now();
    for (let i = 0; i < events.length; i += BATCH)
      await producer.publishBatch(stream, events.slice(i, i + BATCH));
    return events.length / ((performance.now() - started) / 1000);
  } finally {
    await producer.close();
    await backend.close();
  }
}

/** Diagnostics: a StreamConsumer alone draining a backlog of `count` entries, in events/s. */
async function drainOnly(url: string, stream: string, count: number): Promise<number> {
  const started = performance.now();
  const consuming = await countingConsumer(url, stream, count, 'beginning');
  try {
    const finished = await consuming.acked;
    return count / ((finished - started) / 1000);
  } finally {
    await consuming.close();
  }
}

async function publishLatencies(
  url: string,
  stream: string,
  events: readonly OpenEdxEvent[],
): Promise<number[]> {
  const backend = await createBackend(url);
  const producer = new EventProducer({ backend });
  try {
    for (const event of events.slice(0, 200)) await producer.publish(stream, event); // Warm-up.
    const latencies: number[] = [];
    for (const event of events) {
      const started = performance.now();
      await producer.publish(stream, event);
      latencies.push(performance.now() - started);
    }
    return latencies.sort((a, b) => a - b);
  } finally {
    await producer.close();
    await backend.close();
  }
}

const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

export async function runBusBench(count = 100_000): Promise<void> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `edstream-bench-${randomUUID().slice(0, 8)}`;
  const events = mixedEvents(count);
  const entries = events.map((e) => eventToEntryFields(e));
  const redis = new Redis(url);
  const dir = mkdtempSync(join(tmpdir(), 'edstream-bench-bus-'));
  const producerProcess = new ProducerProcess(url, count, `${prefix}-warm-producer`);
  try {
    // Warm-up of every path on a slice, then interleaved rounds so that noise falls on all alike.
    await producerProcess.ready();
    await endToEnd(url, `${prefix}-warm`, events.slice(0, 10_000));
    await rawXadd(redis, `${prefix}-warm-raw`, entries.slice(0, 10_000));
    await redis.del(`${prefix}-warm`, `${prefix}-warm-raw`, `${prefix}-warm-producer`);
    const e2eRates: number[] = [];
    const producerProcessRates: number[] = [];
    const oneProcessRates: number[] = [];
    const rawRates: number[] = [];
    const publishRates: number[] = [];
    const drainRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const e2eStream = `${prefix}-e2e-${round}`;
      const oneProcessStream = `${prefix}-one-${round}`;
      const rawStream = `${prefix}-raw-${round}`;
      const publishStream = `${prefix}-publish-${round}`;
      const across = await endToEndAcrossProcesses(url, e2eStream, count, producerProcess);
      e2eRates.push(across.rate);
      producerProcessRates.push(across.producerRate);
      rawRates.push(await rawXadd(redis, rawStream, entries));
      oneProcessRates.push(await endToEnd(url, oneProcessStream, events));
      publishRates.push(await publishOnly(url, publishStream, events));
      drainRates.push(await drainOnly(url, publishStream, count));
      await redis.del(e2eStream, oneProcessStream, rawStream, publishStream);
    }
    const e2e = median(e2eRates);
    const raw = median(rawRates);

    const latencyCount = 5_000;
    const latencies = await publishLatencies(url, `${prefix}-latency`, mixedEvents(latencyCount));
    await redis.del(`${prefix}-latency`);

    const sqliteRates = await sqliteInItsOwnProcess(dir, count);
    const sqlite = median(sqliteRates);

    const n = count.toLocaleString('en-US');
    const row = (label: string, figure: string, note = '') =>
      console.log(`  ${label.padEnd(66)}${figure.padStart(12)}  ${note}`.trimEnd());
    console.log(
      `bus: ${n} events of ${MIX.length} types (typical payloads), publish batches of ${BATCH}, median of ${ROUNDS} rounds`,
    );
    row(
      'redis end-to-end: publishBatch → StreamConsumer → ack',
      formatRate(e2e),
      `target >= 50,000/s  ${mark(e2e >= 50_000)}`,
    );
    row('  (producer in its own process, as deployed; first publish → last ack)', '');
    row('baseline: raw pipelined XADD of the same bytes (ioredis)', formatRate(raw));
    row('ratio end-to-end / raw XADD', (e2e / raw).toFixed(2), `target >= 0.35  ${mark(e2e / raw >= 0.35)}`);
    row('  its producer process, first to last publish', formatRate(median(producerProcessRates)));
    row(
      '  end-to-end with producer and consumer in one process (one loop)',
      formatRate(median(oneProcessRates)),
    );
    row('  producer alone (publishBatch, no consumer)', formatRate(median(publishRates)));
    row('  consumer alone (draining a backlog)', formatRate(median(drainRates)));
    row(
      `redis publish latency, ${latencyCount.toLocaleString('en-US')} sequential publish calls`,
      `p50 ${percentile(latencies, 50).toFixed(3)} ms`,
      `p99 ${percentile(latencies, 99).toFixed(3)} ms`,
    );
    row(
      'sqlite end-to-end, durable, one process of its own: publishBatch → consume → ack',
      formatRate(sqlite),
      `target >= 30,000/s  ${mark(sqlite >= 30_000)}`,
    );
    const rounds = (rates: number[]) => rates.map(formatRate).join(' ');
    console.log(
      `  rounds: e2e ${rounds(e2eRates)}; one process ${rounds(oneProcessRates)}; raw ${rounds(rawRates)}; sqlite ${rounds(sqliteRates)}`,
    );
  } finally {
    await producerProcess.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The sqlite rounds, in a fresh process as an application embedding the bus runs them (not in this
 * one, whose heap holds the Redis rounds' inputs): a warm-up, then `ROUNDS` end-to-end runs.
 */
async function sqliteInItsOwnProcess(dir: string, count: number): Promise<number[]> {
  const child = fork(fileURLToPath(import.meta.url), [SQLITE_ROLE, dir, String(count)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const rates = new Promise<number[]>((resolve, reject) => {
    child.once('message', (message: { rates: number[] }) => resolve(message.rates));
    child.once('exit', (code) => reject(new Error(`the sqlite bench process exited with ${code}`)));
  });
  return withDeadline(rates, 'the sqlite rounds');
}

async function runSqliteProcess(dir: string, count: number): Promise<void> {
  const events = mixedEvents(count);
  await endToEnd(`sqlite:${join(dir, 'warm.db')}`, 'bench', events.slice(0, 10_000));
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const path = join(dir, `bus-${round}.db`);
    rates.push(await endToEnd(`sqlite:${path}`, 'bench', events));
    rmSync(path, { force: true });
  }
  process.send?.({ rates }, () => process.disconnect());
}

if (process.argv[2] === SQLITE_ROLE) {
  const [dir, count] = process.argv.slice(3);
  await runSqliteProcess(dir!, Number(count));
}

if (process.argv[2] === PRODUCER_ROLE) {
  const [url, count, warmStream] = process.argv.slice(3);
  await runProducerProcess(url!, Number(count), warmStream!);
}
