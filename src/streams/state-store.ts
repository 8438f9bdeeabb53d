import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Statement } from '../xapi/statement.js';
import type { SinkStats } from './sink-runner.js';

export interface SinkDeadLetter {
  readonly id: number;
  readonly subscription: string;
  readonly sink: string;
  readonly statementId: string;
  readonly statement: Statement;
  readonly code: string;
  readonly message: string;
  readonly attempts: number;
  readonly failedAt: string;
}

export interface SinkStatus extends SinkStats {
  readonly subscription: string;
  readonly sink: string;
  /** Entries of the source not yet read by the subscription's group, when known. */
  readonly lag: number | null;
  readonly updatedAt: string;
}

interface DeadLetterRow {
  id: number;
  subscription: string;
  sink: string;
  statement_id: string;
  statement: string;
  code: string;
  message: string;
  attempts: number;
  failed_at: string;
}

/**
 * The data streams' own durable state, one SQLite file: per-sink dead letters (inspect, replay)
 * and the last status each running pipeline reported, which `edstream stream status` reads.
 */
export class StreamStateStore {
  readonly #db: Database.Database;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS sink_dead_letters (
        id INTEGER PRIMARY KEY AUTOINCREMENT, subscription TEXT NOT NULL, sink TEXT NOT NULL,
        statement_id TEXT NOT NULL, statement TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL,
        attempts INTEGER NOT NULL, failed_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS sink_dead_letters_by_sink ON sink_dead_letters (subscription, sink, id);
      CREATE TABLE IF NOT EXISTS sink_status (
        subscription TEXT NOT NULL, sink TEXT NOT NULL, delivered INTEGER NOT NULL, retrying INTEGER NOT NULL,
        retried INTEGER NOT NULL DEFAULT 0,
        dead_lettered INTEGER NOT NULL, queued INTEGER NOT NULL, lag INTEGER, updated_at TEXT NOT NULL,
        PRIMARY KEY (subscription, sink));
      CREATE TABLE IF NOT EXISTS file_checkpoints (
        subscription TEXT NOT NULL, path TEXT NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (subscription, path));
    `);
    // State files written before the retried counter existed gain its column.
    const columns = this.#db.prepare('PRAGMA table_info(sink_status)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'retried')) {
      this.#db.exec('ALTER TABLE sink_status ADD COLUMN retried INTEGER NOT NULL DEFAULT 0');
    }
  }

  addDeadLetters(
    subscription: string,
    sink: string,
    statements: readonly Statement[],
    code: string,
    message: string,
    attempts: number,
  ): void {
    const insert = this.#db.prepare(
      'INSERT INTO sink_dead_letters (subscription, sink, statement_id, statement, code, message, attempts, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const now = new Date().toISOString();
    this.#db.transaction(() => {
      for (const s of statements)
        insert.run(
          subscription,
          sink,
          s.id ?? '',
          JSON.stringify(s),
          code,
          message.slice(0, 4000),
          attempts,
          now,
        );
    })();
  }

  deadLetters(filter: { subscription?: string; sink?: string; limit?: number } = {}): SinkDeadLetter[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM sink_dead_letters WHERE (? IS NULL OR subscription = ?) AND (? IS NULL OR sink = ?) ORDER BY id LIMIT ?`,
      )
      .all(
        filter.subscription ?? null,
        filter.subscription ?? null,
        filter.sink ?? null,
        filter.sink ?? null,
        filter.limit ?? 1000,
      ) as DeadLetterRow[];
    return rows.map((r) => ({
      id: r.id,
      subscription: r.subscription,
      sink: r.sink,
      statementId: r.statement_id,
      statement: JSON.parse(r.statement) as Statement,
      code: r.code,
      message: r.message,
      attempts: r.attempts,
      failedAt: r.failed_at,
    }));
  }

  removeDeadLetters(ids: readonly number[]): void {
    const remove = this.#db.prepare('DELETE FROM sink_dead_letters WHERE id = ?');
    this.#db.transaction(() => {
      for (const id of ids) remove.run(id);
    })();
  }

  saveStatus(status: SinkStatus): void {
    this.#db
      .prepare(
        `INSERT INTO sink_status (subscription, sink, delivered, retrying, retried, dead_lettered, queued, lag, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (subscription, sink) DO UPDATE SET delivered = excluded.delivered, retrying = excluded.retrying,
           retried = excluded.retried,
           dead_lettered = excluded.dead_lettered, queued = excluded.queued, lag = excluded.lag, updated_at = excluded.updated_at`,
      )
      .run(
        status.subscription,
        status.sink,
        status.delivered,
        status.retrying,
        status.retried,
        status.deadLettered,
        status.queued,
        status.lag,
        status.updatedAt,
      );
  }

  statuses(): SinkStatus[] {
    const rows = this.#db.prepare('SELECT * FROM sink_status ORDER BY subscription, sink').all() as {
      subscription: string;
      sink: string;
      delivered: number;
      retrying: number;
      retried: number;
      dead_lettered: number;
      queued: number;
      lag: number | null;
      updated_at: string;
    }[];
    return rows.map((r) => ({
      subscription: r.subscription,
      sink: r.sink,
      delivered: r.delivered,
      retrying: r.retrying,
      retried: r.retried,
      deadLettered: r.dead_lettered,
      queued: r.queued,
      lag: r.lag,
      updatedAt: r.updated_at,
    }));
  }

  /** The last line of a file a subscription has fully handled (0: none). Each subscription reads on its own. */
  fileCheckpoint(subscription: string, path: string): number {
    const row = this.#db
      .prepare('SELECT line FROM file_checkpoints WHERE subscription = ? AND path = ?')
      .get(subscription, path) as { line: number } | undefined;
    return row?.line ?? 0;
  }

  saveFileCheckpoint(subscription: string, path: string, line: number): void {
    this.#db
      .prepare(
        'INSERT INTO file_checkpoints (subscription, path, line) VALUES (?, ?, ?) ON CONFLICT (subscription, path) DO UPDATE SET line = excluded.line',
      )
      .run(subscription, path, line);
  }

  close(): void {
    this.#db.close();
  }
}
