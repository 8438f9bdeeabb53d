import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { formatRate, median, percentile } from './measure.js';

// The events an LMS emits most, weighted roughly as they occur (the same mix as the codec bench).
const MIX: ReadonlyArray<readonly [string, number]> = [
  ['org.openedx.learning.auth.session.login.completed.v1', 20],
  ['org.openedx.learning.course.enrollment.created.v1', 12],
  ['org.openedx.learning.course.persistent_grade_summary.changed.v1', 15],
  ['org.openedx.learning.course.passing.status.updated.v1', 8],
  ['org.openedx.learning.forum.thread.created.v1', 6],
  ['org.openedx.learning.forum.thread.response.created.v1', 6],
  ['org.openedx.learning.certificate.created.v1', 4],
  ['org.openedx.learning.ora.submission.created.v1', 5],
  ['org.openedx.learning.exam.attempt.submitted.v1', 4],
  ['org.openedx.content_authoring.xblock.published.v1', 8],
  ['org.openedx.learning.course.unenrollment.completed.v1', 4],
  ['org.openedx.learning.student.registration.completed.v1', 4],
  ['org.openedx.learning.badge.awarded.v1', 2],
  ['org.openedx.learning.cohort_membership.changed.v1', 2],
];

const BATCH = 500;
const ROUNDS = 3;

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

/** The backend with its acknowledgements counted; `done` resolves at the time the last one landed. */
function countingAcks(inner: BusBackend, target: number): { backend: BusBackend; done: Promise<number> } {
  let acked = 0;
  let resolveDone: (at: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });
  const ack: BusBackend['ack'] = async (stream, group, ids) => {
    const n = await inner.ack(stream, group, ids);
    acked += ids.length;
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

/**
 * Events/s from the first publish to the last acknowledgement: `publishBatch` in batches of 500
 * while a `StreamConsumer` with a no-op handler reads and acknowledges in the same process.
 */
async function endToEnd(url: string, stream: string, events: readonly OpenEdxEvent[]): Promise<number> {
  const producerBackend = await createBackend(url);
  const consumerBackend = await createBackend(url);
  const counting = countingAcks(consumerBackend, events.length);
  const producer = new EventProducer({ backend: producerBackend });
  const consumer = new StreamConsumer({
    backend: counting.backend,
    stream,
    group: 'bench',
    consumer: 'c1',
    from: 'now',
    blockMs: 100,
    logger: silentLogger,
    handler: () => {},
  });
  try {
    await consumer.start();
    const started = performance.now();
    for (let i = 0; i < events.length; i += BATCH)
      await producer.publishBatch(stream, events.slice(i, i + BATCH));
    const finished = await counting.done;
    return events.length / ((finished - started) / 1000);
  } finally {
    await consumer.stop();
    await producer.close();
    await consumerBackend.close();
    await producerBackend.close();
  }
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
  const backend = await createBackend(url);
  const counting = countingAcks(backend, count);
  const consumer = new StreamConsumer({
    backend: counting.backend,
    stream,
    group: 'drain',
    consumer: 'c1',
    from: 'beginning',
    blockMs: 100,
    logger: silentLogger,
    handler: () => {},
  });
  try {
    const started = performance.now();
    await consumer.start();
    const finished = await counting.done;
    return count / ((finished - started) / 1000);
  } finally {
    await consumer.stop();
    await backend.close();
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
  try {
    // Warm-up of both paths on a slice, then interleaved rounds so that noise falls on both alike.
    await endToEnd(url, `${prefix}-warm`, events.slice(0, 10_000));
    await rawXadd(redis, `${prefix}-warm-raw`, entries.slice(0, 10_000));
    await redis.del(`${prefix}-warm`, `${prefix}-warm-raw`);
    const e2eRates: number[] = [];
    const rawRates: number[] = [];
    const publishRates: number[] = [];
    const drainRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const e2eStream = `${prefix}-e2e-${round}`;
      const rawStream = `${prefix}-raw-${round}`;
      const publishStream = `${prefix}-publish-${round}`;
      e2eRates.push(await endToEnd(url, e2eStream, events));
      rawRates.push(await rawXadd(redis, rawStream, entries));
      publishRates.push(await publishOnly(url, publishStream, events));
      drainRates.push(await drainOnly(url, publishStream, count));
      await redis.del(e2eStream, rawStream, publishStream);
    }
    const e2e = median(e2eRates);
    const raw = median(rawRates);

    const latencyCount = 5_000;
    const latencies = await publishLatencies(url, `${prefix}-latency`, mixedEvents(latencyCount));
    await redis.del(`${prefix}-latency`);

    const sqliteRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const path = join(dir, `bus-${round}.db`);
      sqliteRates.push(await endToEnd(`sqlite:${path}`, 'bench', events));
      rmSync(path, { force: true });
    }
    const sqlite = median(sqliteRates);

    const n = count.toLocaleString('en-US');
    const row = (label: string, figure: string, note = '') =>
      console.log(`  ${label.padEnd(58)}${figure.padStart(12)}  ${note}`.trimEnd());
    console.log(
      `bus: ${n} events of ${MIX.length} types (typical payloads), batches of ${BATCH}, median of ${ROUNDS} rounds`,
    );
    row(
      'redis end-to-end: publishBatch → StreamConsumer → ack',
      formatRate(e2e),
      `target >= 50,000/s  ${mark(e2e >= 50_000)}`,
    );
    row('baseline: raw pipelined XADD of the same bytes (ioredis)', formatRate(raw));
    row('ratio end-to-end / raw XADD', (e2e / raw).toFixed(2), `target >= 0.35  ${mark(e2e / raw >= 0.35)}`);
    row('  producer alone (publishBatch, no consumer)', formatRate(median(publishRates)));
    row('  consumer alone (draining a backlog)', formatRate(median(drainRates)));
    row(
      `redis publish latency, ${latencyCount.toLocaleString('en-US')} sequential publish calls`,
      `p50 ${percentile(latencies, 50).toFixed(3)} ms`,
      `p99 ${percentile(latencies, 99).toFixed(3)} ms`,
    );
    row(
      'sqlite end-to-end, durable: publishBatch → consume → ack',
      formatRate(sqlite),
      `target >= 30,000/s  ${mark(sqlite >= 30_000)}`,
    );
    console.log(
      `  rounds: e2e ${e2eRates.map(formatRate).join(' ')}; raw ${rawRates.map(formatRate).join(' ')}; sqlite ${sqliteRates.map(formatRate).join(' ')}`,
    );
  } finally {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
