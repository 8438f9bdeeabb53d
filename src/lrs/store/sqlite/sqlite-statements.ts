import type Database from 'better-sqlite3';
import type { Statement } from '../../../xapi/statement.js';
import {
  checkDuplicate,
  type PreparedStatement,
  parseTermIds,
  prepareStatement,
  StoredClock,
  voidingVoidingError,
} from '../prepared-statement.js';
import { queryTerms } from '../query-terms.js';
import type {
  InsertOptions,
  InsertOutcome,
  StatementPage,
  StatementQuery,
  StoredStatement,
} from '../statement-store.js';
import { TermCache } from '../term-cache.js';
import { SqliteActivities } from './sqlite-activities.js';
import { SqlitePostings } from './sqlite-postings.js';

interface RefRow {
  seq: number;
  id: string;
  voiding: number;
  term_ids: string;
}

interface PendingInsert {
  batch: readonly Statement[];
  options: InsertOptions;
  resolve: (outcome: InsertOutcome) => void;
  reject: (error: unknown) => void;
}

interface StatementRow {
  seq: number;
  id: string;
  json: string;
  stored_ms: number;
  voided: number;
}

/** The statement half of the SQLite store: the lean insert path and the indexed queries. */
export class SqliteStatements {
  private readonly clock: StoredClock;
  private readonly terms = new TermCache();
  private readonly queries = new Map<string, Database.Statement>();
  readonly activities: SqliteActivities;
  private readonly sql;
  private readonly insertBatch: (batch: readonly Statement[], options: InsertOptions) => InsertOutcome;
  private readonly insertGroup: (work: () => void) => void;
  private pending: PendingInsert[] = [];
  private readonly postings: SqlitePostings;

