import { userInfo } from 'node:os';
import pg from 'pg';
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
import { PostgresDocuments } from './postgres-documents.js';
import { PostgresStatementReader } from './postgres-query.js';
import { checkSchemaName, migratePostgres } from './postgres-schema.js';
import { PostgresStatementWriter } from './postgres-statements.js';

export const DEFAULT_DATABASE_URL = 'postgres://127.0.0.1:5432/test';

export interface PostgresStoreOptions {
  /** Connection URL; default `DATABASE_URL`, else `postgres://127.0.0.1:5432/test`. */
  url?: string;
  /** The schema holding this store's tables, created on open. Default `edstream_lrs`. */
  schema?: string;
  /** Pool size. Default 10. */
  maxConnections?: number;
}

/** The LRS store on PostgreSQL: same tables and semantics as SQLite, one schema per instance. */
export class PostgresStatementStore implements StatementStore {
  readonly kind = 'postgres';
  private readonly writer: PostgresStatementWriter;
  private readonly reader: PostgresStatementReader;
  private readonly documents: PostgresDocuments;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
  ) {
    this.writer = new PostgresStatementWriter(pool, schema);
    this.reader = new PostgresStatementReader(pool);
    this.documents = new PostgresDocuments(pool);
  }

  insertStatements(batch: readonly Statement[], options?: InsertOptions): Promise<InsertOutcome> {
    return this.writer.insert(batch, options);
  }

  getStatement(id: string): Promise<StoredStatement | undefined> {
    return this.reader.get(id);
  }

  queryStatements(query: StatementQuery): Promise<StatementPage> {
    return this.reader.query(query);
  }

  async getAttachments(sha2s: readonly string[]): Promise<StoredAttachment[]> {
    const { rows } = await this.pool.query<{ sha2: string; content_type: string; content: Buffer }>(
      'SELECT sha2, content_type, content FROM attachments WHERE sha2 = ANY($1)',
      [[...new Set(sha2s)]],
    );
    return rows.map((r) => ({ sha2: r.sha2, contentType: r.content_type, content: r.content }));
  }

  async getActivityDefinition(activityId: string): Promise<ActivityDefinition | undefined> {
    return (await this.getActivityDefinitions([activityId])).get(activityId);
  }

  async getActivityDefinitions(activityIds: readonly string[]): Promise<Map<string, ActivityDefinition>> {
    const { rows } = await this.pool.query<{ activity_id: string; definition: string }>(
      'SELECT activity_id, definition FROM activities WHERE activity_id = ANY($1)',
      [[...new Set(activityIds)]],
    );
    return new Map(rows.map((r) => [r.activity_id, JSON.parse(r.definition)]));
  }

  getDocument(key: DocumentKey): Promise<StoredDocument | undefined> {
    return this.documents.get(key);
  }

  listDocuments(scope: DocumentScope, since?: number): Promise<DocumentSummary[]> {
    return this.documents.list(scope, since);
  }

  changeDocument(
    key: DocumentKey,
    change: (current: StoredDocument | undefined) => DocumentWrite | null,
  ): Promise<void> {
    return this.documents.change(key, change);
  }

  deleteDocuments(scope: DocumentScope): Promise<number> {
    return this.documents.deleteScope(scope);
  }

  addCredential(credential: CredentialRecord): Promise<void> {
    return this.documents.addCredential(credential);
  }

  async findCredential(key: string): Promise<CredentialRecord | undefined> {
    return (await this.documents.credentials(key))[0];
  }

  listCredentials(): Promise<CredentialRecord[]> {
    return this.documents.credentials();
  }

  revokeCredential(key: string): Promise<boolean> {
    return this.documents.revoke(key);
  }

  /** Drops this store's schema and everything in it; for tests. */
  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Connects, creates the schema if needed and runs pending migrations. */
export async function createPostgresStatementStore(
  options: PostgresStoreOptions = {},
): Promise<PostgresStatementStore> {
  const schema = checkSchemaName(options.schema ?? 'edstream_lrs');
  const pool = new pg.Pool({
    connectionString: withDefaultUser(options.url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL),
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
  });
  try {
    await migratePostgres(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStatementStore(pool, schema);
}

/** Trust-auth URLs often name no user; like psql, fall back to PGUSER or the OS user. */
function withDefaultUser(connectionString: string): string {
  const url = new URL(connectionString);
  if (url.username === '' && !process.env.PGUSER) url.username = userInfo().username;
  return url.toString();
}
