import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEdstreamError } from '../../errors.js';
import type { EntryFields } from '../backend.js';
import { runBackendContract } from '../backend-contract.js';
import { compareEntryIds } from '../entry-id.js';
import { entryField } from '../stream-entry.js';
import { SCHEMA_VERSION, schemaVersion } from './schema.js';
import { createSqliteBackend, type SqliteBusBackend } from './sqlite-backend.js';

const run = promisify(execFile);
const BACKEND_MODULE = pathToFileURL(fileURLToPath(new URL('./sqlite-backend.ts', import.meta.url))).href;

runBackendContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'edstream-sqlite-contract-'));
  const backend = await createSqliteBackend({ path: join(dir, 'bus.db') });
  return {
    backend,
    cleanup: async () => {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

// The same contract with every call sent to the SQLite thread (by default small calls run on the
// calling thread while that thread is idle, so the suite above mostly runs them there).
runBackendContract('sqlite, every call on the SQLite thread', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'edstream-sqlite-contract-'));
  const backend = await createSqliteBackend({ path: join(dir, 'bus.db'), inlineEntries: 0 });
  return {
    backend,
    cleanup: async () => {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

const entries = (n: number, tag: string): EntryFields[] =>
  Array.from({ length: n }, (_, i) => [
    ['tag', tag],
    ['n', String(i)],
  ]);

describe('SqliteBusBackend', () => {
  let dir: string;
  let path: string;
  const opened: SqliteBusBackend[] = [];
  const open = async (): Promise<SqliteBusBackend> => {
    const backend = await createSqliteBackend({ path });
    opened.push(backend);
    return backend;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edstream-sqlite-'));
    path = join(dir, 'bus.db');
  });
  afterEach(async () => {
    for (const backend of opened.splice(0)) await backend.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a lag equal to the entries after the cursor through reads, trimming, deletion and moves', async () => {
    const backend = await open();
    const truth = async (): Promise<number> => {
      const info = await backend.info('s');
      const cursor = info!.groups.find((g) => g.name === 'g')!.lastDeliveredId;
      const entries = await backend.range('s', '-', '+');
      return entries.filter((e) => compareEntryIds(e.id, cursor) > 0).length;
    };
    const lag = async (): Promise<number | null | undefined> =>
      (await backend.info('s'))?.groups.find((g) => g.name === 'g')?.lag;
    const add = (n: number, maxLen?: number) =>
      backend.append(
        's',
        Array.from({ length: n }, (_, i) => [['n', String(i)]] as const),
        maxLen === undefined ? {} : { maxLen },
      );
    const read = (count: number) => backend.readNew('s', 'g', 'c', { count, blockMs: 0 });
    const steps: (() => Promise<unknown>)[] = [
      () => add(10),
      () => backend.createGroup('s', 'g', '0'),
      () => read(4),
      () => add(5, 8), // trims entries the group has not read yet
      () => read(3),
      () => read(100),
      () => add(6),
      async () => backend.delete('s', [(await backend.range('s', '-', '+')).at(-2)!.id]),
      () => read(2),
      async () => backend.setGroupPosition('s', 'g', (await backend.range('s', '-', '+'))[1]!.id),
      () => read(1),
      () => backend.setGroupPosition('s', 'g', '$'),
      () => add(3),
      () => read(1),
      () => backend.setGroupPosition('s', 'g', '0'),
      () => read(2),
    ];
    for (const step of steps) {
      await step();
      if ((await backend.info('s'))?.groups.length) expect(await lag()).toBe(await truth());
    }
  });

  it('keeps entries, groups and pending delivery counts across close and reopen', async () => {
    const first = await open();
    const ids = await first.append('s', [[['n', '0']], [['n', '1']], [['bin', Buffer.from([0, 255])]]]);
    await first.createGroup('s', 'g', '0');
    await first.readNew('s', 'g', 'c1', { count: 2, blockMs: 0 });
    await first.readPending('s', 'g', 'c1', { count: 1 });
    await first.close();

    const second = await open();
    expect((await second.range('s', '-', '+')).map((e) => e.id)).toEqual(ids);
    expect((await second.range('s', ids[2]!, ids[2]!))[0]?.fields).toEqual([['bin', Buffer.from([0, 255])]]);
    expect(
      (await second.pending('s', 'g', { count: 10 })).map((p) => [p.id, p.consumer, p.deliveries]),
    ).toEqual([
      [ids[0], 'c1', 2],
      [ids[1], 'c1', 1],
    ]);
    expect((await second.readNew('s', 'g', 'c1', { count: 10, blockMs: 0 })).map((e) => e.id)).toEqual([
      ids[2],
    ]);
    expect(await second.createGroup('s', 'g', '0')).toBe(false);
    const [next] = await second.append('s', [[['n', '3']]]);
    expect(compareEntryIds(next!, ids[2]!)).toBeGreaterThan(0);
  });

  it('runs its migrations once and opens an up-to-date file unchanged', async () => {
    await (await open()).append('s', [[['n', '0']]]);
    for (const backend of opened.splice(0)) await backend.close();
    const reopened = await open();
    expect((await reopened.info('s'))?.length).toBe(1);
    await reopened.close();
    const db = new Database(path);
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('refuses a file written by a newer schema', async () => {
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    const error = await open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isEdstreamError(error) ? error.code : error).toBe('bus.schema_too_new');
  });

  it('shares one file between two backends of one process, waking a blocked read', async () => {
    const reader = await open();
    const writer = await open();
    await reader.createGroup('s', 'g', '$');
    const reading = reader.readNew('s', 'g', 'c1', { count: 10, blockMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const [id] = await writer.append('s', [[['n', 'from writer']]]);
    expect((await reading).map((e) => e.id)).toEqual([id]);
  });

  it('sees entries another process appends, also while blocked', async () => {
    const reader = await open();
    await reader.createGroup('s', 'g', '0');
    const reading = reader.readNew('s', 'g', 'c1', { count: 10, blockMs: 15_000 });
    const code = `
      const { createSqliteBackend } = await import(${JSON.stringify(BACKEND_MODULE)});
      const backend = await createSqliteBackend({ path: ${JSON.stringify(path)} });
      const ids = await backend.append('s', [[['from', 'child']], [['n', '2']]]);
      await backend.close();
      console.log(JSON.stringify(ids));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    });
    const ids = JSON.parse(stdout) as string[];
    const got = await reading;
    const rest = await reader.readNew('s', 'g', 'c1', { count: 10, blockMs: 0 });
    expect([...got, ...rest].map((e) => e.id)).toEqual(ids);
    expect(entryField(got[0]!, 'from')).toBe('child');
    expect((await reader.info('s'))?.entriesAdded).toBe(2);
  });

  it('keeps the order of calls made at once, whichever thread runs each', async () => {
    const backend = await open();
    const sizes = [1, 200, 1, 1, 64, 2, 500, 1, 33, 1];
    const calls = sizes.map((n, i) => backend.append('s', entries(n, `call ${i}`)));
    const ids = (await Promise.all(calls)).flat();
    expect(ids).toHaveLength(sizes.reduce((a, b) => a + b, 0));
    for (let i = 1; i < ids.length; i++) expect(compareEntryIds(ids[i]!, ids[i - 1]!)).toBeGreaterThan(0);
    const stored = await backend.range('s', '-', '+');
    expect(stored.map((e) => e.id)).toEqual(ids);
    expect(stored.map((e) => entryField(e, 'tag'))).toEqual(
      sizes.flatMap((n, i) => Array.from({ length: n }, () => `call ${i}`)),
    );
  });

  it('reads a backlog, then a trickle, each entry once and in order', async () => {
    const backend = await open();
    await backend.createGroup('s', 'g', '0');
    const written = await backend.append('s', entries(700, 'backlog'));
    const got: string[] = [];
    for (;;) {
      const batch = await backend.readNew('s', 'g', 'c', { count: 300, blockMs: 0 });
      if (batch.length === 0) break;
      got.push(...batch.map((e) => e.id));
      expect(
        await backend.ack(
          's',
          'g',
          batch.map((e) => e.id),
        ),
      ).toBe(batch.length);
    }
    const [one] = await backend.append('s', entries(1, 'trickle'));
    const trickle = await backend.readNew('s', 'g', 'c', { count: 300, blockMs: 0 });
    expect(got).toEqual(written);
    expect(trickle.map((e) => [e.id, entryField(e, 'tag')])).toEqual([[one, 'trickle']]);
    expect(await backend.pending('s', 'g', { count: 10 })).toHaveLength(1);
  });

  it('lets the calls made before close finish, then closes the file', async () => {
    const backend = await open();
    const appending = backend.append('s', entries(500, 'before close'));
    await backend.close();
    expect(await appending).toHaveLength(500);
    await expect(backend.append('s', entries(1, 'after close'))).rejects.toMatchObject({
      code: 'bus.closed',
    });
    const reopened = await open();
    expect((await reopened.info('s'))?.length).toBe(500);
  });

  it('says it is closed before looking at the arguments of a call', async () => {
    const backend = await open();
    await backend.close();
    const calls: Promise<unknown>[] = [
      backend.ack('s', 'g', ['not an id']),
      backend.delete('s', ['not an id']),
      backend.range('s', 'not an id', '+'),
      backend.readPending('s', 'g', 'c', { count: 1, afterId: 'not an id' }),
      backend.createGroup('s', 'g', 'not an id'),
      backend.setGroupPosition('s', 'g', 'not an id'),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: 'bus.closed' });
  });

  it('keeps a backend working when another one on the same file closes', async () => {
    const first = await open();
    const second = await open();
    await first.append('s', entries(1, 'first'));
    await first.close();
    await second.append('s', entries(300, 'second'));
    expect((await second.info('s'))?.length).toBe(301);
  });

  it('does not keep a process alive that leaves a backend open and idle', async () => {
    const code = `
      const { createSqliteBackend } = await import(${JSON.stringify(BACKEND_MODULE)});
      const backend = await createSqliteBackend({ path: ${JSON.stringify(path)} });
      await backend.append('s', Array.from({ length: 100 }, (_, i) => [['n', String(i)]]));
      await backend.createGroup('s', 'g', '0');
      const read = await backend.readNew('s', 'g', 'c', { count: 1000, blockMs: 0 });
      console.log(read.length);`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      timeout: 15_000,
    });
    expect(stdout.trim()).toBe('100');
  });
});
