export { CredentialVerifier, type Principal } from './auth/credential-verifier.js';
export { createCredential, type NewCredential, verifySecret } from './auth/credentials.js';
export { createLrsApp, type LrsAppOptions } from './http/create-lrs-app.js';
export { SUPPORTED_VERSIONS } from './http/version.js';
export { ifiKey } from './statements/agent-ifi.js';
export { statementsEquivalent } from './statements/equivalence.js';
export { DEFAULT_STORE_URL, openStatementStore } from './store/open-store.js';
export type {
  PostgresStatementStore,
  PostgresStoreOptions,
} from './store/postgres/postgres-statement-store.js';
export {
  createSqliteStatementStore,
  SqliteStatementStore,
  type SqliteStoreOptions,
} from './store/sqlite/sqlite-statement-store.js';
export * from './store/statement-store.js';
