import Database from 'better-sqlite3';
import { createLogger, type Logger } from '../logging.js';
import type { EntryFields } from './backend.js';

type Sender = (stream: string, entries: readonly EntryFields[]) => Promise<string[]>;

interface Row {
  id: number;
  stream: string;
  fields: string;
}

/**
 * A local SQLite outbox: events that could not reach the bus wait here, and a drain loop sends
 * them in insertion order when the bus is back, deleting each only after the bus has it.
 */
export class Outbox {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #count: Database.Statement;
  readonly #oldest: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #log: Logger;
  #size: number;
  #timer: NodeJS.Timeout | undefined;
  #draining: Promise<void> | undefined;
  #sender: Sender | undefined;

  constructor(path: string, options: { logger?: Logger; intervalMs?: number } = {}) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(
      'CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, fields TEXT NOT NULL)',
    );
    this.#insert = this.#db.prepare('INSERT INTO outbox (stream, fields) VALUES (?, ?)');
    this.#count = this.#db.prepare('SELECT count(*) AS n FROM outbox').pluck();
    this.#oldest = this.#db.prepare('SELECT id, stream, fields FROM outbox ORDER BY id LIMIT ?');
    this.#delete = this.#db.prepare('DELETE FROM outbox WHERE id <= ?');
    this.#size = this.#count.get() as number;
    this.#log = options.logger ?? createLogger('outbox');
    this.intervalMs = options.intervalMs ?? 500;
  }

  readonly intervalMs: number;

  size(): number {
    return this.#size;
  }

  /** Stores entries durably; returns their outbox ids. */
  add(stream: string, entries: readonly EntryFields[]): number[] {
    const ids = this.#db.transaction(() =>
      entries.map((fields) => Number(this.#insert.run(stream, encodeFields(fields)).lastInsertRowid)),
    )();
    this.#size += ids.length;
    return ids;
  }

  startDraining(sender: Sender): void {
    this.#sender = sender;
    this.#timer ??= setInterval(() => void this.drain(), this.intervalMs);
    this.#timer.unref();
  }

  /** Sends what is waiting, oldest first, stopping at the first failure. */
  drain(): Promise<void> {
    this.#draining ??= this.#drainOnce().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  async #drainOnce(): Promise<void> {
    if (!this.#sender) return;
    while (this.#size > 0) {
      const rows = this.#oldest.all(500) as Row[];
      if (rows.length === 0) return;
      // Consecutive rows for the same stream go in one append, preserving the overall order.
      let end = 1;
      while (end < rows.length && rows[end]!.stream === rows[0]!.stream) end++;
      const batch = rows.slice(0, end);
      try {
        await this.#sender(
          batch[0]!.stream,
          batch.map((r) => decodeFields(r.fields)),
        );
      } catch (error) {
        this.#log.warn(
          { err: error, waiting: this.#size },
          'bus still unreachable; events stay in the outbox',
        );
        return;
      }
      this.#delete.run(batch[batch.length - 1]!.id);
      this.#size = this.#count.get() as number;
    }
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#draining;
    this.#db.close();
  }
}

function encodeFields(fields: EntryFields): string {
  return JSON.stringify(
    fields.map(([name, value]) =>
      Buffer.isBuffer(value) ? [name, { b64: value.toString('base64') }] : [name, value],
    ),
  );
}

function decodeFields(text: string): EntryFields {
  const raw = JSON.parse(text) as [string, string | { b64: string }][];
  return raw.map(([name, value]) => [
    name,
    typeof value === 'string' ? value : Buffer.from(value.b64, 'base64'),
  ]);
}
