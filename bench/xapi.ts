// xAPI benchmark: the transform per profile against the one hash it cannot avoid, and statements
// from the embedded SQLite bus to a local webhook receiver against posting the same pre-built
// batches directly. The receiver and the stream each run in a child process (xapi-children.ts).
// XAPI_BENCH_EVENTS and XAPI_BENCH_ROUNDS change the runs (defaults 100,000 events, 3 rounds).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../src/bus/create-backend.js';
import { createProducer } from '../src/bus/producer.js';
import { fullTopic } from '../src/bus/topics.js';
import { ALL_EVENTS } from '../src/catalog/registry.js';
import type { OpenEdxEvent } from '../src/codecs/codec.js';
import { createSignalRegistry } from '../src/signals/index.js';
import { createCampus } from '../src/sim/campus.js';
import { parseStreamConfig } from '../src/streams/config.js';
import { batchWebhookId, createWebhookPoster } from '../src/streams/sinks/webhook-sink.js';
import { statementId } from '../src/xapi/ids.js';
import type { Statement } from '../src/xapi/statement.js';
import { createTransformer } from '../src/xapi/transform.js';
import { compareRates, formatRate, median } from './measure.js';
import { type Child, startChild } from './xapi-children.js';

const EVENTS = Number(process.env.XAPI_BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.XAPI_BENCH_ROUNDS ?? 3);
const LEARNERS = 5_000;
const COURSES = 200;
/** Statements per webhook request, and requests in flight (the sink's `batchSize` and `parallel`). */
const BATCH = 500;
const PARALLEL = 4;
const XAPI = {
  tenantId: 'b3f0c7a2-0000-4000-8000-000000000001',
  secret: 'bench-pseudonymous-secret',
  platformUrl: 'https://lms.example.com',
} as const;
const TRANSFORM_TARGET = 200_000;
const E2E_TARGET = 20_000;
const E2E_RATIO_TARGET = 0.5;

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** `count` events of a simulated campus, in the proportions an LMS emits them (built before any clock starts). */
async function simulatedEvents(total: number): Promise<OpenEdxEvent[]> {
  const signals = createSignalRegistry({ metadata: { source: 'openedx/lms/web' } });
  const events: OpenEdxEvent[] = [];
  for (const definition of ALL_EVENTS) {
    signals.get(definition.eventType).connect(({ metadata, data }) => {
      events.push({ metadata, data: data as Record<string, unknown> });
    });
  }
  const campus = createCampus(signals, { learners: LEARNERS, courses: COURSES, seed: 1 });
  while (events.length < total) await campus.step();
  return events.slice(0, total);
}

function benchTransform(events: readonly OpenEdxEvent[]): void {
  const types = new Set(events.map((e) => e.metadata.event_type)).size;
  console.log(
    `xapi transform: ${EVENTS.toLocaleString('en-US')} simulated events (${LEARNERS.toLocaleString('en-US')} learners, ${COURSES} courses, ${types} event types); median of 7 interleaved rounds, each with a fresh transformer (cold id caches)`,
  );
  for (const profile of ['brightspace', 'adl'] as const) {
    const probe = createTransformer({ profile, ...XAPI });
    const mapped = events.filter((e) => probe(e).ok);
    let sink = 0;
    const rates = compareRates(mapped.length, {
      // The floor: the deterministic statement id, one UUIDv5 per statement, that no mapping avoids.
      ids: () => {
        for (const event of mapped)
          sink += statementId({ sourceEventId: event.metadata.id, profile, role: 'primary' }).length;
      },
      transform: () => {
        const transform = createTransformer({ profile, ...XAPI });
        for (const event of mapped) {
          const result = transform(event);
          if (result.ok) sink += result.statements.length;
        }
      },
    });
    const [ids, transform] = [rates.ids!, rates.transform!];
    console.log(`  ${profile}: ${mapped.length.toLocaleString('en-US')} mapped events`);
    console.log(`    baseline statement ids only  ${formatRate(ids)}`);
    console.log(
      `    transform                    ${formatRate(transform)}  ratio ${(transform / ids).toFixed(2)} of the baseline  (target ≥ ${TRANSFORM_TARGET.toLocaleString('en-US')}/s: ${verdict(transform >= TRANSFORM_TARGET)})`,
    );
    if (sink === 0) console.log('(nothing transformed)');
  }
}

interface PreparedBatch {
  readonly id: string;
  readonly body: Buffer;
  readonly statements: number;
}

/** The statements of the events in webhook batches: serialized, with their `webhook-id`, as the sink makes them. */
function prepareBatches(events: readonly OpenEdxEvent[]): PreparedBatch[] {
  const transform = createTransformer({ profile: 'brightspace', ...XAPI });
  const statements: Statement[] = [];
  for (const event of events) {
    const result = transform(event);
    if (result.ok) statements.push(...result.statements);
  }
  const batches: PreparedBatch[] = [];
  for (let i = 0; i < statements.length; i += BATCH) {
    const batch = statements.slice(i, i + BATCH);
    batches.push({
      id: batchWebhookId(batch),
      body: Buffer.from(JSON.stringify(batch)),
      statements: batch.length,
    });
  }
  return batches;
}

interface Receiver {
  readonly url: string;
  /** Resets the count; `arrived` resolves when `statements` have come in. */
  expect(statements: number): Promise<{ arrived: Promise<{ done: number }> }>;
  readonly child: Child;
}

async function startReceiver(): Promise<Receiver> {
  const child = startChild('receive');
  const { port } = await child.next<{ port: number }>('port');
  return {
    url: `http://127.0.0.1:${port}/hook`,
    child,
    async expect(statements) {
      const ready = child.next('ready');
      child.send({ expect: statements });
      await ready;
      return { arrived: child.next<{ done: number }>('done') };
    },
  };
}

