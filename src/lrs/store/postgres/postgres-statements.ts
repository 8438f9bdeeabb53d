import type pg from 'pg';
import type { Statement } from '../../../xapi/statement.js';
import { definitionsById, mergeDefinition } from '../../statements/activity-definitions.js';
import {
  checkDuplicate,
  type PreparedStatement,
  prepareStatement,
  voidingVoidingError,
} from '../prepared-statement.js';
import type { InsertOptions, InsertOutcome } from '../statement-store.js';
import { TermCache } from '../term-cache.js';
import { inTransaction } from './postgres-schema.js';

interface RefRow {
  seq: string;
  id: string;
  voiding: boolean;
  term_ids: number[];
  ref_target?: string;
}

interface Placed {
  prepared: PreparedStatement;
  seq: number;
  termIds: number[];
}

/** The write half of the PostgreSQL statement store: set-based batch inserts under a per-schema lock. */
export class PostgresStatementWriter {
  private readonly terms = new TermCache();

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  async insert(batch: readonly Statement[], options: InsertOptions = {}): Promise<InsertOutcome> {
    try {
      return await inTransaction(this.pool, (client) => this.insertIn(client, batch, options));
    } catch (error) {
      this.terms.clear(); // ids cached during a rolled-back transaction may not exist
      throw error;
    }
  }

  private async insertIn(client: pg.PoolClient, batch: readonly Statement[], options: InsertOptions) {
    // One writer per schema at a time, so that sequence order is commit order and stored order.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`edstream-lrs-insert:${this.schema}`]);
    const last = await client.query<{ seq: string; stored_ms: string }>(
      'SELECT seq, stored_ms FROM statements ORDER BY seq DESC LIMIT 1',
    );
    const storedMs = Math.max(Date.now(), Number(last.rows[0]?.stored_ms ?? 0));
    let nextSeq = Number(last.rows[0]?.seq ?? 0) + 1;
    const storedIso = new Date(storedMs).toISOString();
    const outcome: InsertOutcome = { stored: storedIso, inserted: [], duplicates: [] };
    const all = batch.map((s) => prepareStatement(s, storedIso));

    const existing = await client.query<{ id: string; json: string }>(
      'SELECT id, json FROM statements WHERE id = ANY($1)',
      [all.map((p) => p.lowerId)],
    );
    const existingById = new Map(existing.rows.map((r) => [r.id, r.json]));
    const fresh = all.filter((p) => {
      const json = existingById.get(p.lowerId);
      if (json === undefined) return true;
      checkDuplicate(json, p.statement);
      outcome.duplicates.push(p.id);
      return false;
    });
    if (fresh.length === 0) return outcome;

    const termIds = await this.internTerms(
      client,
      fresh.flatMap((p) => [...p.inheritable, ...p.own]),
    );
    const targets = await this.refRows(
      client,
      'id',
      fresh.flatMap((p) => (p.refTarget ? [p.refTarget] : [])),
    );
    const placed = new Map<string, Placed>();
    const voidSeqs: number[] = [];
    for (const prepared of fresh) {
      const ids = prepared.inheritable.map((t) => termIds.get(t)!);
      const inBatch = prepared.refTarget ? placed.get(prepared.refTarget) : undefined;
      const stored = prepared.refTarget ? targets.get(prepared.refTarget) : undefined;
      const target = inBatch
        ? {
            seq: inBatch.seq,
            voiding: inBatch.prepared.voiding,
            termIds: inBatch.termIds,
            id: inBatch.prepared.id,
          }
        : stored && {
            seq: Number(stored.seq),
            voiding: stored.voiding,
            termIds: stored.term_ids,
            id: stored.id,
          };
      if (prepared.voiding && target?.voiding) throw voidingVoidingError(prepared.id, target.id);
      if (target) for (const id of target.termIds) if (!ids.includes(id)) ids.push(id);
      if (prepared.voiding && target) voidSeqs.push(target.seq);
      placed.set(prepared.lowerId, { prepared, seq: nextSeq++, termIds: ids });
      outcome.inserted.push(prepared.id);
    }

    const rows = [...placed.values()];
    await client.query(
      `INSERT INTO statements (seq, id, stored_ms, ref_target, voiding, term_ids, json)
       SELECT seq, id, $3, ref_target, voiding, string_to_array(term_ids, ',')::int[], json
       FROM unnest($1::bigint[], $2::text[], $4::text[], $5::boolean[], $6::text[], $7::text[])
         AS t(seq, id, ref_target, voiding, term_ids, json)`,
      [
        rows.map((r) => r.seq),
        rows.map((r) => r.prepared.lowerId),
        storedMs,
        rows.map((r) => r.prepared.refTarget ?? null),
        rows.map((r) => r.prepared.voiding),
        rows.map((r) => r.termIds.join(',')),
        rows.map((r) => r.prepared.json),
      ],
    );
    const postingTerms: number[] = [];
    const postingSeqs: number[] = [];
    for (const r of rows) {
      for (const id of [...r.termIds, ...r.prepared.own.map((t) => termIds.get(t)!)]) {
        postingTerms.push(id);
        postingSeqs.push(r.seq);
      }
    }
    await this.addPostings(client, postingTerms, postingSeqs);
    await this.linkReferrers(client, placed, voidSeqs);
    if (voidSeqs.length > 0)
      await client.query('UPDATE statements SET voided = true WHERE seq = ANY($1)', [voidSeqs]);
    for (const a of options.attachments ?? []) {
      await client.query(
        'INSERT INTO attachments (sha2, content_type, content) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [a.sha2, a.contentType, a.content],
      );
    }
    if (options.define !== false)
      await this.learnDefinitions(
        client,
        fresh.map((p) => p.statement),
      );
    return outcome;
  }

