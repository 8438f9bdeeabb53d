import type pg from 'pg';
import { EdstreamError } from '../../../errors.js';

/** The same tables as the SQLite store (see `sqlite-schema.ts`), in one schema per store instance. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE statements (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    stored_ms BIGINT NOT NULL,
    ref_target TEXT,
    voiding BOOLEAN NOT NULL,
    voided BOOLEAN NOT NULL DEFAULT false,
    term_ids INTEGER[] NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX statements_stored ON statements (stored_ms, seq);
  CREATE INDEX statements_ref_target ON statements (ref_target) WHERE ref_target IS NOT NULL;
  CREATE TABLE terms (id SERIAL PRIMARY KEY, term TEXT NOT NULL UNIQUE);
  CREATE TABLE statement_terms (
    term_id INTEGER NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (term_id, seq)
  );
  CREATE TABLE attachments (sha2 TEXT PRIMARY KEY, content_type TEXT NOT NULL, content BYTEA NOT NULL);
  CREATE TABLE activities (activity_id TEXT PRIMARY KEY, definition TEXT NOT NULL);
  CREATE TABLE documents (
    kind TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    agent TEXT NOT NULL,
    registration TEXT NOT NULL,
    document_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content BYTEA NOT NULL,
    etag TEXT NOT NULL,
    updated_ms BIGINT NOT NULL,
    PRIMARY KEY (kind, activity_id, agent, registration, document_id)
  );
  CREATE TABLE credentials (
    key TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    salt TEXT NOT NULL,
    scopes TEXT NOT NULL,
    agent TEXT NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT false,
    created TEXT NOT NULL
  );
  `,
];

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new EdstreamError(
      'usage.bad_store_url',
      `invalid PostgreSQL schema name ${JSON.stringify(schema)}: use lowercase letters, digits and _`,
    );
  }
  return schema;
}

/** Creates the schema if needed and applies pending migrations, one process at a time. */
export async function migratePostgres(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`edstream-lrs-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET LOCAL search_path TO ${schema}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_migrations',
    );
    const current = rows[0]?.version ?? 0;
    for (let index = current; index < MIGRATIONS.length; index++) {
      await client.query(MIGRATIONS[index]!);
      await client.query('INSERT INTO schema_migrations (version, applied) VALUES ($1, $2)', [
        index + 1,
        new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Runs `work` in one transaction on one pooled connection. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
