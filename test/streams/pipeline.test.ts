import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusBackend } from '../../src/bus/backend.js';
import { createBackend } from '../../src/bus/create-backend.js';
import { entryField } from '../../src/bus/stream-entry.js';
import { EdstreamError } from '../../src/errors.js';
import { silentLogger } from '../../src/logging.js';
import { parseStreamConfig } from '../../src/streams/config.js';
import { createStream, type DataStream } from '../../src/streams/pipeline.js';
import {
  makeEvents,
  mappedEventTypes,
  ndjson,
  publish,
  runCli,
  statementIds,
  streamConfig,
  tempDir,
  waitFor,
  webhookSecret,
} from './stream-kit.js';
import { WebhookReceiver } from './webhook-receiver.js';

const TYPES = mappedEventTypes('brightspace');
const STREAM = 'dev-events';
const busSource = { bus: 'memory:', topic: 'events', prefix: 'dev', group: 'xapi' };

let dir: string;
let bus: BusBackend;
let running: DataStream | undefined;
let receiver: WebhookReceiver;
const secret = webhookSecret();

beforeEach(async () => {
  dir = tempDir('pipeline');
  bus = await createBackend('memory:');
  receiver = await WebhookReceiver.start({ secret });
});

afterEach(async () => {
  await running?.stop();
  running = undefined;
  await receiver.close();
  await bus.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a stream on the shared memory bus; `sinks` default to one fast-retrying webhook sink. */
async function start(subscription: Record<string, unknown> = {}): Promise<DataStream> {
  const config = parseStreamConfig(
    streamConfig(dir, {
      source: busSource,
      sinks: [webhook()],
      ...subscription,
    }),
  );
  running = await createStream(config, {
    logger: silentLogger,
    backendFor: async () => bus,
    statusIntervalMs: 20,
  });
  return running;
}

function webhook(options: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'webhook', url: receiver.url, secret, batchMs: 20, retryBaseMs: 10, ...options };
}

const sinkOf = (stream: DataStream, index = 0) => stream.subscriptions[0]!.sinks[index]!;

async function pendingIn(backend: BusBackend, stream = STREAM, group = 'xapi'): Promise<number> {
  const info = await backend.info(stream);
  return info?.groups.find((g) => g.name === group)?.pending ?? 0;
}

/** Writes the configuration for the CLI commands that read it. */
function writeConfig(config: unknown): string {
  const path = join(dir, 'stream.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('webhook sink', () => {
  it('signs every request per Standard Webhooks and sends the custom headers', async () => {
    const events = makeEvents(25, TYPES);
    await start({
      sinks: [webhook({ headers: { 'x-tenant': 'acme', authorization: 'Bearer t0ken' }, batchSize: 10 })],
    });
    await publish(bus, STREAM, events);
    await receiver.until(() => receiver.uniqueDelivered === 25);

    expect(receiver.badSignatures).toBe(0);
    expect([...receiver.statements.keys()].sort()).toEqual(statementIds(events).sort());
    for (const request of receiver.requests) {
      expect(request.headers['x-tenant']).toBe('acme');
      expect(request.headers.authorization).toBe('Bearer t0ken');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.webhookId).toMatch(/^msg_[\w-]+$/);
      expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(request.statementIds.length).toBeLessThanOrEqual(10);
    }
    await waitFor(async () => (await pendingIn(bus)) === 0, 'every entry acknowledged');
  });

  it('sends one statement per request in single mode', async () => {
    const events = makeEvents(4, TYPES);
    await start({ sinks: [webhook({ single: true })] });
    await publish(bus, STREAM, events);
    await receiver.until(() => receiver.uniqueDelivered === 4);
    expect(receiver.requests.map((r) => r.statementIds.length)).toEqual([1, 1, 1, 1]);
    expect(receiver.requests.map((r) => r.webhookId).sort()).toEqual(
      statementIds(events)
        .map((id) => `msg_${id}`)
        .sort(),
    );
  });

  it('dead-letters what a receiver refuses for a bad signature, without splitting the batch', async () => {
    const events = makeEvents(6, TYPES);
    const stream = await start({ sinks: [webhook({ secret: webhookSecret(), batchSize: 100 })] });
    await publish(bus, STREAM, events);
    await waitFor(() => sinkOf(stream).stats.deadLettered === 6, 'the batch dead-lettered');

    expect(receiver.badSignatures).toBeGreaterThan(0);
    expect(receiver.badSignatures).toBe(receiver.requests.length);
    expect(receiver.uniqueDelivered).toBe(0);
    const letters = stream.state.deadLetters();
    expect(letters.map((l) => l.statementId).sort()).toEqual(statementIds(events).sort());
    expect(letters.every((l) => l.code === 'sink.rejected' && l.message.includes('401'))).toBe(true);
    await waitFor(async () => (await pendingIn(bus)) === 0, 'dead-lettered entries acknowledged');
  });

  it('sends full batches at once and holds the rest until the batch time or a flush', async () => {
    const stream = await start({ sinks: [webhook({ batchSize: 10, batchMs: 600_000 })] });
    await publish(bus, STREAM, makeEvents(35, TYPES));
    await waitFor(
      () => sinkOf(stream).stats.delivered === 30 && sinkOf(stream).stats.queued === 5,
      '3 batches',
    );
    expect(receiver.requests.map((r) => r.statementIds.length)).toEqual([10, 10, 10]);

    await stream.stop();
    expect(receiver.requests.map((r) => r.statementIds.length)).toEqual([10, 10, 10, 5]);
    expect(receiver.uniqueDelivered).toBe(35);
  });

  it('sends a partial batch once its oldest statement has waited batchMs', async () => {
    const stream = await start({ sinks: [webhook({ batchSize: 1000, batchMs: 30 })] });
    await publish(bus, STREAM, makeEvents(7, TYPES));
    await receiver.until(() => receiver.uniqueDelivered === 7);
    expect(receiver.requests.map((r) => r.statementIds.length)).toEqual([7]);
    expect(sinkOf(stream).stats.queued).toBe(0);
  });

  it('retries 500s until every statement is delivered', async () => {
    const events = makeEvents(40, TYPES);
    receiver.fail(3, 500);
    const stream = await start({ sinks: [webhook({ batchSize: 10 })] });
    await publish(bus, STREAM, events);
    await waitFor(() => sinkOf(stream).stats.delivered === 40, 'all delivered');

    expect(receiver.uniqueDelivered).toBe(40);
    expect(receiver.requests.filter((r) => r.status === 500)).toHaveLength(3);
    expect(receiver.duplicates).toBe(0);
    expect(sinkOf(stream).stats).toMatchObject({ delivered: 40, deadLettered: 0 });
    expect(stream.state.deadLetters()).toEqual([]);
  });

  it('waits at least the Retry-After of a 429 before trying again', async () => {
    receiver.rateLimit(1, 1);
    await start({ sinks: [webhook({ batchSize: 10, retryBaseMs: 5 })] });
    await publish(bus, STREAM, makeEvents(5, TYPES));
    await receiver.until(() => receiver.uniqueDelivered === 5);

    const [limited, retry] = receiver.requests;
    expect(limited?.status).toBe(429);
    expect(retry?.status).toBe(200);
    expect(retry?.webhookId).toBe(limited?.webhookId);
    expect(retry!.at - limited!.at).toBeGreaterThanOrEqual(1000);
  });

  it('retries a request that timed out, with the same webhook id and statement ids', async () => {
    receiver.hang(1);
    const events = makeEvents(10, TYPES);
    const stream = await start({ sinks: [webhook({ batchSize: 10, batchMs: 50, timeoutMs: 200 })] });
    await publish(bus, STREAM, events);
    await waitFor(() => sinkOf(stream).stats.delivered === 10, 'delivery after the timeout');

    const [hung, retry] = receiver.requests;
    expect(hung?.status).toBe(0);
    expect(retry?.status).toBe(200);
    expect(retry?.webhookId).toBe(hung?.webhookId);
    expect(retry?.statementIds).toEqual(hung?.statementIds);
    // The receiver had the hung batch: its statements arrive twice, as the same ids and content.
    expect(receiver.uniqueDelivered).toBe(10);
    expect(receiver.conflicts).toBe(0);
    expect(receiver.duplicates).toBe(hung?.statementIds.length);
  });

  it('dead-letters statements after maxAttempts retryable failures', async () => {
    receiver.fail(1000, 503);
    const stream = await start({ sinks: [webhook({ batchSize: 10, maxAttempts: 3, retryMaxMs: 20 })] });
    await publish(bus, STREAM, makeEvents(4, TYPES));
    await waitFor(() => sinkOf(stream).stats.deadLettered === 4, 'dead letters');
    expect(receiver.requests).toHaveLength(3);
    expect(stream.state.deadLetters().map((l) => [l.code, l.attempts])).toEqual(
      Array(4).fill(['sink.unavailable', 3]),
    );
  });
});

