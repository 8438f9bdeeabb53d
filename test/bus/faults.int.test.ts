import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusBackend } from '../../src/bus/backend.js';
import { StreamConsumer } from '../../src/bus/consumer.js';
import { createBackend } from '../../src/bus/create-backend.js';
import { listDeadLetters } from '../../src/bus/dead-letter.js';
import { EventProducer } from '../../src/bus/producer.js';
import { EVENT_ENTRY_FIELDS, eventToEntryFields } from '../../src/bus/stream-entry.js';
import { deadLetterStream } from '../../src/bus/topics.js';
import type { OpenEdxEvent } from '../../src/codecs/codec.js';
import { EdstreamError, isEdstreamError } from '../../src/errors.js';
import { silentLogger } from '../../src/logging.js';
import {
  deleteRedisKeys,
  ENROLLMENT,
  freePort,
  GRADE,
  LOGIN,
  makeEvent,
  makeEvents,
  REDIS_URL,
  RedisServerProcess,
  ROOT,
  tempDir,
  uniqueName,
  waitFor,
} from './helpers.js';

const prefix = uniqueName('faults');
const dir = tempDir('faults');
const children = new Set<ChildProcess>();

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  await deleteRedisKeys(REDIS_URL, prefix);
});

function spawnTsx(args: readonly string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, EDSTREAM_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function handledIds(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

describe('bus faults on Redis', () => {
  let backend: BusBackend;
  beforeAll(async () => {
    backend = await createBackend(REDIS_URL);
  });
  afterAll(async () => {
    await backend.close();
  });

  it('handles every event at least once while the consumer process is killed at random points', async () => {
    const stream = `${prefix}-kill`;
    const out = join(dir, 'handled.txt');
    const total = 20_000;
    const producer = new EventProducer({ backend });
    const events = makeEvents(total, LOGIN);
    let produced = 0;
    const producing = (async () => {
      for (let i = 0; i < total; i += 100) {
        await producer.publishBatch(stream, events.slice(i, i + 100));
        produced = i + 100;
        await sleep(15);
      }
    })();

    let worker: ChildProcess | undefined;
    let ready = false;
    const startWorker = (n: number) => {
      // Some restarts reuse a name (its own pending entries come back first), others need claiming.
      worker = spawnTsx(['test/bus/consumer-worker.ts', REDIS_URL, stream, 'g', `worker-${n % 3}`, out]);
      ready = false;
      worker.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        if (chunk.includes('ready')) ready = true;
      });
    };
    let kills = 0;
    startWorker(0);
    while (kills < 8 && (kills < 6 || produced < total)) {
      // Every kill lands while the worker consumes: at a random point after it started reading.
      await waitFor(() => ready, 'the worker to start', { timeoutMs: 20_000 });
      await sleep(100 + Math.random() * 600);
      const current = worker!;
      current.kill('SIGKILL');
      await exitOf(current);
      kills++;
      startWorker(kills);
    }
    await producing;
    expect(kills).toBeGreaterThanOrEqual(6);

    const expected = events.map((e) => e.metadata.id);
    await waitFor(
      () => {
        const seen = new Set(handledIds(out));
        return expected.every((id) => seen.has(id));
      },
      'every produced event to be handled',
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    await waitFor(
      async () => (await backend.pending(stream, 'g', { count: 1 })).length === 0,
      'nothing left pending',
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    const lastWorker = worker!;
    await waitFor(() => ready, 'the last worker to start', { timeoutMs: 20_000 });
    lastWorker.kill('SIGTERM');
    expect((await exitOf(lastWorker)).code).toBe(0);

    const handled = handledIds(out);
    const distinct = new Set(handled);
    expect(distinct.size).toBe(total);
    expect(expected.filter((id) => !distinct.has(id))).toEqual([]);
    // Duplicates are allowed (a kill between the handler and the acknowledgement), but bounded.
    expect(handled.length - total).toBeLessThan(total / 4);
    expect(await listDeadLetters(backend, stream)).toEqual([]);
  }, 150_000);

  it('consumes every event whose publish resolved across a Redis restart; the others fail with bus. codes', async () => {
    const port = await freePort();
    const dataDir = tempDir('redis-aof');
    const server = new RedisServerProcess({ port, durableDir: dataDir });
    await server.start();
    const producerBackend = await createBackend(server.url);
    const consumerBackend = await createBackend(server.url);
    const producer = new EventProducer({ backend: producerBackend });
    const consumed = new Set<string>();
    const consumer = new StreamConsumer({
      backend: consumerBackend,
      stream: 'restart',
      group: 'g',
      consumer: 'c1',
      blockMs: 200,
      claimIdleMs: 1_000,
      retryBaseMs: 5,
      logger: silentLogger,
      handler: (event) => void consumed.add(event.metadata.id),
    });
    consumer.on('error', () => {});
    try {
      await consumer.start();
      const resolved: string[] = [];
      const rejected: unknown[] = [];
      let resolvedAfterRestart = 0;
      let restarted = false;
      let stop = false;
      // Two publishers at once, so that publishes are in flight when Redis dies.
      const publisher = async () => {
        while (!stop) {
          const event = makeEvent(ENROLLMENT);
          try {
            await producer.publish('restart', event);
            resolved.push(event.metadata.id);
            if (restarted) resolvedAfterRestart++;
          } catch (error) {
            rejected.push(error);
            await sleep(20);
          }
        }
      };
      const publishers = [publisher(), publisher()];
      await waitFor(() => resolved.length >= 300, 'publishes before the outage');
      await server.kill();
      await sleep(700);
      await server.start();
      restarted = true;
      await waitFor(() => resolvedAfterRestart >= 300, 'publishes after the restart', { timeoutMs: 30_000 });
      stop = true;
      await Promise.all(publishers);

      await waitFor(() => resolved.every((id) => consumed.has(id)), 'every resolved publish to be consumed', {
        timeoutMs: 30_000,
        intervalMs: 50,
      });
      expect(rejected.length).toBeGreaterThan(0);
      const codes = new Set(rejected.map((e) => (isEdstreamError(e) ? e.code : String(e))));
      for (const code of codes) expect(code).toMatch(/^bus\./);
    } finally {
      await consumer.stop();
      await producer.close();
      await producerBackend.close();
      await consumerBackend.close();
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('dead-letters the events a handler always refuses after maxAttempts while the others flow', async () => {
    const stream = `${prefix}-always-fails`;
    const producer = new EventProducer({ backend });
    const events = makeEvents(300, GRADE);
    const poisoned = new Set(events.filter((_, i) => i % 60 === 7).map((e) => e.metadata.id));
    const ids = await producer.publishBatch(stream, events);
    const handled = new Set<string>();
    const consumer = new StreamConsumer({
      backend,
      stream,
      group: 'g',
      consumer: 'c1',
      maxAttempts: 4,
      retryBaseMs: 5,
      retryMaxMs: 20,
      concurrency: 4,
      blockMs: 100,
      logger: silentLogger,
      handler: (event) => {
        if (poisoned.has(event.metadata.id)) throw new EdstreamError('handler.poisoned', 'always fails');
        handled.add(event.metadata.id);
      },
    });
    consumer.on('error', () => {});
    try {
      await consumer.start();
      await waitFor(() => handled.size === events.length - poisoned.size, 'the healthy events');
      await waitFor(
        async () => ((await backend.info(deadLetterStream(stream)))?.length ?? 0) === poisoned.size,
        'the poisoned events in the dead-letter stream',
      );
      await waitFor(
        async () => (await backend.pending(stream, 'g', { count: 1 })).length === 0,
        'no pending',
      );
    } finally {
      await consumer.stop();
    }
    const letters = await listDeadLetters(backend, stream);
    const poisonedEntryIds = events
      .map((e, i) => [e.metadata.id, ids[i]!.entryId] as const)
      .filter(([id]) => poisoned.has(id))
      .map(([, entryId]) => entryId);
    expect(letters.map((l) => l.reason.originalId).sort()).toEqual(poisonedEntryIds.sort());
    for (const letter of letters)
      expect(letter.reason).toMatchObject({ code: 'handler.poisoned', attempts: 4 });
  });

  it('dead-letters raw garbage entries with their code and handles every good entry around them', async () => {
    const stream = `${prefix}-garbage`;
    const redis = new Redis(REDIS_URL);
    const good: OpenEdxEvent[] = [];
    const garbage = new Map<string, string>();
    try {
      const xadd = async (fields: (string | Buffer)[]) => (await redis.xadd(stream, '*', ...fields))!;
      const template = eventToEntryFields(makeEvent(ENROLLMENT)).flat();
      const withField = (name: string, value: string | Buffer) => {
        const copy = [...template];
        copy[copy.indexOf(name) + 1] = value;
        return copy;
      };
      const withoutField = (name: string) => {
        const copy = [...template];
        copy.splice(copy.indexOf(name), 2);
        return copy;
      };
      const junk: [string, (string | Buffer)[]][] = [
        ['bus.malformed_entry', ['foo', 'bar']],
        ['bus.malformed_entry', ['event_data', 'x']],
        ['codec.malformed_avro', withField('event_data', 'not avro at all')],
        ['codec.malformed_avro', withField('event_data', Buffer.from([0x02, 0xff, 0xff, 0xff, 0xff, 0xff]))],
        ['catalog.unknown_event_type', withField('type', 'org.openedx.nope.v1')],
        ['bus.malformed_entry', withoutField('time')],
        ['bus.malformed_entry', withField('id', 'not-a-uuid')],
        ['bus.malformed_entry', withField('sourcelib', '1.0.0-ts')],
      ];
      expect(template.filter((_, i) => i % 2 === 0)).toEqual([...EVENT_ENTRY_FIELDS]);
      for (let round = 0; round < 5; round++) {
        for (const [code, fields] of junk) {
          const event = makeEvent(round % 2 ? LOGIN : ENROLLMENT);
          good.push(event);
          await xadd(eventToEntryFields(event).flat());
          garbage.set(await xadd(fields), code);
        }
      }
    } finally {
      redis.disconnect();
    }
    const handled: string[] = [];
    const consumer = new StreamConsumer({
      backend,
      stream,
      group: 'g',
      consumer: 'c1',
      blockMs: 100,
      logger: silentLogger,
      handler: (event) => void handled.push(event.metadata.id),
    });
    consumer.on('error', () => {});
    try {
      await consumer.start();
      await waitFor(() => handled.length === good.length, 'every good entry');
      await waitFor(
        async () => ((await backend.info(deadLetterStream(stream)))?.length ?? 0) === garbage.size,
        'every garbage entry dead-lettered',
      );
    } finally {
      await consumer.stop();
    }
    expect(handled).toEqual(good.map((e) => e.metadata.id));
    const letters = await listDeadLetters(backend, stream, 1000);
    expect(new Map(letters.map((l) => [l.reason.originalId, l.reason.code]))).toEqual(garbage);
    expect(consumer.stats.malformed).toBe(garbage.size);
    expect(await backend.pending(stream, 'g', { count: 10 })).toEqual([]);
  });

  it('recreates its group and keeps consuming after Redis evicted the stream', async () => {
    const stream = `${prefix}-evicted`;
    const producer = new EventProducer({ backend });
    const handled: string[] = [];
    const consumer = new StreamConsumer({
      backend,
      stream,
      group: 'g',
      consumer: 'c1',
      blockMs: 100,
      retryBaseMs: 5,
      logger: silentLogger,
      handler: (event) => void handled.push(event.metadata.id),
    });
    const errors: unknown[] = [];
    consumer.on('error', (error) => errors.push(error));
    const redis = new Redis(REDIS_URL);
    try {
      await consumer.start();
      const before = makeEvents(5);
      await producer.publishBatch(stream, before);
      await waitFor(() => handled.length === 5, 'the first events');
      // What Tutor's `allkeys-lru` (or a Redis restart without persistence) does to a stream.
      await redis.del(stream);
      await waitFor(() => errors.some((e) => isEdstreamError(e) && e.code === 'bus.no_group'), 'NOGROUP');
      const after = makeEvents(5);
      await producer.publishBatch(stream, after);
      await waitFor(() => handled.length === 10, 'the events appended after the eviction');
      expect(handled).toEqual([...before, ...after].map((e) => e.metadata.id));
    } finally {
      await consumer.stop();
      redis.disconnect();
    }
  });

  it('exits 0 on SIGTERM mid-stream from `edstream consume`, with what it handled acknowledged', async () => {
    const topic = 'cli-sigterm';
    const stream = `${prefix}-${topic}`;
    const producer = new EventProducer({ backend });
    await producer.publishBatch(stream, makeEvents(500, LOGIN));
    let stopProducing = false;
    const producing = (async () => {
      while (!stopProducing) {
        await producer.publishBatch(stream, makeEvents(20, LOGIN));
        await sleep(10);
      }
    })();
    const cli = spawnTsx([
      'src/cli/main.ts',
      'consume',
      '--bus',
      REDIS_URL,
      '--prefix',
      prefix,
      '--topic',
      topic,
      '--group',
      'cli',
      '--name',
      'cli-1',
    ]);
    let stdout = '';
    let stderr = '';
    cli.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    cli.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    try {
      await waitFor(() => stdout.split('\n').length > 300, 'the CLI to print events', { timeoutMs: 30_000 });
      cli.kill('SIGTERM');
      const { code, signal } = await exitOf(cli);
      expect({ code, signal, stderr: code === 0 ? '' : stderr }).toEqual({
        code: 0,
        signal: null,
        stderr: '',
      });
    } finally {
      stopProducing = true;
      await producing;
    }
    const printed = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/\s+/)[0]!);
    expect(new Set(printed).size).toBe(printed.length);
    expect(await backend.pending(stream, 'cli', { count: 10, consumer: 'cli-1' })).toEqual([]);
    const info = (await backend.info(stream))!;
    const group = info.groups.find((g) => g.name === 'cli')!;
    // Mid-stream: the producer went on after the CLI stopped, and the CLI printed what it took.
    expect(group.lastDeliveredId).toBe(printed[printed.length - 1]);
    expect(info.length).toBeGreaterThan(printed.length);
  }, 60_000);
});
