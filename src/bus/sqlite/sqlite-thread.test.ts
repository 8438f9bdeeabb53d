import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteBackend } from './sqlite-backend.js';
import { acquireThread, releaseThread } from './sqlite-thread.js';
import { packBlobs } from './thread-protocol.js';

describe('SqliteThread', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edstream-sqlite-thread-'));
    path = join(dir, 'bus.db');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const options = () => ({ path, synchronous: 'normal' as const, busyTimeoutMs: 1_000, inlineEntries: 32 });
  const blobs = (n: number) => packBlobs(Array.from({ length: n }, () => Buffer.from([1, 0, 0, 0, 0])));

  it('is shared by the backends of one file and closed by the last of them', async () => {
    const first = await acquireThread(options());
    const second = await acquireThread(options());
    expect(second).toBe(first);
    await releaseThread(first);
    expect(first.ended).toBe(false);
    expect(await second.call('append', 's', blobs(100), undefined)).toHaveLength(100);
    await releaseThread(second);
    expect(first.ended).toBe(true);
    await expect(first.call('streams', '')).rejects.toMatchObject({ code: 'bus.closed' });
  });

  it('fails the calls of a thread that stopped with bus.storage_failed, and a new open starts another', async () => {
    const thread = await acquireThread(options());
    // The worker closing its connection and ending, as if it had died: the next calls must not hang.
    await thread.call('close');
    await expect(thread.call('append', 's', blobs(100), undefined)).rejects.toMatchObject({
      code: 'bus.storage_failed',
    });
    await expect(thread.call('streams', '')).rejects.toMatchObject({ code: 'bus.storage_failed' });
    const backend = await createSqliteBackend({ path, busyTimeoutMs: 1_000 });
    expect(await backend.append('s', [[['n', '1']]])).toHaveLength(1);
    await backend.close();
    await releaseThread(thread);
  });

  it('gives a backend whose thread stopped a new one on its next call', async () => {
    const backend = await createSqliteBackend({ path, busyTimeoutMs: 1_000 });
    await backend.append('s', [[['n', 'before']]]);
    const thread = await acquireThread(options()); // the backend's own, shared
    await thread.call('close');
    for (let i = 0; i < 200 && !thread.ended; i++) await sleep(10);
    expect(thread.ended).toBe(true);
    const many = Array.from({ length: 100 }, (_, i) => [['n', String(i)]] as const);
    expect(await backend.append('s', many)).toHaveLength(100);
    expect((await backend.info('s'))?.length).toBe(101);
    await releaseThread(thread);
    await backend.close();
  });

  it('reports a file that is not a database when opening, with the code SQLite gave', async () => {
    await writeFile(path, 'not a database, but long enough to have a header '.repeat(20));
    const error = await acquireThread(options()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'bus.storage_failed', details: { sqliteCode: 'SQLITE_NOTADB' } });
  });

  it('reports a file it cannot open when opening, with bus.storage_failed', async () => {
    const error = await acquireThread({ ...options(), path: join(dir, 'missing', 'bus.db') }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'bus.storage_failed' });
  });
});