describe('permanent rejections and the dead-letter CLI', () => {
  it('dead-letters only the rejected statement, lists it, and replays it once the receiver accepts it', async () => {
    const events = makeEvents(20, TYPES);
    const ids = statementIds(events);
    const bad = ids[13]!;
    receiver.rejectWhen = (statement) => statement.id === bad;
    const config = streamConfig(dir, {
      source: busSource,
      sinks: [webhook({ name: 'partner', batchSize: 20, batchMs: 50 })],
    });
    const configPath = writeConfig(config);
    const stream = await start({ sinks: config.subscriptions[0]!.sinks });
    await publish(bus, STREAM, events);
    await waitFor(
      () => sinkOf(stream).stats.deadLettered === 1 && sinkOf(stream).stats.delivered === 19,
      'isolation',
    );

    expect([...receiver.statements.keys()].sort()).toEqual(ids.filter((id) => id !== bad).sort());
    // Halving isolates the statement in about 2·log2(n) requests, not one request per statement.
    expect(receiver.requests.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(20)));
    const letters = stream.state.deadLetters({ sink: 'partner' });
    expect(letters.map((l) => [l.statementId, l.code, l.statement.id])).toEqual([
      [bad, 'sink.rejected', bad],
    ]);
    await stream.stop();

    const listed = await runCli(['stream', 'dlq', 'list', '--config', configPath, '--json']);
    expect(listed.code).toBe(0);
    const rows = lines(listed.stdout).map((l) => JSON.parse(l) as { statementId: string; sink: string });
    expect(rows.map((r) => [r.sink, r.statementId])).toEqual([['partner', bad]]);
    const table = await runCli(['stream', 'dlq', 'list', '--config', configPath]);
    expect(table.stdout).toContain(bad);

    const stillBad = await runCli(['stream', 'dlq', 'replay', '--config', configPath, '--all']);
    expect(stillBad.stdout).toContain('replayed 0, still failing 1');
    expect(stillBad.code).toBe(1);

    receiver.rejectWhen = undefined;
    const replayed = await runCli(['stream', 'dlq', 'replay', '--config', configPath, '--all']);
    expect(replayed.stdout).toContain('replayed 1, still failing 0');
    expect(replayed.code).toBe(0);
    expect(receiver.statements.has(bad)).toBe(true);
    expect(receiver.badSignatures).toBe(0);
    const after = await runCli(['stream', 'dlq', 'list', '--config', configPath, '--json']);
    expect(lines(after.stdout)).toEqual([]);
  });

  it('rejects a malformed dead letter id', async () => {
    const configPath = writeConfig(streamConfig(dir, { source: busSource, sinks: [webhook()] }));
    const result = await runCli(['stream', 'dlq', 'replay', '--config', configPath, '--id', 'x1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--id takes a dead letter id');
  });
});

