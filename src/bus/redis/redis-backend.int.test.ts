import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEdstreamError } from '../../errors.js';
import { runBackendContract } from '../backend-contract.js';
import { createBackend } from '../create-backend.js';
import { createRedisBackend, type RedisStreamsBackend } from './redis-backend.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Every key this run writes starts with this, and is deleted afterwards. */
const RUN_PREFIX = `edstream-test:redis-backend:${randomUUID()}:`;

const raw = new Redis(REDIS_URL, { lazyConnect: true });
let backends = 0;

function openBackend(): { backend: RedisStreamsBackend; prefix: string } {
  const prefix = `${RUN_PREFIX}${++backends}:`;
  return { backend: createRedisBackend({ url: REDIS_URL, keyPrefix: prefix }), prefix };
}

async function deleteKeys(prefix: string): Promise<void> {
  const keys = await raw.keys(`${prefix.replace(/[\\*?[\]]/g, '\\$&')}*`);
  if (keys.length > 0) await raw.del(...keys);
}

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (isEdstreamError(error) ? error.code : error),
  );
}

afterAll(async () => {
  await deleteKeys(RUN_PREFIX);
  raw.disconnect();
});

runBackendContract('redis', async () => {
  const { backend, prefix } = openBackend();
  return {
    backend,
    cleanup: async () => {
      await backend.close();
      await deleteKeys(prefix);
    },
  };
});

describe('RedisStreamsBackend', () => {
  let backend: RedisStreamsBackend;
  let prefix: string;
  beforeEach(() => {
    ({ backend, prefix } = openBackend());
  });
  afterEach(async () => {
    await backend.close();
    await deleteKeys(prefix);
  });

  it('issues XADD <stream> MAXLEN ~ n * with the fields in the order given, a batch in one MULTI', async () => {
    // The handshakes of the connections are over before MONITOR starts.
    await backend.ping();
    await backend.append('warm-up', [[['n', '0']]]);
    const monitor = await raw.duplicate().monitor();
    const seen: { args: string[]; source: string }[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => seen.push({ args, source }));
    await backend.append(
      'topic',
      [
        [
          ['type', 't'],
          ['id', 'i'],
          ['event_data', Buffer.from('ab')],
        ],
        [['z', '1']],
      ],
      { maxLen: 10_000 },
    );
    await backend.append('plain', [[['a', 'b']]]);
    await sleep(50);
    monitor.disconnect();
    // Other test files share the server: keep what came from the connection that wrote our keys.
    const ours = new Set(seen.filter((s) => s.args[1]?.startsWith(prefix)).map((s) => s.source));
    expect(seen.filter((s) => ours.has(s.source)).map((s) => s.args)).toEqual([
      ['MULTI'],
      ['XADD', `${prefix}topic`, 'MAXLEN', '~', '10000', '*', 'type', 't', 'id', 'i', 'event_data', 'ab'],
      ['XADD', `${prefix}topic`, 'MAXLEN', '~', '10000', '*', 'z', '1'],
      ['EXEC'],
      ['XADD', `${prefix}plain`, '*', 'a', 'b'],
    ]);
  });

  it('reads back a reply of megabytes, spread over many socket reads, byte for byte', async () => {
    const payload = (i: number) => Buffer.alloc(4096, i % 251);
    const entries = Array.from({ length: 2000 }, (_, i) => [
      ['type', `t-${i}-é`] as const,
      ['event_data', payload(i)] as const,
    ]);
    const ids = [];
    for (let i = 0; i < entries.length; i += 500)
      ids.push(...(await backend.append('big', entries.slice(i, i + 500))));
    await backend.createGroup('big', 'g', '0');
    const read = await backend.readNew('big', 'g', 'c', { count: 2000, blockMs: 0 });
    expect(read.map((e) => e.id)).toEqual(ids);
    read.forEach((entry, i) => {
      expect(entry.fields[0]).toEqual(['type', `t-${i}-é`]);
      expect((entry.fields[1]![1] as Buffer).equals(payload(i))).toBe(true);
    });
    expect(await backend.ack('big', 'g', ids)).toBe(2000);
  });

  it('keeps the stream key exactly the stream name after the key prefix', async () => {
    const [id] = await backend.append('dev-course-authoring-xblock-lifecycle', [[['n', '1']]]);
    const entries = await raw.xrange(`${prefix}dev-course-authoring-xblock-lifecycle`, '-', '+');
    expect(entries).toEqual([[id, ['n', '1']]]);
  });

  it('returns event_data as a Buffer even when its bytes are valid UTF-8, and text fields as strings', async () => {
    const utf8Payload = Buffer.from('é plain text', 'utf8');
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    await backend.append('s', [
      [
        ['type', 'org.openedx.x.v1'],
        ['event_data', utf8Payload],
        ['other', binary],
      ],
    ]);
    const [entry] = await backend.range('s', '-', '+');
    expect(entry?.fields).toEqual([
      ['type', 'org.openedx.x.v1'],
      ['event_data', utf8Payload],
      ['other', binary],
    ]);
    expect(Buffer.isBuffer(entry?.fields[1]?.[1])).toBe(true);
  });

  it('lets appends and acks through while a read blocks on the same backend', async () => {
    await backend.createGroup('quiet', 'g', '$');
    let readDone = false;
    const reading = backend.readNew('quiet', 'g', 'c', { count: 1, blockMs: 3000 }).finally(() => {
      readDone = true;
    });
    await sleep(20);
    await backend.append('busy', [[['n', '1']]]);
    await backend.createGroup('busy', 'g', '0');
    const [entry] = await backend.readNew('busy', 'g', 'c', { count: 1, blockMs: 0 });
    expect(await backend.ack('busy', 'g', [entry!.id])).toBe(1);
    expect(readDone).toBe(false);
    const [id] = await backend.append('quiet', [[['n', 'wake']]]);
    expect((await reading).map((e) => e.id)).toEqual([id]);
  });

  it('acknowledges ids that XAUTOCLAIM reports as deleted, leaving no stranded pending entries', async () => {
    const ids = await backend.append('s', [[['n', '0']], [['n', '1']]]);
    await backend.createGroup('s', 'g', '0');
    await backend.readNew('s', 'g', 'c1', { count: 10, blockMs: 0 });
    await backend.delete('s', ids);
    expect(await backend.claimIdle('s', 'g', 'c2', { minIdleMs: 0, count: 10 })).toEqual([]);
    expect(await raw.xpending(`${prefix}s`, 'g')).toEqual([0, null, null, null]);
  });

  it('reports status and answers ping', async () => {
    expect(await backend.ping()).toBeGreaterThanOrEqual(0);
    expect(backend.status()).toBe('ready');
    await backend.close();
    expect(backend.status()).toBe('closed');
    expect(await codeOf(backend.ping())).toBe('bus.closed');
  });

  it('rejects malformed ids and bounds with bus.invalid_entry_id before sending anything', async () => {
    expect(await codeOf(backend.ack('s', 'g', ['nope']))).toBe('bus.invalid_entry_id');
    expect(await codeOf(backend.range('s', '(1-0', '+'))).toBe('bus.invalid_entry_id');
    expect(await codeOf(backend.createGroup('s', 'g', 'later'))).toBe('bus.invalid_entry_id');
  });

  it('rejects a stream name that holds another Redis type with bus.wrong_type', async () => {
    await raw.set(`${prefix}string`, 'x');
    expect(await codeOf(backend.append('string', [[['n', '1']]]))).toBe('bus.wrong_type');
    // In a batch Redis refuses inside EXEC: none of it is appended, with the same code.
    const batch = backend.append('string', [[['n', '1']], [['n', '2']]]);
    expect(await codeOf(batch)).toBe('bus.wrong_type');
    expect(await batch.catch((error: Error) => error.message)).toContain('0 of 2 entries');
  });

  it('lists streams only, matching a prefix literally', async () => {
    await backend.append('a*b', [[['n', '1']]]);
    await backend.append('axb', [[['n', '1']]]);
    await raw.set(`${prefix}a*string`, 'x');
    expect(await backend.streams('a*')).toEqual(['a*b']);
    expect(await backend.streams()).toEqual(['a*b', 'axb']);
  });
});

