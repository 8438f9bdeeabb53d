import Database from 'better-sqlite3';
import { EdstreamError } from '../../errors.js';

/**
 * Schema migrations, applied in order on open; `PRAGMA user_version` records how many ran. Ids
 * are stored as two integers (`ms`, `seq`) so that row-value comparisons such as
 * `(ms, seq) > (?, ?)` walk the primary keys in id order.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE streams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    length INTEGER NOT NULL DEFAULT 0,
    entries_added INTEGER NOT NULL DEFAULT 0,
    last_ms INTEGER NOT NULL DEFAULT 0,
    last_seq INTEGER NOT NULL DEFAULT 0,
    max_deleted_ms INTEGER NOT NULL DEFAULT 0,
    max_deleted_seq INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE entries (
    stream_id INTEGER NOT NULL,
    ms INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    fields BLOB NOT NULL,
    PRIMARY KEY (stream_id, ms, seq)
  ) WITHOUT ROWID;
  CREATE TABLE stream_groups (
    id INTEGER PRIMARY KEY,
    stream_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    last_ms INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    UNIQUE (stream_id, name)
  );
  CREATE TABLE consumers (
    group_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (group_id, name)
  ) WITHOUT ROWID;
  CREATE TABLE pending (
    group_id INTEGER NOT NULL,
    ms INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    consumer TEXT NOT NULL,
    delivered_at INTEGER NOT NULL,
    deliveries INTEGER NOT NULL,
    PRIMARY KEY (group_id, ms, seq)
  ) WITHOUT ROWID;
  CREATE INDEX pending_by_consumer ON pending (group_id, consumer, ms, seq);
  `,
  // Entries the group has read, as Redis 7 keeps it, so that its lag is a subtraction rather than
  // a count of the backlog; NULL when unknown (the cursor was set to an arbitrary id).
  `
  ALTER TABLE stream_groups ADD COLUMN entries_read INTEGER;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export interface OpenOptions {
  synchronous: 'normal' | 'full';
  busyTimeoutMs: number;
}

/** Opens (creating if needed) a bus database file in WAL mode and brings its schema up to date. */
export function openBusDatabase(
  path: string,
  { synchronous, busyTimeoutMs }: OpenOptions,
): Database.Database {
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    // WAL with synchronous=NORMAL writes every commit to the WAL file before COMMIT returns, so a
    // committed append survives a crash of this process; only an OS crash or power loss can undo
    // the latest commits (the file stays consistent). FULL also fsyncs each commit, for power loss.
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs the migrations this file has not seen yet; safe when several processes open it at once. */
export function migrate(db: Database.Database): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new EdstreamError(
      'bus.schema_too_new',
      `the bus database has schema version ${current}, newer than this edstream knows (${SCHEMA_VERSION}); upgrade edstream`,
    );
  }
  if (current === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Another process may have migrated between the check above and this write lock.
    for (let version = schemaVersion(db); version < SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }
  }).immediate();
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
