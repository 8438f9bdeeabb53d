import type pg from 'pg';
import { queryTerms } from '../query-terms.js';
import type { StatementPage, StatementQuery, StoredStatement } from '../statement-store.js';

interface StatementRow {
  seq: string;
  id: string;
  json: string;
  stored_ms: string;
  voided: boolean;
}

/** The read half of the PostgreSQL statement store: by id, and filtered pages in `seq` order. */
export class PostgresStatementReader {
  constructor(private readonly pool: pg.Pool) {}

  async get(id: string): Promise<StoredStatement | undefined> {
    const { rows } = await this.pool.query<StatementRow>(
      'SELECT seq, id, json, stored_ms, voided FROM statements WHERE id = $1',
      [id.toLowerCase()],
    );
    return rows[0] && toStored(rows[0]);
  }

  async query(query: StatementQuery): Promise<StatementPage> {
    let low = 0;
    let high = Number.MAX_SAFE_INTEGER;
    if (query.since !== undefined) low = (await this.seqAtOrBefore(query.since)) ?? 0;
    if (query.until !== undefined) high = (await this.seqAtOrBefore(query.until)) ?? 0;
    if (query.after) {
      if (query.ascending) low = Math.max(low, query.after.seq);
      else high = Math.min(high, query.after.seq - 1);
    }
    const wanted = queryTerms(query);
    const known = await this.termIds(wanted.flat());
    const groups = wanted.map((group) => group.flatMap((t) => (known.has(t) ? [known.get(t)!] : [])));
    if (groups.some((g) => g.length === 0) || high <= low) return { statements: [] };
    const order = query.ascending ? 'ASC' : 'DESC';
    const joins = groups
      .slice(1)
      .map(
        (_, i) =>
          `JOIN statement_terms t${i + 1} ON t${i + 1}.term_id = ANY($${i + 5}) AND t${i + 1}.seq = t0.seq`,
      )
      .join(' ');
    const sql =
      groups.length === 0
        ? `SELECT seq, id, json, stored_ms, voided FROM statements
           WHERE seq > $1 AND seq <= $2 AND NOT voided ORDER BY seq ${order} LIMIT $3`
        : `SELECT s.seq, s.id, s.json, s.stored_ms, s.voided FROM statement_terms t0 ${joins}
           JOIN statements s ON s.seq = t0.seq
           WHERE t0.term_id = ANY($4) AND t0.seq > $1 AND t0.seq <= $2 AND NOT s.voided
           ORDER BY t0.seq ${order} LIMIT $3`;
    const { rows } = await this.pool.query<StatementRow>(sql, [low, high, query.limit + 1, ...groups]);
    const more = rows.length > query.limit;
    if (more) rows.length = query.limit;
    const page: StatementPage = { statements: rows.map(toStored) };
    if (more) page.next = { seq: Number(rows[rows.length - 1]!.seq) };
    return page;
  }

  private async termIds(terms: string[]): Promise<Map<string, number>> {
    if (terms.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: number; term: string }>(
      'SELECT id, term FROM terms WHERE term = ANY($1)',
      [terms],
    );
    return new Map(rows.map((r) => [r.term, r.id]));
  }

  private async seqAtOrBefore(ms: number): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ seq: string }>(
      'SELECT seq FROM statements WHERE stored_ms <= $1 ORDER BY stored_ms DESC, seq DESC LIMIT 1',
      [ms],
    );
    return rows[0] ? Number(rows[0].seq) : undefined;
  }
}

function toStored(row: StatementRow): StoredStatement {
  return { id: row.id, json: row.json, storedMs: Number(row.stored_ms), voided: row.voided };
}
