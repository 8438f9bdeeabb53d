export { createRedisBackend, RedisStreamsBackend } from './redis-backend.js';
export type { ConnectionStatus } from './redis-connection.js';
export { parseRedisUrl, type RedisBackendOptions, type RedisTarget } from './redis-options.js';
