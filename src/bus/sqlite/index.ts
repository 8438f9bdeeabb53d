export { createSqliteBackend, type SqliteBackendOptions, SqliteBusBackend } from './sqlite-backend.js';