/** The baseline: the prepared batches signed and POSTed by the sink's own poster, `PARALLEL` at a time. */
async function postDirectly(receiver: Receiver, secret: string, batches: readonly PreparedBatch[]) {
  const statements = batches.reduce((sum, b) => sum + b.statements, 0);
  const poster = createWebhookPoster({ url: receiver.url, secret });
  const { arrived } = await receiver.expect(statements);
  const started = performance.now();
  let next = 0;
  const client = async () => {
    for (let i = next++; i < batches.length; i = next++) await poster.post(batches[i]!.id, batches[i]!.body);
  };
  await Promise.all(Array.from({ length: PARALLEL }, client));
  await arrived;
  const rate = statements / ((performance.now() - started) / 1000);
  poster.close();
  return rate;
}

interface StreamRun {
  rate: number;
  duplicates: number;
  /** RSS of the stream process once loaded, and its peak. */
  rss: number;
  peakRss: number;
}

/** Statements/s from starting a data stream (in its own process) on the pre-filled bus to the receiver holding them all. */
async function streamOnce(config: unknown, receiver: Receiver, statements: number): Promise<StreamRun> {
  const child = startChild('stream');
  try {
    const { ready } = await child.next<{ ready: { rss: number } }>('ready');
    const { arrived } = await receiver.expect(statements);
    const started = performance.now();
    child.send({ start: config });
    const { done } = await arrived;
    const rate = statements / ((performance.now() - started) / 1000);
    const stopped = child.next<{ stopped: { peakRss: number } }>('stopped');
    child.send({ stop: true });
    const { peakRss } = (await stopped).stopped;
    return { rate, duplicates: done - statements, rss: ready.rss, peakRss };
  } finally {
    await child.stop();
  }
}

/** The bus's own ceiling: a consumer with a no-op handler, in its own process, reading the same entries. */
async function drainOnce(bus: string, round: number, count: number): Promise<number> {
  const child = startChild('stream');
  try {
    await child.next('ready');
    const drained = child.next<{ drained: number }>('drained');
    child.send({ drain: { bus, stream: fullTopic('events', 'bench'), group: `drain-${round}`, count } });
    return (await drained).drained;
  } finally {
    await child.stop();
  }
}

async function benchEndToEnd(events: readonly OpenEdxEvent[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'edstream-xapi-bench-'));
  const receiver = await startReceiver();
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  try {
    const bus = `sqlite:${join(dir, 'bus.db')}`;
    const backend = await createBackend(bus);
    const producer = createProducer({ backend });
    const started = performance.now();
    for (let i = 0; i < events.length; i += 1000)
      await producer.publishBatch(fullTopic('events', 'bench'), events.slice(i, i + 1000));
    const publishRate = events.length / ((performance.now() - started) / 1000);
    await producer.close();
    await backend.close();
    const batches = prepareBatches(events);
    const statements = batches.reduce((sum, b) => sum + b.statements, 0);
    const configOf = (round: number) =>
      parseStreamConfig({
        dataDir: join(dir, `state-${round}`),
        xapi: { ...XAPI },
        subscriptions: [
          {
            name: 'bench',
            profile: 'brightspace',
            // A new group each round reads the whole stream from its beginning.
            source: { bus, topic: 'events', prefix: 'bench', group: `xapi-${round}` },
            sinks: [{ type: 'webhook', url: receiver.url, secret, batchSize: BATCH, parallel: PARALLEL }],
          },
        ],
      });

    console.log(
      `xapi end to end: ${count(statements)} brightspace statements pre-published on the SQLite bus (at ${formatRate(publishRate)}); webhook batches of ${BATCH}, ${PARALLEL} in flight; the receiver and the stream each in a child process; timed from starting the stream until the receiver has every statement; ${ROUNDS} rounds, alternating`,
    );
    // Warm-up: connections, the JIT, and the receiver.
    await postDirectly(receiver, secret, batches.slice(0, 20));
    const direct: number[] = [];
    const runs: StreamRun[] = [];
    const drained: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      direct.push(await postDirectly(receiver, secret, batches));
      runs.push(await streamOnce(configOf(round), receiver, statements));
      drained.push(await drainOnce(bus, round, events.length));
    }
    const streamed = runs.map((r) => r.rate);
    const [base, ours] = [median(direct), median(streamed)];
    console.log(
      `  baseline POST pre-built batches  ${formatRate(base)}  (rounds: ${direct.map(count).join(', ')})`,
    );
    console.log(
      `  bus → stream → webhook           ${formatRate(ours)}  (rounds: ${streamed.map(count).join(', ')})`,
    );
    console.log(
      `  ratio ${(ours / base).toFixed(2)} of the baseline  (targets ≥ ${count(E2E_TARGET)}/s: ${verdict(ours >= E2E_TARGET)}; ≥ ${E2E_RATIO_TARGET.toFixed(2)} of the baseline: ${verdict(ours / base >= E2E_RATIO_TARGET)})`,
    );
    console.log(
      `  for reference, the bus alone: a no-op consumer reads ${formatRate(median(drained))}  (rounds: ${drained.map(count).join(', ')})`,
    );
    const duplicates = runs.reduce((sum, r) => sum + r.duplicates, 0);
    console.log(
      `  memory of the stream process: peak RSS ${runs.map((r) => mb(r.peakRss)).join(', ')} (${mb(median(runs.map((r) => r.rss)))} once loaded)${duplicates > 0 ? `; ${count(duplicates)} statements delivered twice` : ''}`,
    );
  } finally {
    await receiver.child.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runXapiBench(): Promise<void> {
  const events = await simulatedEvents(EVENTS);
  benchTransform(events);
  await benchEndToEnd(events);
}
