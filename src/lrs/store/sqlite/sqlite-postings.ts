import type Database from 'better-sqlite3';
import type { Statement } from '../../../xapi/statement.js';
import { statementTerms } from '../../statements/statement-terms.js';
import { parseTermIds } from '../prepared-statement.js';

export interface PostingsOptions {
  /** Flush once this many postings are buffered. */
  flushAt?: number;
  /** Flush this long after the first posting was buffered. */
  flushAfterMs?: number;
}

/**
 * The write buffer of `statement_terms`. Index rows have random keys, so writing them with every
 * 100-statement commit rewrites a large share of the index pages each time (WAL logs whole pages).
 * Buffered and written sorted in larger transactions, each page is written once per flush.
 * Statements themselves commit immediately; filtered reads flush first, so they never miss one,
 * and `postings_through` lets a restart rebuild what a crash lost from the statements table.
 */
export class SqlitePostings {
  private terms: number[] = [];
  private seqs: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly flushAt: number;
  private readonly flushAfterMs: number;
  private readonly sql;
  private readonly write: () => void;

  constructor(
    private readonly db: Database.Database,
    private readonly termId: (term: string) => number,
    { flushAt = 25_000, flushAfterMs = 200 }: PostingsOptions = {},
  ) {
    this.flushAt = flushAt;
    this.flushAfterMs = flushAfterMs;
    this.sql = {
      insert: db.prepare('INSERT OR IGNORE INTO statement_terms (term_id, seq) VALUES (?, ?)'),
      through: db.prepare("SELECT value FROM meta WHERE key = 'postings_through'").pluck(),
      setThrough: db.prepare("UPDATE meta SET value = ? WHERE key = 'postings_through'"),
      lastSeq: db.prepare('SELECT coalesce(max(seq), 0) FROM statements').pluck(),
      unindexed: db.prepare('SELECT seq, term_ids, json FROM statements WHERE seq > ? ORDER BY seq'),
    };
    this.write = db.transaction(() => this.writeBuffered());
    this.recover();
  }

  get size(): number {
    return this.terms.length;
  }

  add(termId: number, seq: number): void {
    this.terms.push(termId);
    this.seqs.push(seq);
  }

  /** Drops postings added after `size` was `length`: their transaction rolled back. */
  truncate(length: number): void {
    this.terms.length = length;
    this.seqs.length = length;
  }

  /** After a commit: flush if the buffer is full, else make sure a flush is scheduled. */
  committed(): void {
    if (this.terms.length >= this.flushAt) this.flush();
    else if (this.terms.length > 0 && !this.timer) {
      this.timer = setTimeout(() => this.flush(), this.flushAfterMs);
      this.timer.unref();
    }
  }

  /** Writes every buffered posting; call outside any transaction. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.terms.length > 0 && this.db.open) this.write();
  }

  private writeBuffered(): void {
    const order = Array.from(this.terms.keys()).sort(
      (a, b) => this.terms[a]! - this.terms[b]! || this.seqs[a]! - this.seqs[b]!,
    );
    for (const i of order) this.sql.insert.run(this.terms[i]!, this.seqs[i]!);
    this.sql.setThrough.run(this.sql.lastSeq.get());
    this.truncate(0);
  }

  /** Re-indexes statements committed after the last flush, after a crash or kill. */
  private recover(): void {
    const through = this.sql.through.get() as number;
    const rows = this.sql.unindexed.all(through) as { seq: number; term_ids: string; json: string }[];
    for (const row of rows) {
      for (const id of parseTermIds(row.term_ids)) this.add(id, row.seq);
      const own = statementTerms({ ...(JSON.parse(row.json) as Statement) }).filter((t) =>
        t.startsWith('u|'),
      );
      for (const t of own) this.add(this.termId(t), row.seq);
    }
    this.write();
  }
}