describe('acknowledgement, status and backpressure', () => {
  it('acknowledges an entry only when every sink accepted it, and status shows each sink', async () => {
    // A real sqlite bus, opened by URL by the pipeline and separately by the test.
    const busUrl = `sqlite:${join(dir, 'bus.db')}`;
    const sqlite = await createBackend(busUrl);
    try {
      const config = streamConfig(dir, {
        source: { ...busSource, bus: busUrl },
        sinks: [
          { type: 'file', name: 'archive', path: join(dir, 'out', 'statements.ndjson'), batchMs: 10 },
          webhook({ name: 'partner', batchSize: 10, retryBaseMs: 20, retryMaxMs: 50, maxAttempts: 10_000 }),
        ],
      });
      const configPath = writeConfig(config);
      await receiver.goDown(503);
      running = await createStream(parseStreamConfig(config), { logger: silentLogger, statusIntervalMs: 20 });
      const [archive, partner] = running.subscriptions[0]!.sinks;
      await publish(sqlite, STREAM, makeEvents(10, TYPES));

      await waitFor(
        () => archive!.stats.delivered === 10 && partner!.stats.retrying === 10,
        'the file sink done, the webhook retrying',
      );
      expect(await pendingIn(sqlite)).toBe(10);
      await waitFor(
        () => running!.state.statuses().some((s) => s.sink === 'partner' && s.retrying === 10),
        'the status saved',
      );
      const during = await runCli(['stream', 'status', '--config', configPath, '--json']);
      const rows = lines(during.stdout).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(rows.map((r) => [r.sink, r.delivered, r.retrying, r.deadLettered])).toEqual([
        ['archive', 10, 0, 0],
        ['partner', 0, 10, 0],
      ]);
      expect(rows.every((r) => r.lag === 0)).toBe(true);
      expect(await pendingIn(sqlite)).toBe(10);

      await receiver.comeBack();
      await waitFor(async () => (await pendingIn(sqlite)) === 0, 'acknowledged once both sinks accepted');
      expect(partner!.stats).toMatchObject({ delivered: 10, retrying: 0 });
      await running.stop();
      running = undefined;

      const table = await runCli(['stream', 'status', '--config', configPath]);
      expect(table.code).toBe(0);
      const [header, , ...body] = lines(table.stdout);
      expect(header?.split(/\s{2,}/)).toEqual([
        'subscription',
        'sink',
        'delivered',
        'retrying',
        'dead-lettered',
        'queued',
        'lag',
        'updated',
      ]);
      expect(body.map((row) => row.split(/\s+/).slice(0, 7))).toEqual([
        ['main', 'archive', '10', '0', '0', '0', '0'],
        ['main', 'partner', '10', '0', '0', '0', '0'],
      ]);
    } finally {
      await running?.stop();
      running = undefined;
      await sqlite.close();
    }
  });

  it('keeps the events read but unfinished bounded while a sink is stalled, then delivers all 50,000', async () => {
    const count = 50_000;
    const inFlight = 300;
    const maxQueued = 100;
    await publish(bus, STREAM, makeEvents(count, TYPES));
    receiver.stall();
    const stream = await start({
      inFlight,
      sinks: [webhook({ batchSize: 50, parallel: 2, maxQueued, timeoutMs: 120_000 })],
    });
    const consumer = stream.subscriptions[0]!.consumer!;
    const sink = sinkOf(stream);
    const readBatch = Math.min(1000, inFlight);
    const max = { inFlight: 0, queued: 0, unfinished: 0 };
    const sample = setInterval(() => {
      max.inFlight = Math.max(max.inFlight, consumer.stats.inFlight);
      max.queued = Math.max(max.queued, sink.stats.queued);
      max.unfinished = Math.max(max.unfinished, consumer.stats.delivered - consumer.stats.handled);
    }, 1);
    try {
      await waitFor(() => receiver.held === 2 && sink.stats.queued === maxQueued, 'the sink saturated');
      await waitFor(() => consumer.stats.delivered >= inFlight + readBatch, 'the consumer saturated');
      // Give the pipeline many turns to overrun its bounds, were it going to.
      for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 2));
      expect(consumer.stats.delivered).toBe(inFlight + readBatch);
      expect(consumer.stats.handled).toBe(0);
      // Read from the bus, too: the batch the consumer reads ahead while the others are handled.
      expect(await pendingIn(bus)).toBe(inFlight + 2 * readBatch);

      receiver.release();
      await waitFor(() => sink.stats.delivered === count, 'all 50,000 delivered', { timeoutMs: 60_000 });
      await waitFor(async () => (await pendingIn(bus)) === 0, 'all acknowledged');
    } finally {
      clearInterval(sample);
    }
    expect(max.inFlight).toBeLessThanOrEqual(inFlight + readBatch);
    expect(max.unfinished).toBeLessThanOrEqual(inFlight + readBatch);
    expect(max.queued).toBeLessThanOrEqual(maxQueued);
    expect(receiver.uniqueDelivered).toBe(count);
    expect(receiver.duplicates).toBe(0);
  }, 90_000);
});

