import { resolve } from 'node:path';
import { EdstreamError } from '../../errors.js';
import type { StatementStore } from './statement-store.js';

export const DEFAULT_STORE_URL = 'sqlite:./.edstream/lrs.db';

/**
 * Opens the store a URL names: `sqlite:./path/lrs.db` (or `sqlite:///abs/path`, `sqlite::memory:`)
 * or `postgres://…` / `postgresql://…`, where `?schema=name` picks the schema (default
 * `edstream_lrs`). Backends load lazily so that SQLite users never load `pg` and vice versa.
 */
export async function openStatementStore(url: string = DEFAULT_STORE_URL): Promise<StatementStore> {
  if (url.startsWith('sqlite:')) {
    const { createSqliteStatementStore } = await import('./sqlite/sqlite-statement-store.js');
    return createSqliteStatementStore({ path: sqliteStorePath(url) });
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    const { createPostgresStatementStore } = await import('./postgres/postgres-statement-store.js');
    return createPostgresStatementStore({ url: parsed.toString(), ...(schema ? { schema } : {}) });
  }
  throw new EdstreamError(
    'usage.bad_store_url',
    `unsupported store URL ${JSON.stringify(url)}: use sqlite:PATH or postgres://HOST:PORT/DB[?schema=NAME]`,
  );
}

export function sqliteStorePath(url: string): string {
  const rest = url.slice('sqlite:'.length);
  if (rest === ':memory:') return rest;
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '') {
    throw new EdstreamError('usage.bad_store_url', 'sqlite: needs a file path, e.g. sqlite:./data/lrs.db');
  }
  return resolve(path);
}
