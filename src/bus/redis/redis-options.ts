import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { RedisOptions } from 'ioredis';
import { EdstreamError } from '../../errors.js';

export interface RedisBackendOptions {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://…` for TLS. */
  url: string;
  /** Prepended to every stream name (and stripped from `streams()` results), e.g. for isolated tests. */
  keyPrefix?: string;
  /** How long a call waits for a (re)connection before failing with `bus.unreachable` or `bus.connection_lost`. */
  connectTimeoutMs?: number;
  /** How long Redis may take to answer one command before the call fails with `bus.timeout`. */
  commandTimeoutMs?: number;
  /** Added to the BLOCK time of a blocking read to get its deadline. */
  blockMarginMs?: number;
  /** Reconnection backoff: the first delay, doubled on each attempt up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Idle connections kept for blocking reads (one is in use per concurrent blocked reader). */
  maxIdleReaders?: number;
  /** Extra TLS settings for `rediss://` (a private CA, client certificates, …). */
  tls?: TlsOptions;
  /** `CLIENT SETNAME` of the connections, to find them in `CLIENT LIST`. */
  connectionName?: string;
}

/** Where a URL points, with the secret kept out of `display`. */
export interface RedisTarget {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly tls: boolean;
  /** The URL without its password, safe for messages and logs. */
  readonly display: string;
}

/** The settings a backend runs with: options with their defaults applied. */
export interface RedisSettings {
  readonly target: RedisTarget;
  readonly keyPrefix: string;
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
  readonly blockMarginMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly maxIdleReaders: number;
  readonly tls: TlsOptions | undefined;
  readonly connectionName: string;
}

export function resolveRedisSettings({
  url,
  keyPrefix = '',
  connectTimeoutMs = 5000,
  commandTimeoutMs = 5000,
  blockMarginMs = 2000,
  retryBaseMs = 50,
  retryMaxMs = 2000,
  maxIdleReaders = 8,
  tls,
  connectionName = 'edstream',
}: RedisBackendOptions): RedisSettings {
  for (const [name, value] of Object.entries({
    connectTimeoutMs,
    commandTimeoutMs,
    retryBaseMs,
    retryMaxMs,
  })) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new EdstreamError('usage.bad_option', `${name} must be a positive number of milliseconds`);
    }
  }
  return {
    target: parseRedisUrl(url),
    keyPrefix,
    connectTimeoutMs,
    commandTimeoutMs,
    blockMarginMs: Math.max(0, blockMarginMs),
    retryBaseMs,
    retryMaxMs,
    maxIdleReaders: Math.max(0, Math.floor(maxIdleReaders)),
    tls,
    connectionName,
  };
}

/** Parses a `redis://` or `rediss://` URL; anything else is `usage.bad_bus_url`. */
export function parseRedisUrl(url: string): RedisTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw badUrl(url, 'it is not a URL', error);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw badUrl(url, 'the scheme must be redis:// or rediss://');
  }
  const path = parsed.pathname.replace(/^\/+|\/+$/g, '');
  if (path !== '' && !/^\d{1,5}$/.test(path)) throw badUrl(url, `the database "${path}" is not a number`);
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const username = parsed.username === '' ? undefined : decodeURIComponent(parsed.username);
  const password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  const shown = new URL(url);
  if (shown.password !== '') shown.password = '***';
  return {
    host,
    port,
    db: path === '' ? 0 : Number(path),
    username,
    password,
    tls: parsed.protocol === 'rediss:',
    display: shown.toString(),
  };
}

function badUrl(url: string, reason: string, cause?: unknown): EdstreamError {
  const safe = url.replace(/\/\/([^@/]*):[^@/]*@/, '//$1:***@');
  return new EdstreamError(
    'usage.bad_bus_url',
    `cannot use the Redis URL ${JSON.stringify(safe)}: ${reason}`,
    {
      cause,
    },
  );
}

/** The reconnection delay after `attempt` failures: base, doubling, capped. */
export function reconnectDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
}

/**
 * ioredis options for one connection. Commands never wait in ioredis's own queues: the offline
 * queue is off and commands in flight fail at once when the socket closes (no resend after the
 * caller was told it failed). The backend waits for readiness itself, with a deadline.
 */
export function ioredisOptions(settings: RedisSettings, role: string): RedisOptions {
  const { target } = settings;
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username === undefined ? {} : { username: target.username }),
    ...(target.password === undefined ? {} : { password: target.password }),
    ...(target.tls ? { tls: { ...(settings.tls ?? {}) } } : {}),
    connectionName: `${settings.connectionName}:${role}`,
    connectTimeout: settings.connectTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => reconnectDelay(attempt, settings.retryBaseMs, settings.retryMaxMs),
    lazyConnect: false,
  };
}
