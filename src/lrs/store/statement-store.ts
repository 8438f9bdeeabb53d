import type { ActivityDefinition, Actor, Statement } from '../../xapi/statement.js';

/**
 * The one contract every LRS backend implements: statements with their index, documents,
 * activity definitions, attachments and credentials. `SqliteStatementStore` and
 * `PostgresStatementStore` pass the same suite (`runStoreContract`).
 */
export interface StatementStore {
  /** `sqlite` or `postgres`, for logs. */
  readonly kind: string;

  /**
   * Stores a batch all-or-nothing. The store stamps `stored` (and `timestamp` where missing) in the
   * same transaction that assigns the sequence, so sequence order is `stored` order. An id already
   * stored with an equivalent statement is skipped; with a different one the whole batch fails with
   * `lrs.statement_conflict`. Voiding statements mark their targets voided, before or after the
   * target arrives; a voiding statement that targets another voiding statement fails the batch
   * with `lrs.invalid_statement`.
   */
  insertStatements(batch: readonly Statement[], options?: InsertOptions): Promise<InsertOutcome>;

  /** One statement by id (case-insensitive), voided or not. */
  getStatement(id: string): Promise<StoredStatement | undefined>;

  /** Statements matching every filter, newest first unless `ascending`; never voided ones. */
  queryStatements(query: StatementQuery): Promise<StatementPage>;

  /** Attachment payloads by SHA-2, for those the store holds. */
  getAttachments(sha2s: readonly string[]): Promise<StoredAttachment[]>;

  /** The canonical definition of an activity, merged from the statements that defined it. */
  getActivityDefinition(activityId: string): Promise<ActivityDefinition | undefined>;
  getActivityDefinitions(activityIds: readonly string[]): Promise<Map<string, ActivityDefinition>>;

  getDocument(key: DocumentKey): Promise<StoredDocument | undefined>;
  /** Document ids in a scope, updated strictly after `since` when given, with their update times. */
  listDocuments(scope: DocumentScope, since?: number): Promise<DocumentSummary[]>;
  /**
   * Reads and replaces one document atomically: `change` sees the current document and returns the
   * new one, `null` to delete it, or throws to leave it untouched.
   */
  changeDocument(
    key: DocumentKey,
    change: (current: StoredDocument | undefined) => DocumentWrite | null,
  ): Promise<void>;
  /** Deletes every document of a scope (multiple-document DELETE of the State resource). */
  deleteDocuments(scope: DocumentScope): Promise<number>;

  addCredential(credential: CredentialRecord): Promise<void>;
  findCredential(key: string): Promise<CredentialRecord | undefined>;
  listCredentials(): Promise<CredentialRecord[]>;
  /** Marks a credential revoked; false when no credential has that key. */
  revokeCredential(key: string): Promise<boolean>;

  close(): Promise<void>;
}

export interface InsertOptions {
  /** Raw attachment data received with the batch, stored once per SHA-2. */
  attachments?: readonly AttachmentPayload[];
  /** Whether the statements may (re)define activities (the `define` scope). Default true. */
  define?: boolean;
}

export interface InsertOutcome {
  /** The `stored` time given to the new statements (ISO 8601). */
  stored: string;
  /** Ids of statements newly stored, in batch order. */
  inserted: string[];
  /** Ids that were already stored with an equivalent statement. */
  duplicates: string[];
}

export interface StoredStatement {
  id: string;
  /** The statement as stored, JSON text: served as is for `format=exact`. */
  json: string;
  storedMs: number;
  voided: boolean;
}

export interface StatementQuery {
  /** The IFI key (see `ifiKey`) of an agent or identified group. */
  agent?: string;
  relatedAgents?: boolean;
  verb?: string;
  activity?: string;
  relatedActivities?: boolean;
  registration?: string;
  /** Epoch milliseconds: only statements stored strictly after. */
  since?: number;
  /** Epoch milliseconds: only statements stored at or before. */
  until?: number;
  /** IFI key of an authority: only statements it asserted (`statements/read/mine`). */
  authority?: string;
  limit: number;
  ascending?: boolean;
  /** Continue after this position: the `next` of a previous page with the same filters. */
  after?: StatementCursor;
}

/** An opaque position in the statement sequence. */
export interface StatementCursor {
  seq: number;
}

export interface StatementPage {
  statements: StoredStatement[];
  /** Set when more statements match: pass as `after` to get them. */
  next?: StatementCursor;
}

export interface AttachmentPayload {
  sha2: string;
  contentType: string;
  content: Buffer;
}

export type StoredAttachment = AttachmentPayload;

export type DocumentKind = 'state' | 'activity_profile' | 'agent_profile';

/** Which documents: state uses activity + agent (+ registration), profiles one of them. */
export interface DocumentScope {
  kind: DocumentKind;
  activityId?: string;
  /** IFI key of the agent. */
  agent?: string;
  registration?: string;
}

export interface DocumentKey extends DocumentScope {
  documentId: string;
}

export interface DocumentWrite {
  contentType: string;
  content: Buffer;
}

export interface StoredDocument extends DocumentWrite {
  /** Quoted lowercase SHA-1 hex of the content. */
  etag: string;
  /** Epoch milliseconds of the last change. */
  updated: number;
}

export interface DocumentSummary {
  documentId: string;
  updated: number;
}

export type Scope =
  | 'statements/write'
  | 'statements/read'
  | 'statements/read/mine'
  | 'state'
  | 'profile'
  | 'define'
  | 'all/read'
  | 'all';

export const SCOPES: readonly Scope[] = [
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'state',
  'profile',
  'define',
  'all/read',
  'all',
];

export interface CredentialRecord {
  key: string;
  /** scrypt hash of the secret, hex. */
  secretHash: string;
  /** Per-credential random salt, hex. */
  salt: string;
  scopes: Scope[];
  /** The agent recorded as `authority` of statements stored with this credential. */
  agent: Actor;
  revoked: boolean;
  created: string;
}
