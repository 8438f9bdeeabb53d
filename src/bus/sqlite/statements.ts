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

/** Every statement the SQLite backend runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    streamByName: db.prepare<[string], StreamRow>('SELECT * FROM streams WHERE name = ?'),
    insertStream: db.prepare<[string], StreamRow>('INSERT INTO streams (name) VALUES (?) RETURNING *'),
    saveStream: db.prepare<[number, number, number, number, number, number, number]>(
      `UPDATE streams SET length = ?, entries_added = ?, last_ms = ?, last_seq = ?,
       max_deleted_ms = ?, max_deleted_seq = ? WHERE id = ?`,
    ),
    streamNames: db
      .prepare<[string, string], string>(
        'SELECT name FROM streams WHERE substr(name, 1, length(?)) = ? ORDER BY name',
      )
      .pluck(),

    insertEntry: db.prepare<[number, number, number, Buffer]>(
      'INSERT INTO entries (stream_id, ms, seq, fields) VALUES (?, ?, ?, ?)',
    ),
    nthEntry: db.prepare<[number, number], IdRow>(
      'SELECT ms, seq FROM entries WHERE stream_id = ? ORDER BY ms, seq LIMIT 1 OFFSET ?',
    ),
    lastEntry: db.prepare<[number], IdRow>(
      'SELECT ms, seq FROM entries WHERE stream_id = ? ORDER BY ms DESC, seq DESC LIMIT 1',
    ),
    deleteEntriesUpTo: db.prepare<[number, number, number]>(
      'DELETE FROM entries WHERE stream_id = ? AND (ms, seq) <= (?, ?)',
    ),
    deleteEntry: db.prepare<[number, number, number]>(
      'DELETE FROM entries WHERE stream_id = ? AND ms = ? AND seq = ?',
    ),
    entriesAfter: db.prepare<[number, number, number, number], EntryRow>(
      'SELECT ms, seq, fields FROM entries WHERE stream_id = ? AND (ms, seq) > (?, ?) ORDER BY ms, seq LIMIT ?',
    ),
    anyEntryAfter: db
      .prepare<[number, number, number], number>(
        'SELECT 1 FROM entries WHERE stream_id = ? AND (ms, seq) > (?, ?) LIMIT 1',
      )
      .pluck(),
    entriesBetween: db.prepare<[number, number, number, number, number, number], EntryRow>(
      `SELECT ms, seq, fields FROM entries
       WHERE stream_id = ? AND (ms, seq) >= (?, ?) AND (ms, seq) <= (?, ?) ORDER BY ms, seq LIMIT ?`,
    ),

    groupByNames: db.prepare<[string, string], GroupRow>(
      `SELECT g.id, g.stream_id, g.last_ms, g.last_seq FROM stream_groups g
       JOIN streams s ON s.id = g.stream_id WHERE s.name = ? AND g.name = ?`,
    ),
    insertGroup: db.prepare<[number, string, number, number]>(
      `INSERT INTO stream_groups (stream_id, name, last_ms, last_seq) VALUES (?, ?, ?, ?)
       ON CONFLICT (stream_id, name) DO NOTHING`,
    ),
    moveGroup: db.prepare<[number, number, number]>(
      'UPDATE stream_groups SET last_ms = ?, last_seq = ? WHERE id = ?',
    ),
    groupsOfStream: db.prepare<[number], GroupInfoRow>(
      `SELECT g.name, g.last_ms, g.last_seq,
         (SELECT count(*) FROM consumers c WHERE c.group_id = g.id) AS consumers,
         (SELECT count(*) FROM pending p WHERE p.group_id = g.id) AS pending,
         (SELECT count(*) FROM entries e
           WHERE e.stream_id = g.stream_id AND (e.ms, e.seq) > (g.last_ms, g.last_seq)) AS lag
       FROM stream_groups g WHERE g.stream_id = ? ORDER BY g.name`,
    ),
    addConsumer: db.prepare<[number, string]>(
      'INSERT OR IGNORE INTO consumers (group_id, name) VALUES (?, ?)',
    ),

    // Like XREADGROUP: an id already pending (after the cursor moved back) starts over at 1.
    deliverNew: db.prepare<[number, number, number, string, number]>(
      `INSERT INTO pending (group_id, ms, seq, consumer, delivered_at, deliveries) VALUES (?, ?, ?, ?, ?, 1)
       ON CONFLICT (group_id, ms, seq) DO UPDATE SET
         consumer = excluded.consumer, delivered_at = excluded.delivered_at, deliveries = 1`,
    ),
    ownPending: db.prepare<[number, number, string, number, number, number], PendingEntryRow>(
      `${PENDING_WITH_ENTRY}
       WHERE p.group_id = ? AND p.consumer = ? AND (p.ms, p.seq) > (?, ?) ORDER BY p.ms, p.seq LIMIT ?`,
    ),
    idlePending: db.prepare<[number, number, number, number, number, number], PendingEntryRow>(
      `${PENDING_WITH_ENTRY}
       WHERE p.group_id = ? AND p.delivered_at <= ? AND (p.ms, p.seq) > (?, ?) ORDER BY p.ms, p.seq LIMIT ?`,
    ),
    redeliver: db.prepare<[string, number, number, number, number]>(
      `UPDATE pending SET consumer = ?, delivered_at = ?, deliveries = deliveries + 1
       WHERE group_id = ? AND ms = ? AND seq = ?`,
    ),
    removePending: db.prepare<[number, number, number]>(
      'DELETE FROM pending WHERE group_id = ? AND ms = ? AND seq = ?',
    ),
    listPending: db.prepare<[number, number], PendingRow>(
      `SELECT ms, seq, consumer, delivered_at, deliveries FROM pending
       WHERE group_id = ? ORDER BY ms, seq LIMIT ?`,
    ),
    listPendingOf: db.prepare<[number, string, number], PendingRow>(
      `SELECT ms, seq, consumer, delivered_at, deliveries FROM pending
       WHERE group_id = ? AND consumer = ? ORDER BY ms, seq LIMIT ?`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
