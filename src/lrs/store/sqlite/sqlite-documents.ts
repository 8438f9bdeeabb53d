import type Database from 'better-sqlite3';
import { scopeColumns, storedDocument } from '../document-keys.js';
import type {
  DocumentKey,
  DocumentScope,
  DocumentSummary,
  DocumentWrite,
  StoredDocument,
} from '../statement-store.js';

interface DocumentRow {
  content_type: string;
  content: Buffer;
  etag: string;
  updated_ms: number;
}

const SCOPE = 'kind = ? AND activity_id = ? AND agent = ? AND registration = ?';

/** State, activity profile and agent profile documents in one table, keyed by their scope. */
export class SqliteDocuments {
  private readonly sql;

  constructor(private readonly db: Database.Database) {
    this.sql = {
      get: db.prepare(
        `SELECT content_type, content, etag, updated_ms FROM documents WHERE ${SCOPE} AND document_id = ?`,
      ),
      list: db.prepare(
        `SELECT document_id, updated_ms FROM documents WHERE ${SCOPE} AND updated_ms > ? ORDER BY document_id`,
      ),
      upsert: db.prepare(
        `INSERT INTO documents (kind, activity_id, agent, registration, document_id, content_type, content, etag, updated_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, activity_id, agent, registration, document_id) DO UPDATE SET
           content_type = excluded.content_type, content = excluded.content,
           etag = excluded.etag, updated_ms = excluded.updated_ms`,
      ),
      delete: db.prepare(`DELETE FROM documents WHERE ${SCOPE} AND document_id = ?`),
      deleteScope: db.prepare(`DELETE FROM documents WHERE ${SCOPE}`),
    };
  }

  get(key: DocumentKey): StoredDocument | undefined {
    const row = this.sql.get.get(...scopeColumns(key), key.documentId) as DocumentRow | undefined;
    return row && toDocument(row);
  }

  list(scope: DocumentScope, since = -1): DocumentSummary[] {
    const rows = this.sql.list.all(...scopeColumns(scope), since) as {
      document_id: string;
      updated_ms: number;
    }[];
    return rows.map((r) => ({ documentId: r.document_id, updated: r.updated_ms }));
  }

  change(key: DocumentKey, change: (current: StoredDocument | undefined) => DocumentWrite | null): void {
    this.db.transaction(() => {
      const next = change(this.get(key));
      if (next === null) {
        this.sql.delete.run(...scopeColumns(key), key.documentId);
        return;
      }
      const stored = storedDocument(next, Date.now());
      this.sql.upsert.run(
        ...scopeColumns(key),
        key.documentId,
        stored.contentType,
        stored.content,
        stored.etag,
        stored.updated,
      );
    })();
  }

  deleteScope(scope: DocumentScope): number {
    return this.sql.deleteScope.run(...scopeColumns(scope)).changes;
  }
}

function toDocument(row: DocumentRow): StoredDocument {
  return { contentType: row.content_type, content: row.content, etag: row.etag, updated: row.updated_ms };
}
