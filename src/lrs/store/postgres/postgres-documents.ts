import type pg from 'pg';
import { scopeColumns, storedDocument } from '../document-keys.js';
import type {
  CredentialRecord,
  DocumentKey,
  DocumentScope,
  DocumentSummary,
  DocumentWrite,
  StoredDocument,
} from '../statement-store.js';
import { inTransaction } from './postgres-schema.js';

const SCOPE = 'kind = $1 AND activity_id = $2 AND agent = $3 AND registration = $4';

interface DocumentRow {
  content_type: string;
  content: Buffer;
  etag: string;
  updated_ms: string;
}

/** Documents and credentials in PostgreSQL. */
export class PostgresDocuments {
  constructor(private readonly pool: pg.Pool) {}

  async get(
    key: DocumentKey,
    client: pg.Pool | pg.PoolClient = this.pool,
  ): Promise<StoredDocument | undefined> {
    const { rows } = await client.query<DocumentRow>(
      `SELECT content_type, content, etag, updated_ms FROM documents WHERE ${SCOPE} AND document_id = $5`,
      [...scopeColumns(key), key.documentId],
    );
    const row = rows[0];
    return (
      row && {
        contentType: row.content_type,
        content: row.content,
        etag: row.etag,
        updated: Number(row.updated_ms),
      }
    );
  }

  async list(scope: DocumentScope, since = -1): Promise<DocumentSummary[]> {
    const { rows } = await this.pool.query<{ document_id: string; updated_ms: string }>(
      `SELECT document_id, updated_ms FROM documents WHERE ${SCOPE} AND updated_ms > $5 ORDER BY document_id`,
      [...scopeColumns(scope), since],
    );
    return rows.map((r) => ({ documentId: r.document_id, updated: Number(r.updated_ms) }));
  }

  async change(key: DocumentKey, change: (current: StoredDocument | undefined) => DocumentWrite | null) {
    const columns = [...scopeColumns(key), key.documentId];
    await inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [JSON.stringify(columns)]);
      const next = change(await this.get(key, client));
      if (next === null) {
        await client.query(`DELETE FROM documents WHERE ${SCOPE} AND document_id = $5`, columns);
        return;
      }
      const stored = storedDocument(next, Date.now());
      await client.query(
        `INSERT INTO documents (kind, activity_id, agent, registration, document_id, content_type, content, etag, updated_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (kind, activity_id, agent, registration, document_id) DO UPDATE SET
           content_type = excluded.content_type, content = excluded.content,
           etag = excluded.etag, updated_ms = excluded.updated_ms`,
        [...columns, stored.contentType, stored.content, stored.etag, stored.updated],
      );
    });
  }

  async deleteScope(scope: DocumentScope): Promise<number> {
    const result = await this.pool.query(`DELETE FROM documents WHERE ${SCOPE}`, scopeColumns(scope));
    return result.rowCount ?? 0;
  }

  async addCredential(c: CredentialRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO credentials (key, secret_hash, salt, scopes, agent, revoked, created)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (key) DO UPDATE SET secret_hash = excluded.secret_hash, salt = excluded.salt,
         scopes = excluded.scopes, agent = excluded.agent, revoked = excluded.revoked`,
      [c.key, c.secretHash, c.salt, JSON.stringify(c.scopes), JSON.stringify(c.agent), c.revoked, c.created],
    );
  }

  async credentials(key?: string): Promise<CredentialRecord[]> {
    const { rows } = await this.pool.query<{
      key: string;
      secret_hash: string;
      salt: string;
      scopes: string;
      agent: string;
      revoked: boolean;
      created: string;
    }>(
      key === undefined
        ? 'SELECT * FROM credentials ORDER BY key'
        : 'SELECT * FROM credentials WHERE key = $1',
      key === undefined ? [] : [key],
    );
    return rows.map((row) => ({
      key: row.key,
      secretHash: row.secret_hash,
      salt: row.salt,
      scopes: JSON.parse(row.scopes),
      agent: JSON.parse(row.agent),
      revoked: row.revoked,
      created: row.created,
    }));
  }

  async revoke(key: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE credentials SET revoked = true WHERE key = $1', [key]);
    return (result.rowCount ?? 0) > 0;
  }
}
