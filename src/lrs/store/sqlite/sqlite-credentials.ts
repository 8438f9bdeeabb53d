import type Database from 'better-sqlite3';
import type { CredentialRecord } from '../statement-store.js';

interface CredentialRow {
  key: string;
  secret_hash: string;
  salt: string;
  scopes: string;
  agent: string;
  revoked: number;
  created: string;
}

/** API credentials: key, scrypt hash and salt of the secret, scopes, authority agent. */
export class SqliteCredentials {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      insert: db.prepare(
        `INSERT INTO credentials (key, secret_hash, salt, scopes, agent, revoked, created)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET secret_hash = excluded.secret_hash, salt = excluded.salt,
           scopes = excluded.scopes, agent = excluded.agent, revoked = excluded.revoked`,
      ),
      find: db.prepare('SELECT * FROM credentials WHERE key = ?'),
      list: db.prepare('SELECT * FROM credentials ORDER BY key'),
      revoke: db.prepare('UPDATE credentials SET revoked = 1 WHERE key = ?'),
    };
  }

  add(c: CredentialRecord): void {
    this.sql.insert.run(
      c.key,
      c.secretHash,
      c.salt,
      JSON.stringify(c.scopes),
      JSON.stringify(c.agent),
      c.revoked ? 1 : 0,
      c.created,
    );
  }

  find(key: string): CredentialRecord | undefined {
    const row = this.sql.find.get(key) as CredentialRow | undefined;
    return row && toCredential(row);
  }

  list(): CredentialRecord[] {
    return (this.sql.list.all() as CredentialRow[]).map(toCredential);
  }

  revoke(key: string): boolean {
    return this.sql.revoke.run(key).changes > 0;
  }
}

function toCredential(row: CredentialRow): CredentialRecord {
  return {
    key: row.key,
    secretHash: row.secret_hash,
    salt: row.salt,
    scopes: JSON.parse(row.scopes),
    agent: JSON.parse(row.agent),
    revoked: row.revoked === 1,
    created: row.created,
  };
}