  /** Statements that targeted a new one before it arrived: they may void it, and inherit its terms. */
  private async linkReferrers(client: pg.PoolClient, placed: Map<string, Placed>, voidSeqs: number[]) {
    const referrers = await this.refRows(client, 'ref_target', [...placed.keys()]);
    for (const referrer of referrers.values()) {
      const target = placed.get(referrer.ref_target!)!;
      if (Number(referrer.seq) < target.seq) {
        if (referrer.voiding && !target.prepared.voiding) voidSeqs.push(target.seq);
        await this.propagate(client, referrer, target.termIds, new Set([target.seq]));
      }
    }
  }

  private async propagate(client: pg.PoolClient, row: RefRow, termIds: readonly number[], seen: Set<number>) {
    const seq = Number(row.seq);
    if (seen.has(seq)) return;
    seen.add(seq);
    const added = termIds.filter((id) => !row.term_ids.includes(id));
    if (added.length === 0) return;
    const all = [...row.term_ids, ...added];
    await client.query('UPDATE statements SET term_ids = $1 WHERE seq = $2', [all, seq]);
    await this.addPostings(
      client,
      added,
      added.map(() => seq),
    );
    const next = await this.refRows(client, 'ref_target', [row.id]);
    for (const referrer of next.values()) await this.propagate(client, referrer, all, seen);
  }

  private async addPostings(client: pg.PoolClient, termIds: number[], seqs: number[]) {
    await client.query(
      `INSERT INTO statement_terms (term_id, seq) SELECT * FROM unnest($1::int[], $2::bigint[])
       ON CONFLICT DO NOTHING`,
      [termIds, seqs],
    );
  }

  private async refRows(client: pg.PoolClient, column: 'id' | 'ref_target', values: string[]) {
    const found = new Map<string, RefRow>();
    if (values.length === 0) return found;
    const { rows } = await client.query<RefRow>(
      `SELECT seq, id, voiding, term_ids, ref_target FROM statements WHERE ${column} = ANY($1)`,
      [values],
    );
    for (const row of rows) found.set(column === 'id' ? row.id : `${row.seq}`, row);
    return found;
  }

  private async internTerms(client: pg.PoolClient, terms: string[]) {
    const ids = new Map<string, number>();
    const missing = new Set<string>();
    for (const t of terms) {
      const id = this.terms.get(t);
      if (id === undefined) missing.add(t);
      else ids.set(t, id);
    }
    if (missing.size > 0) {
      const list = [...missing];
      await client.query('INSERT INTO terms (term) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [list]);
      const { rows } = await client.query<{ id: number; term: string }>(
        'SELECT id, term FROM terms WHERE term = ANY($1)',
        [list],
      );
      for (const row of rows) {
        ids.set(row.term, row.id);
        this.terms.set(row.term, row.id);
      }
    }
    return ids;
  }

  private async learnDefinitions(client: pg.PoolClient, statements: Statement[]) {
    const incoming = definitionsById(statements);
    if (incoming.size === 0) return;
    const { rows } = await client.query<{ activity_id: string; definition: string }>(
      'SELECT activity_id, definition FROM activities WHERE activity_id = ANY($1) FOR UPDATE',
      [[...incoming.keys()]],
    );
    const current = new Map(rows.map((r) => [r.activity_id, r.definition]));
    for (const [id, definition] of incoming) {
      const before = current.get(id);
      const merged = JSON.stringify(mergeDefinition(before ? JSON.parse(before) : undefined, definition));
      if (merged === before) continue;
      await client.query(
        `INSERT INTO activities (activity_id, definition) VALUES ($1, $2)
         ON CONFLICT (activity_id) DO UPDATE SET definition = excluded.definition`,
        [id, merged],
      );
    }
  }
}
