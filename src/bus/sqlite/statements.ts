import type Database from 'better-sqlite3';

export interface StreamRow {
  id: number;
  name: string;
  length: number;
  entries_added: number;
  last_ms: number;
  last_seq: number;
  max_deleted_ms: number;
  max_deleted_seq: number;
}

export interface GroupRow {
  id: number;
  stream_id: number;
  last_ms: number;
  last_seq: number;
  entries_read: number | null;
}

export interface IdRow {
  ms: number;
  seq: number;
}

export interface EntryRow extends IdRow {
  fields: Buffer;
}

/** A pending id with its entry's fields, or null fields when the entry was deleted or trimmed. */
export interface PendingEntryRow extends IdRow {
  deliveries: number;
  fields: Buffer | null;
}

export interface PendingRow extends IdRow {
  consumer: string;
  delivered_at: number;
  deliveries: number;
}

export interface GroupInfoRow {
  name: string;
  last_ms: number;
  last_seq: number;
  consumers: number;
  pending: number;
  lag: number;
}

const PENDING_WITH_ENTRY = `
  SELECT p.ms, p.seq, p.deliveries, e.fields FROM pending p
  LEFT JOIN entries e ON e.stream_id = ? AND e.ms = p.ms AND e.seq = p.seq`;

/**
 * The part of a better-sqlite3 statement this backend uses. Declared here because the library's
 * own Statement type cannot be named in emitted declarations.
 */
export interface PreparedStatement<B extends unknown[] = unknown[], R = unknown> {
  run(...params: B): Database.RunResult;
  get(...params: B): R | undefined;
  all(...params: B): R[];
}

function prep<B extends unknown[] = unknown[], R = unknown>(
  db: Database.Database,
  sql: string,
  pluck = false,
): PreparedStatement<B, R> {
  const statement = db.prepare<B, R>(sql);
  return (pluck ? statement.pluck() : statement) as unknown as PreparedStatement<B, R>;
}