describe('createRedisBackend connections', () => {
  it('uses the database number of the URL', async () => {
    const prefix = `${RUN_PREFIX}db:`;
    const url = new URL(REDIS_URL);
    url.pathname = '/3';
    const backend = createRedisBackend({ url: url.toString(), keyPrefix: prefix });
    const onDb3 = new Redis(url.toString());
    try {
      const [id] = await backend.append('s', [[['n', '1']]]);
      expect(await onDb3.xlen(`${prefix}s`)).toBe(1);
      expect((await onDb3.xrange(`${prefix}s`, '-', '+'))[0]?.[0]).toBe(id);
      expect(await raw.exists(`${prefix}s`)).toBe(0);
    } finally {
      await backend.close();
      await onDb3.del(`${prefix}s`);
      onDb3.disconnect();
    }
  });

  it('is what createBackend opens for a redis:// URL', async () => {
    const backend = await createBackend(REDIS_URL);
    try {
      expect(backend.kind).toBe('redis');
      expect(await backend.streams(`${RUN_PREFIX}none:`)).toEqual([]);
    } finally {
      await backend.close();
    }
  });

  it('fails with bus.unreachable within the connect timeout when nothing listens', async () => {
    const backend = createRedisBackend({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 200 });
    try {
      const started = Date.now();
      expect(await codeOf(backend.append('s', [[['n', '1']]]))).toBe('bus.unreachable');
      expect(await codeOf(backend.readNew('s', 'g', 'c', { count: 1, blockMs: 5000 }))).toBe(
        'bus.unreachable',
      );
      expect(Date.now() - started).toBeLessThan(5000);
      expect(backend.status()).toBe('connecting');
    } finally {
      await backend.close();
    }
  });
});
