import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ActivityDefinition, Statement } from '../../../xapi/statement.js';
import type {
  CredentialRecord,
  DocumentKey,
  DocumentScope,
  DocumentSummary,
  DocumentWrite,
  InsertOptions,
  InsertOutcome,
  StatementPage,
  StatementQuery,
  StatementStore,
  StoredAttachment,
  StoredDocument,
  StoredStatement,
} from '../statement-store.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { SqliteCredentials } from './sqlite-credentials.js';
import { SqliteDocuments } from './sqlite-documents.js';
import { migrateSqlite } from './sqlite-schema.js';
import { SqliteStatements } from './sqlite-statements.js';

export interface SqliteStoreOptions {
  /** The database file; `:memory:` for a throwaway store. Parent directories are created. */
  path: string;
  /** Checkpoint the WAL from a background thread instead of the writer. Default true. */
  backgroundCheckpoints?: boolean;
  /** SQLite page cache of the connection, in MiB. Default 64: smaller bounds memory, larger speeds queries. */
  cacheMiB?: number;
}

/** The default LRS store: one SQLite file in WAL mode, prepared statements, one transaction per batch. */
export class SqliteStatementStore implements StatementStore {
  readonly kind = 'sqlite';
  private readonly statements: SqliteStatements;
  private readonly documents: SqliteDocuments;
  private readonly credentials: SqliteCredentials;
  private readonly attachmentBySha2: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly checkpointer?: SqliteCheckpointer,
  ) {
    migrateSqlite(db);
    // The background thread checkpoints; the writer only steps in when the WAL passes 128 MiB
    // (it then falls behind, e.g. during a bulk load), which bounds the WAL.
    if (checkpointer) db.pragma('wal_autocheckpoint = 32768');
    this.statements = new SqliteStatements(db);
    this.documents = new SqliteDocuments(db);
    this.credentials = new SqliteCredentials(db);
    this.attachmentBySha2 = db.prepare('SELECT sha2, content_type, content FROM attachments WHERE sha2 = ?');
  }

  insertStatements(batch: readonly Statement[], options?: InsertOptions): Promise<InsertOutcome> {
    return this.statements.insert(batch, options);
  }

  async getStatement(id: string): Promise<StoredStatement | undefined> {
    return this.statements.get(id);
  }

  async queryStatements(query: StatementQuery): Promise<StatementPage> {
    return this.statements.query(query);
  }

  async getAttachments(sha2s: readonly string[]): Promise<StoredAttachment[]> {
    const found: StoredAttachment[] = [];
    for (const sha2 of new Set(sha2s)) {
      const row = this.attachmentBySha2.get(sha2) as
        | { sha2: string; content_type: string; content: Buffer }
        | undefined;
      if (row) found.push({ sha2: row.sha2, contentType: row.content_type, content: row.content });
    }
    return found;
  }

  async getActivityDefinition(activityId: string): Promise<ActivityDefinition | undefined> {
    return this.statements.activities.get(activityId);
  }

  async getActivityDefinitions(activityIds: readonly string[]): Promise<Map<string, ActivityDefinition>> {
    return this.statements.activities.getMany(activityIds);
  }

  async getDocument(key: DocumentKey): Promise<StoredDocument | undefined> {
    return this.documents.get(key);
  }

  async listDocuments(scope: DocumentScope, since?: number): Promise<DocumentSummary[]> {
    return this.documents.list(scope, since);
  }

  async changeDocument(
    key: DocumentKey,
    change: (current: StoredDocument | undefined) => DocumentWrite | null,
  ): Promise<void> {
    this.documents.change(key, change);
  }

  async deleteDocuments(scope: DocumentScope): Promise<number> {
    return this.documents.deleteScope(scope);
  }

  async addCredential(credential: CredentialRecord): Promise<void> {
    this.credentials.add(credential);
  }

  async findCredential(key: string): Promise<CredentialRecord | undefined> {
    return this.credentials.find(key);
  }

  async listCredentials(): Promise<CredentialRecord[]> {
    return this.credentials.list();
  }

  async revokeCredential(key: string): Promise<boolean> {
    return this.credentials.revoke(key);
  }

  /** Refreshes the planner statistics; worth running after a bulk load. */
  analyze(): void {
    this.db.exec('ANALYZE');
  }

  async close(): Promise<void> {
    if (this.db.open) this.statements.flushIndex();
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }
}

export function createSqliteStatementStore({
  path,
  backgroundCheckpoints = true,
  cacheMiB,
}: SqliteStoreOptions): SqliteStatementStore {
  if (path === ':memory:') return new SqliteStatementStore(new Database(path));
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const checkpointer = backgroundCheckpoints
    ? new SqliteCheckpointer(path, () => {
        // The thread is gone: checkpoint from the writer again, as SQLite does by default.
        if (db.open) db.pragma('wal_autocheckpoint = 1000');
      })
    : undefined;
  const store = new SqliteStatementStore(db, checkpointer);
  // After the constructor, whose migration sets the default size.
  if (cacheMiB !== undefined) db.pragma(`cache_size = -${Math.max(1, Math.round(cacheMiB * 1024))}`);
  return store;
}