describe('other sinks and filters', () => {
  it('publishes statements onto a bus stream, one entry each', async () => {
    const events = makeEvents(30, TYPES);
    const stream = await start({
      sinks: [{ type: 'bus', bus: 'memory:', topic: 'statements', prefix: 'dev', batchSize: 8, batchMs: 10 }],
    });
    await publish(bus, STREAM, events);
    await waitFor(() => sinkOf(stream).stats.delivered === 30, 'published');

    const entries = await bus.range('dev-statements', '-', '+');
    expect(entries.map((e) => entryField(e, 'type'))).toEqual(Array(30).fill('xapi.statement'));
    const published = entries.map((e) => JSON.parse(entryField(e, 'statement')!) as { id: string });
    expect(published.map((s) => s.id).sort()).toEqual(statementIds(events).sort());
    expect(entries.map((e) => entryField(e, 'id'))).toEqual(published.map((s) => s.id));
  });

  it('rotates the NDJSON file by size without losing or repeating a statement', async () => {
    const events = makeEvents(60, TYPES);
    const out = join(dir, 'out', 'statements.ndjson');
    const maxBytes = 4000;
    const stream = await start({
      sinks: [{ type: 'file', path: out, maxBytes, batchSize: 4, batchMs: 5, parallel: 4 }],
    });
    await publish(bus, STREAM, events);
    await waitFor(() => sinkOf(stream).stats.delivered === 60, 'written');
    await stream.stop();

    const files = readdirSync(join(dir, 'out')).sort();
    expect(files.length).toBeGreaterThan(2);
    const rotated = files.filter((f) => f !== 'statements.ndjson');
    for (const file of rotated) {
      expect(file).toMatch(/^statements\.ndjson\.\d{4}-\d\d-\d\dT[\d-]+Z(\.\d+)?$/);
      expect(statSync(join(dir, 'out', file)).size).toBeGreaterThanOrEqual(maxBytes);
    }
    const written = files.flatMap((f) =>
      lines(readFileSync(join(dir, 'out', f), 'utf8')).map((l) => (JSON.parse(l) as { id: string }).id),
    );
    expect(written.sort()).toEqual(statementIds(events).sort());
  });

  it('rotates the NDJSON file by age', async () => {
    const out = join(dir, 'out', 'statements.ndjson');
    const stream = await start({ sinks: [{ type: 'file', path: out, maxAgeMs: 40, batchMs: 5 }] });
    await publish(bus, STREAM, makeEvents(3, TYPES));
    await waitFor(() => sinkOf(stream).stats.delivered === 3, 'first write');
    const firstWrite = Date.now();
    await waitFor(() => Date.now() - firstWrite > 60, 'the file to age');
    await publish(bus, STREAM, makeEvents(2, TYPES));
    await waitFor(() => sinkOf(stream).stats.delivered === 5, 'second write');
    await stream.stop();

    const files = readdirSync(join(dir, 'out')).sort();
    expect(files).toHaveLength(2);
    expect(lines(readFileSync(join(dir, 'out', files[1]!), 'utf8'))).toHaveLength(3);
    expect(lines(readFileSync(out, 'utf8'))).toHaveLength(2);
  });

  it('delivers to an LRS in batches: known ids count as delivered, a bad statement is dead-lettered', async () => {
    const events = makeEvents(30, TYPES);
    const ids = statementIds(events);
    const bad = ids[17]!;
    const lrs = await FakeLrs.start({ username: 'key', password: 'pass', bad: new Set([bad]) });
    try {
      for (const id of ids.slice(0, 5)) lrs.stored.set(id, { id });
      const stream = await start({
        sinks: [
          {
            type: 'lrs',
            endpoint: `${lrs.url}/xapi/`,
            username: 'key',
            password: 'pass',
            version: '1.0.3',
            batchSize: 10,
            batchMs: 20,
            retryBaseMs: 10,
          },
        ],
      });
      await publish(bus, STREAM, events);
      await waitFor(() => sinkOf(stream).stats.delivered + sinkOf(stream).stats.deadLettered === 30, 'done');

      expect(sinkOf(stream).stats).toMatchObject({ delivered: 29, deadLettered: 1 });
      expect([...lrs.stored.keys()].sort()).toEqual(ids.filter((id) => id !== bad).sort());
      expect(lrs.statuses.has(409)).toBe(true);
      expect(lrs.statuses.has(400)).toBe(true);
      expect(lrs.unauthorized).toBe(0);
      expect(lrs.maxBatch).toBe(10);
      expect(stream.state.deadLetters().map((l) => [l.statementId, l.code])).toEqual([
        [bad, 'sink.rejected'],
      ]);
    } finally {
      await running?.stop();
      running = undefined;
      await lrs.close();
    }
  });

  it('filters event types by globs', async () => {
    const wanted = [
      'org.openedx.learning.course.enrollment.created.v1',
      'org.openedx.learning.course.persistent_grade_summary.changed.v1',
      'org.openedx.learning.auth.session.login.completed.v1',
    ];
    const others = [
      'org.openedx.learning.forum.thread.created.v1',
      'org.openedx.content_authoring.xblock.published.v1',
      'org.openedx.learning.certificate.created.v1',
    ];
    const events = makeEvents(24, [...wanted, ...others]);
    const stream = await start({
      filter: { types: ['org.openedx.learning.course.*', '*.session.login.completed.v1'] },
    });
    await publish(bus, STREAM, events);
    await waitFor(() => stream.subscriptions[0]!.counters.received === 24, 'all read');
    const expected = statementIds(events.filter((e) => wanted.includes(e.metadata.event_type)));
    await receiver.until(() => receiver.uniqueDelivered === expected.length);

    expect([...receiver.statements.keys()].sort()).toEqual(expected.sort());
    expect(stream.subscriptions[0]!.counters).toMatchObject({ received: 24, filtered: 12, transformed: 12 });
  });
});