/** Every statement the SQLite backend runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    streamByName: prep<[string], StreamRow>(db, 'SELECT * FROM streams WHERE name = ?'),
    streamById: prep<[number], StreamRow>(db, 'SELECT * FROM streams WHERE id = ?'),
    insertStream: prep<[string], StreamRow>(db, 'INSERT INTO streams (name) VALUES (?) RETURNING *'),
    saveStream: prep<[number, number, number, number, number, number, number]>(
      db,
      `UPDATE streams SET length = ?, entries_added = ?, last_ms = ?, last_seq = ?,
       max_deleted_ms = ?, max_deleted_seq = ? WHERE id = ?`,
    ),
    streamNames: prep<[string, string], string>(
      db,
      'SELECT name FROM streams WHERE substr(name, 1, length(?)) = ? ORDER BY name',
      true,
    ),

    insertEntry: prep<[number, number, number, Buffer]>(
      db,
      'INSERT INTO entries (stream_id, ms, seq, fields) VALUES (?, ?, ?, ?)',
    ),
    nthEntry: prep<[number, number], IdRow>(
      db,
      'SELECT ms, seq FROM entries WHERE stream_id = ? ORDER BY ms, seq LIMIT 1 OFFSET ?',
    ),
    lastEntry: prep<[number], IdRow>(
      db,
      'SELECT ms, seq FROM entries WHERE stream_id = ? ORDER BY ms DESC, seq DESC LIMIT 1',
    ),
    deleteEntriesUpTo: prep<[number, number, number]>(
      db,
      'DELETE FROM entries WHERE stream_id = ? AND (ms, seq) <= (?, ?)',
    ),
    deleteEntry: prep<[number, number, number]>(
      db,
      'DELETE FROM entries WHERE stream_id = ? AND ms = ? AND seq = ?',
    ),
    entriesAfter: prep<[number, number, number, number], EntryRow>(
      db,
      'SELECT ms, seq, fields FROM entries WHERE stream_id = ? AND (ms, seq) > (?, ?) ORDER BY ms, seq LIMIT ?',
    ),
    anyEntryAfter: prep<[number, number, number], number>(
      db,
      'SELECT 1 FROM entries WHERE stream_id = ? AND (ms, seq) > (?, ?) LIMIT 1',
      true,
    ),
    entriesBetween: prep<[number, number, number, number, number, number], EntryRow>(
      db,
      `SELECT ms, seq, fields FROM entries
       WHERE stream_id = ? AND (ms, seq) >= (?, ?) AND (ms, seq) <= (?, ?) ORDER BY ms, seq LIMIT ?`,
    ),

    groupByNames: prep<[string, string], GroupRow>(
      db,
      `SELECT g.id, g.stream_id, g.last_ms, g.last_seq, g.entries_read FROM stream_groups g
       JOIN streams s ON s.id = g.stream_id WHERE s.name = ? AND g.name = ?`,
    ),
    insertGroup: prep<[number, string, number, number, number | null]>(
      db,
      `INSERT INTO stream_groups (stream_id, name, last_ms, last_seq, entries_read) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (stream_id, name) DO NOTHING`,
    ),
    moveGroup: prep<[number, number, number | null, number]>(
      db,
      'UPDATE stream_groups SET last_ms = ?, last_seq = ?, entries_read = ? WHERE id = ?',
    ),
    groupsOfStream: prep<[number], GroupInfoRow>(
      db,
      `SELECT g.name, g.last_ms, g.last_seq,
         (SELECT count(*) FROM consumers c WHERE c.group_id = g.id) AS consumers,
         (SELECT count(*) FROM pending p WHERE p.group_id = g.id) AS pending,
         CASE WHEN g.entries_read IS NOT NULL
                   AND (s.max_deleted_ms, s.max_deleted_seq) <= (g.last_ms, g.last_seq)
           THEN s.entries_added - g.entries_read
           ELSE (SELECT count(*) FROM entries e
                 WHERE e.stream_id = g.stream_id AND (e.ms, e.seq) > (g.last_ms, g.last_seq))
         END AS lag
       FROM stream_groups g JOIN streams s ON s.id = g.stream_id
       WHERE g.stream_id = ? ORDER BY g.name`,
    ),
    addConsumer: prep<[number, string]>(db, 'INSERT OR IGNORE INTO consumers (group_id, name) VALUES (?, ?)'),

    // Like XREADGROUP: an id already pending (after the cursor moved back) starts over at 1. One
    // statement for the whole range just read: (after, upTo] of the stream.
    deliverRange: prep<[number, string, number, number, number, number, number, number]>(
      db,
      `INSERT INTO pending (group_id, ms, seq, consumer, delivered_at, deliveries)
       SELECT ?, ms, seq, ?, ?, 1 FROM entries
       WHERE stream_id = ? AND (ms, seq) > (?, ?) AND (ms, seq) <= (?, ?)
       ON CONFLICT (group_id, ms, seq) DO UPDATE SET
         consumer = excluded.consumer, delivered_at = excluded.delivered_at, deliveries = 1`,
    ),
    ownPending: prep<[number, number, string, number, number, number], PendingEntryRow>(
      db,
      `${PENDING_WITH_ENTRY}
       WHERE p.group_id = ? AND p.consumer = ? AND (p.ms, p.seq) > (?, ?) ORDER BY p.ms, p.seq LIMIT ?`,
    ),
    idlePending: prep<[number, number, number, number, number, number], PendingEntryRow>(
      db,
      `${PENDING_WITH_ENTRY}
       WHERE p.group_id = ? AND p.delivered_at <= ? AND (p.ms, p.seq) > (?, ?) ORDER BY p.ms, p.seq LIMIT ?`,
    ),
    redeliver: prep<[string, number, number, number, number]>(
      db,
      `UPDATE pending SET consumer = ?, delivered_at = ?, deliveries = deliveries + 1
       WHERE group_id = ? AND ms = ? AND seq = ?`,
    ),
    removePending: prep<[number, number, number]>(
      db,
      'DELETE FROM pending WHERE group_id = ? AND ms = ? AND seq = ?',
    ),
    listPending: prep<[number, number], PendingRow>(
      db,
      `SELECT ms, seq, consumer, delivered_at, deliveries FROM pending
       WHERE group_id = ? ORDER BY ms, seq LIMIT ?`,
    ),
    listPendingOf: prep<[number, string, number], PendingRow>(
      db,
      `SELECT ms, seq, consumer, delivered_at, deliveries FROM pending
       WHERE group_id = ? AND consumer = ? ORDER BY ms, seq LIMIT ?`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
