import { Redis } from 'ioredis';
import {
  type CallContext,
  closedError,
  notReadyError,
  timeoutError,
  translateRedisError,
} from './redis-errors.js';
import { ioredisOptions, type RedisSettings } from './redis-options.js';

export type ConnectionStatus = 'ready' | 'connecting' | 'closed';

interface Call {
  fail(error: unknown): void;
}

/** Shared by a backend's connections: whether any of them ever reached Redis. */
export interface ConnectionHistory {
  everReady: boolean;
}

/**
 * One ioredis connection that never lets a caller hang: a call waits at most `connectTimeoutMs`
 * for the connection to be ready, then at most its own deadline for the reply, and fails with a
 * `bus.*` code otherwise. ioredis reconnects in the background with capped exponential backoff.
 */
export class RedisConnection {
  readonly client: Redis;
  readonly #settings: RedisSettings;
  readonly #calls = new Set<Call>();
  readonly #readyWaiters = new Set<() => void>();
  readonly #history: ConnectionHistory;
  #lastError: Error | undefined;
  #closed = false;

  constructor(settings: RedisSettings, role: string, history: ConnectionHistory) {
    this.#settings = settings;
    this.#history = history;
    this.client = new Redis(ioredisOptions(settings, role));
    this.client.on('error', (error: Error) => {
      this.#lastError = error;
    });
    this.client.on('ready', () => {
      this.#history.everReady = true;
      this.#lastError = undefined;
      for (const wake of [...this.#readyWaiters]) wake();
    });
  }

  get status(): ConnectionStatus {
    if (this.#closed || this.client.status === 'end') return 'closed';
    return this.client.status === 'ready' ? 'ready' : 'connecting';
  }

  /** Runs `op` once the connection is ready; rejects with a coded error within a bounded time. */
  run<T>(context: CallContext, op: (client: Redis) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(closedError());
    const { connectTimeoutMs, commandTimeoutMs: deadlineMs, target } = this.#settings;
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const wake = (): void => {
        clearTimeout(timer);
        this.#readyWaiters.delete(wake);
        send();
      };
      const finish = (error: unknown, ok: boolean, value?: T): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#readyWaiters.delete(wake);
        this.#calls.delete(call);
        if (ok) resolve(value as T);
        else reject(error);
      };
      const call: Call = { fail: (error) => finish(error, false) };
      const send = (): void => {
        timer = setTimeout(() => {
          finish(timeoutError(target.display, context, deadlineMs), false);
        }, deadlineMs);
        let pending: Promise<T>;
        try {
          pending = op(this.client);
        } catch (error) {
          finish(translateRedisError(error, context, target.display), false);
          return;
        }
        pending.then(
          (value) => finish(undefined, true, value),
          (error: unknown) => finish(translateRedisError(error, context, target.display), false),
        );
      };
      this.#calls.add(call);
      if (this.client.status === 'ready') {
        send();
        return;
      }
      this.#readyWaiters.add(wake);
      timer = setTimeout(() => {
        const error = notReadyError(
          target.display,
          context,
          connectTimeoutMs,
          this.#history.everReady,
          this.#lastError,
        );
        finish(error, false);
      }, connectTimeoutMs);
    });
  }

  /** Fails every call in progress with `bus.closed` and closes the socket (with QUIT when it is up). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const call of [...this.#calls]) call.fail(closedError());
    this.#readyWaiters.clear();
    if (this.client.status === 'ready') {
      const quit = this.client.quit().catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 1000);
      });
      await Promise.race([quit, limit]);
      clearTimeout(timer);
    }
    this.client.disconnect();
  }
}