describe('stream run with a file source', () => {
  it('ends by itself at the end of the file and resumes after its checkpoint', async () => {
    const source = join(dir, 'events.ndjson');
    const out = join(dir, 'out', 'statements.ndjson');
    const first = makeEvents(12, TYPES);
    writeFileSync(source, `${ndjson(first.slice(0, 6))}not json\n\n${ndjson(first.slice(6))}`);
    const configPath = writeConfig(
      streamConfig(dir, { source: { file: source }, sinks: [{ type: 'file', path: out, batchMs: 10 }] }),
    );
    const written = () => lines(readFileSync(out, 'utf8')).map((l) => (JSON.parse(l) as { id: string }).id);

    const run1 = await runCli(['stream', 'run', '--config', configPath]);
    expect(run1.code).toBe(0);
    expect(run1.stderr).toContain('main: 12 events');
    expect(written().sort()).toEqual(statementIds(first).sort());

    const run2 = await runCli(['stream', 'run', '--config', configPath]);
    expect(run2.code).toBe(0);
    expect(run2.stderr).toContain('main: 0 events');
    expect(written()).toHaveLength(12);

    const more = makeEvents(5, TYPES);
    appendFileSync(source, ndjson(more));
    const run3 = await runCli(['stream', 'run', '--config', configPath]);
    expect(run3.stderr).toContain('main: 5 events');
    expect(written().sort()).toEqual(statementIds([...first, ...more]).sort());
  });

  it('stops reading a file source when the stream is stopped, checkpointing what was handled', async () => {
    const source = join(dir, 'events.ndjson');
    writeFileSync(source, ndjson(makeEvents(3000, TYPES)));
    const config = parseStreamConfig(
      streamConfig(dir, {
        source: { file: source },
        inFlight: 10,
        sinks: [webhook({ batchSize: 10, batchMs: 5 })],
      }),
    );
    receiver.delayMs = 5;
    const stream = await createStream(config, { logger: silentLogger });
    await receiver.until(() => receiver.uniqueDelivered >= 20);
    await stream.stop();
    const handled = stream.subscriptions[0]!.counters.received;
    expect(handled).toBeLessThan(3000);
    expect(receiver.uniqueDelivered).toBe(handled);

    receiver.delayMs = 0;
    const resumed = await createStream(config, { logger: silentLogger });
    running = resumed;
    await resumed.subscriptions[0]!.done;
    await waitFor(() => receiver.uniqueDelivered === 3000, 'the rest after the checkpoint');
    expect(receiver.duplicates).toBe(0);
  });
});

