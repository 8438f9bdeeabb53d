import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EdstreamError } from '../errors.js';
import type { BusBackend } from './backend.js';

/**
 * Opens the backend a URL names: `memory:`, `sqlite:./path/bus.db` (or `sqlite:///abs/path`),
 * `redis://…` / `rediss://…`. Backends load lazily so that SQLite is not opened for Redis users.
 */
export async function createBackend(url: string): Promise<BusBackend> {
  if (url === 'memory:' || url === 'memory://') {
    const { createMemoryBackend } = await import('./memory/memory-backend.js');
    return createMemoryBackend();
  }
  if (url.startsWith('sqlite:')) {
    const path = sqlitePath(url);
    mkdirSync(dirname(path), { recursive: true });
    const { createSqliteBackend } = await import('./sqlite/sqlite-backend.js');
    return createSqliteBackend({ path });
  }
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    const { createRedisBackend } = await import('./redis/redis-backend.js');
    return createRedisBackend({ url });
  }
  throw new EdstreamError(
    'usage.bad_bus_url',
    `unsupported bus URL ${JSON.stringify(url)}: use memory:, sqlite:PATH, redis://HOST:PORT or rediss://…`,
  );
}

export function sqlitePath(url: string): string {
  const rest = url.slice('sqlite:'.length);
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '')
    throw new EdstreamError('usage.bad_bus_url', 'sqlite: needs a file path, e.g. sqlite:./data/bus.db');
  return resolve(path);
}