  constructor(private readonly db: Database.Database) {
    this.activities = new SqliteActivities(db);
    this.sql = {
      insert: db.prepare(
        `INSERT INTO statements (id, stored_ms, ref_target, voiding, term_ids, json)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ),
      byId: db.prepare('SELECT seq, id, json, stored_ms, voided FROM statements WHERE id = ?'),
      refById: db.prepare('SELECT seq, id, voiding, term_ids FROM statements WHERE id = ?'),
      referrers: db.prepare('SELECT seq, id, voiding, term_ids FROM statements WHERE ref_target = ?'),
      setVoided: db.prepare('UPDATE statements SET voided = 1 WHERE seq = ?'),
      setTermIds: db.prepare('UPDATE statements SET term_ids = ? WHERE seq = ?'),
      termId: db.prepare('SELECT id FROM terms WHERE term = ?').pluck(),
      newTerm: db.prepare('INSERT INTO terms (term) VALUES (?)'),
      seqAtOrBefore: db
        .prepare('SELECT seq FROM statements WHERE stored_ms <= ? ORDER BY stored_ms DESC, seq DESC LIMIT 1')
        .pluck(),
      lastStored: db.prepare('SELECT max(stored_ms) FROM statements').pluck(),
      attachment: db.prepare(
        'INSERT OR IGNORE INTO attachments (sha2, content_type, content) VALUES (?, ?, ?)',
      ),
    };
    this.clock = new StoredClock((this.sql.lastStored.get() as number | null) ?? 0);
    this.insertBatch = db.transaction((batch, options) => this.insertInTransaction(batch, options));
    this.insertGroup = db.transaction((work) => work());
    this.postings = new SqlitePostings(db, (t) => this.termId(t));
  }

  /**
   * Inserts a batch. Calls that arrive while a transaction runs are committed together in the next
   * one (group commit), each in its own savepoint, so one call's conflict fails that call only.
   */
  insert(batch: readonly Statement[], options: InsertOptions = {}): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ batch, options, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.commitPending());
    });
  }

  private commitPending(): void {
    const calls = this.pending;
    this.pending = [];
    const results: ({ ok: InsertOutcome } | { error: unknown })[] = [];
    const groupMark = this.postings.size;
    try {
      this.insertGroup(() => {
        for (const call of calls) {
          const mark = this.postings.size;
          try {
            results.push({ ok: this.insertBatch(call.batch, call.options) });
          } catch (error) {
            this.forgetCaches(mark);
            results.push({ error });
          }
        }
      });
    } catch (error) {
      this.forgetCaches(groupMark);
      for (const call of calls) call.reject(error);
      return;
    }
    this.postings.committed();
    calls.forEach((call, i) => {
      const result = results[i]!;
      if ('ok' in result) call.resolve(result.ok);
      else call.reject(result.error);
    });
  }

  /** After a rollback: cached ids and buffered postings may name rows that no longer exist. */
  private forgetCaches(postingsMark: number): void {
    this.terms.clear();
    this.activities.reset();
    this.postings.truncate(postingsMark);
  }

  /** Writes buffered index rows; before closing the database. */
  flushIndex(): void {
    this.postings.flush();
  }

  private insertInTransaction(batch: readonly Statement[], options: InsertOptions): InsertOutcome {
    const storedMs = this.clock.next();
    const storedIso = new Date(storedMs).toISOString();
    const outcome: InsertOutcome = { stored: storedIso, inserted: [], duplicates: [] };
    const fresh: Statement[] = [];
    for (const statement of batch) {
      const prepared = prepareStatement(statement, storedIso);
      const target = prepared.refTarget
        ? (this.sql.refById.get(prepared.refTarget) as RefRow | undefined)
        : undefined;
      if (prepared.voiding && target?.voiding) throw voidingVoidingError(prepared.id, target.id);
      const termIds = prepared.inheritable.map((t) => this.termId(t));
      if (target) mergeInto(termIds, parseTermIds(target.term_ids));
      const result = this.sql.insert.run(
        prepared.lowerId,
        storedMs,
        prepared.refTarget ?? null,
        prepared.voiding ? 1 : 0,
        termIds.join(','),
        prepared.json,
      );
      if (result.changes === 0) {
        checkDuplicate((this.sql.byId.get(prepared.lowerId) as StatementRow).json, prepared.statement);
        outcome.duplicates.push(prepared.id);
        continue;
      }
      const seq = Number(result.lastInsertRowid);
      for (const id of termIds) this.postings.add(id, seq);
      for (const t of prepared.own) this.postings.add(this.termId(t), seq);
      if (prepared.voiding && target) this.sql.setVoided.run(target.seq);
      this.linkReferrers(prepared, seq, termIds);
      outcome.inserted.push(prepared.id);
      fresh.push(prepared.statement);
    }
    for (const a of options.attachments ?? []) this.sql.attachment.run(a.sha2, a.contentType, a.content);
    if (options.define !== false) this.activities.learn(fresh);
    return outcome;
  }

  /** Statements stored before this one that target it: they may void it, and they inherit its terms. */
  private linkReferrers(prepared: PreparedStatement, seq: number, termIds: number[]): void {
    const referrers = this.sql.referrers.all(prepared.lowerId) as RefRow[];
    for (const referrer of referrers) {
      if (referrer.voiding && !prepared.voiding) this.sql.setVoided.run(seq);
      this.propagate(referrer, termIds, new Set([seq]));
    }
  }

  private propagate(row: RefRow, termIds: readonly number[], seen: Set<number>): void {
    if (seen.has(row.seq)) return;
    seen.add(row.seq);
    const current = parseTermIds(row.term_ids);
    const added = termIds.filter((id) => !current.includes(id));
    if (added.length === 0) return;
    const all = [...current, ...added];
    this.sql.setTermIds.run(all.join(','), row.seq);
    for (const id of added) this.postings.add(id, row.seq);
    for (const next of this.sql.referrers.all(row.id) as RefRow[]) this.propagate(next, all, seen);
  }

  private termId(term: string, create = true): number {
    const cached = this.terms.get(term);
    if (cached !== undefined) return cached;
    let id = this.sql.termId.get(term) as number | undefined;
    if (id === undefined) {
      if (!create) return -1;
      id = Number(this.sql.newTerm.run(term).lastInsertRowid);
    }
    this.terms.set(term, id);
    return id;
  }

  get(id: string): StoredStatement | undefined {
    const row = this.sql.byId.get(id.toLowerCase()) as StatementRow | undefined;
    return row && toStored(row);
  }

  query(query: StatementQuery): StatementPage {
    let low = 0;
    let high = Number.MAX_SAFE_INTEGER;
    if (query.since !== undefined) low = (this.sql.seqAtOrBefore.get(query.since) as number | undefined) ?? 0;
    if (query.until !== undefined)
      high = (this.sql.seqAtOrBefore.get(query.until) as number | undefined) ?? 0;
    if (query.after) {
      if (query.ascending) low = Math.max(low, query.after.seq);
      else high = Math.min(high, query.after.seq - 1);
    }
    const groups = queryTerms(query).map((group) =>
      group.map((t) => this.termId(t, false)).filter((id) => id !== -1),
    );
    if (groups.some((g) => g.length === 0) || high <= low) return { statements: [] };
    if (groups.length > 0) this.postings.flush();
    const [first = [], ...rest] = groups;
    const rows = this.pageQuery(
      groups.map((g) => g.length),
      query.ascending === true,
    ).all(...rest.flat(), ...first, low, high, query.limit + 1) as StatementRow[];
    const more = rows.length > query.limit;
    if (more) rows.length = query.limit;
    const page: StatementPage = { statements: rows.map(toStored) };
    if (more) page.next = { seq: rows[rows.length - 1]!.seq };
    return page;
  }

  /**
   * One prepared query per shape (terms per filter, order). The first filter drives the join in
   * `seq` order; CROSS JOIN stops SQLite from reordering it. A two-term filter (related agents or
   * activities) is an IN, whose matches SQLite sorts.
   */
  private pageQuery(shape: readonly number[], ascending: boolean): Database.Statement {
    const key = `${shape.join(',')}:${ascending}`;
    let prepared = this.queries.get(key);
    if (!prepared) {
      const order = ascending ? 'ASC' : 'DESC';
      const among = (n: number) => `IN (${Array.from({ length: n }, () => '?').join(', ')})`;
      let sql: string;
      if (shape.length === 0) {
        sql = `SELECT seq, id, json, stored_ms, voided FROM statements
               WHERE seq > ? AND seq <= ? AND voided = 0 ORDER BY seq ${order} LIMIT ?`;
      } else {
        const joins = shape
          .slice(1)
          .map(
            (n, i) =>
              `CROSS JOIN statement_terms t${i + 1} ON t${i + 1}.term_id ${among(n)} AND t${i + 1}.seq = t0.seq`,
          )
          .join(' ');
        // Placeholders bind in text order: the joined terms first, then the driving term.
        sql = `SELECT s.seq, s.id, s.json, s.stored_ms, s.voided
               FROM statement_terms t0
               ${joins}
               CROSS JOIN statements s ON s.seq = t0.seq
               WHERE t0.term_id ${among(shape[0]!)} AND t0.seq > ? AND t0.seq <= ? AND s.voided = 0
               ORDER BY t0.seq ${order} LIMIT ?`;
      }
      prepared = this.db.prepare(sql);
      this.queries.set(key, prepared);
    }
    return prepared;
  }
}

function mergeInto(target: number[], extra: readonly number[]): void {
  for (const id of extra) if (!target.includes(id)) target.push(id);
}

function toStored(row: StatementRow): StoredStatement {
  return { id: row.id, json: row.json, storedMs: row.stored_ms, voided: row.voided === 1 };
}
