import type Database from 'better-sqlite3';

/**
 * Migrations, applied in order on open. Statements keep their canonical JSON; every GET filter
 * (agent, related agent, verb, activity, related activity, registration, authority) is a row in
 * `statement_terms`, keyed (term, seq) so one index range gives matches in `stored` order.
 * Statements that target another by StatementRef also carry the target's terms (`term_ids`), which
 * is how filters "look through" StatementRefs without recursive queries.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE statements (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    stored_ms INTEGER NOT NULL,
    ref_target TEXT,
    voiding INTEGER NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0,
    term_ids TEXT NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX statements_stored ON statements (stored_ms, seq);
  CREATE INDEX statements_ref_target ON statements (ref_target) WHERE ref_target IS NOT NULL;
  CREATE TABLE terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
  CREATE TABLE statement_terms (
    term_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (term_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT INTO meta (key, value) VALUES ('postings_through', 0);
  CREATE TABLE attachments (sha2 TEXT PRIMARY KEY, content_type TEXT NOT NULL, content BLOB NOT NULL);
  CREATE TABLE activities (activity_id TEXT PRIMARY KEY, definition TEXT NOT NULL);
  CREATE TABLE documents (
    kind TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    agent TEXT NOT NULL,
    registration TEXT NOT NULL,
    document_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    content BLOB NOT NULL,
    etag TEXT NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (kind, activity_id, agent, registration, document_id)
  );
  CREATE TABLE credentials (
    key TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    salt TEXT NOT NULL,
    scopes TEXT NOT NULL,
    agent TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
  );
  `,
];

/** Sets the pragmas the store relies on and brings the schema up to date. */
export function migrateSqlite(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)',
  );
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  const current = row.version ?? 0;
  const apply = db.transaction((version: number, sql: string) => {
    db.exec(sql);
    db.prepare('INSERT INTO schema_migrations (version, applied) VALUES (?, ?)').run(
      version,
      new Date().toISOString(),
    );
  });
  MIGRATIONS.forEach((sql, index) => {
    if (index + 1 > current) apply(index + 1, sql);
  });
}