describe('configuration errors', () => {
  const broken = () => ({
    dataDir: dir,
    xapi: { tenantId: 't', secret: 'short' },
    subscriptions: [
      {
        name: 'main',
        profile: 'scorm',
        source: { bus: 'memory:', topic: 'events' },
        sinks: [
          { type: 'webhook', url: 'not a url', secret: '${EDSTREAM_TEST_UNSET_SECRET}' },
          { type: 'file', path: 'x.ndjson', batchSize: 0, maxBytes: -1 },
          { type: 'carrier-pigeon' },
        ],
      },
    ],
  });

  it('reports every issue with its path', () => {
    let error: unknown;
    try {
      parseStreamConfig(broken());
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(EdstreamError);
    const issues = (error as EdstreamError).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(
      [
        'subscriptions.0.sinks.0.secret',
        'xapi.secret',
        'subscriptions.0.source',
        'subscriptions.0.profile',
        'subscriptions.0.sinks.0.url',
        'subscriptions.0.sinks.1.batchSize',
        'subscriptions.0.sinks.1.maxBytes',
        'subscriptions.0.sinks.2.type',
      ].sort(),
    );
    expect(issues.find((i) => i.path === 'subscriptions.0.sinks.0.secret')?.message).toContain(
      'EDSTREAM_TEST_UNSET_SECRET',
    );
  });

  it('stream run prints every issue and fails', async () => {
    const configPath = writeConfig(broken());
    const result = await runCli(['stream', 'run', '--config', configPath]);
    expect(result.code).not.toBe(0);
    for (const path of ['xapi.secret', 'subscriptions.0.profile', 'subscriptions.0.sinks.0.url'])
      expect(result.stderr).toContain(path);
  });

  it('refuses two sinks of a subscription with the same name', () => {
    const config = streamConfig(dir, {
      source: busSource,
      sinks: [webhook({ name: 'same' }), { type: 'file', name: 'same', path: 'x.ndjson' }],
    });
    expect(() => parseStreamConfig(config)).toThrow(/subscriptions\.0\.sinks\.1\.name: another sink/);
  });
});

interface FakeLrsOptions {
  username: string;
  password: string;
  /** Statement ids the LRS rejects with 400 (the batch with them, as a whole). */
  bad: ReadonlySet<string>;
}

/** A small xAPI LRS: `POST …/statements` all-or-nothing, 409 for a known id, Basic auth. */
class FakeLrs {
  readonly stored = new Map<string, unknown>();
  readonly statuses = new Set<number>();
  unauthorized = 0;
  maxBatch = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(options: FakeLrsOptions): Promise<FakeLrs> {
    const expectedAuth = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
    let lrs: FakeLrs | undefined;
    const server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const answer = (status: number, body: unknown) => {
        lrs!.statuses.add(status);
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || request.url !== '/xapi/statements') return answer(404, {});
      if (request.headers.authorization !== expectedAuth) {
        lrs!.unauthorized++;
        return answer(401, { error: 'unauthorized' });
      }
      if (request.headers['x-experience-api-version'] !== '1.0.3') return answer(400, { error: 'version' });
      const statements = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string }[];
      lrs!.maxBatch = Math.max(lrs!.maxBatch, statements.length);
      if (statements.some((s) => options.bad.has(s.id))) return answer(400, { error: 'invalid statement' });
      if (statements.some((s) => lrs!.stored.has(s.id))) return answer(409, { error: 'conflict' });
      for (const s of statements) lrs!.stored.set(s.id, s);
      answer(
        200,
        statements.map((s) => s.id),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    lrs = new FakeLrs(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return lrs;
  }

  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}
