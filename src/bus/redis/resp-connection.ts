import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import RedisParser from 'redis-parser';
import type { ConnectionHistory, ConnectionStatus } from './redis-connection.js';
import {
  type CallContext,
  closedError,
  notReadyError,
  timeoutError,
  translateRedisError,
} from './redis-errors.js';
import { type RedisSettings, reconnectDelay } from './redis-options.js';
import { RespEncoder } from './resp-encoder.js';

/** A call written (or waiting to be): how many replies it expects and where they go. */
interface Call {
  readonly payload: Buffer;
  readonly expected: number;
  readonly replies: unknown[];
  readonly context: CallContext;
  readonly deadlineMs: number;
  settled: boolean;
  timer: NodeJS.Timeout | undefined;
  resolve(replies: unknown[]): void;
  reject(error: unknown): void;
}

/**
 * A lean Redis connection for the producer's hot path: the caller hands over commands already
 * encoded as RESP (see `RespEncoder`) and gets the raw replies back, in order. It keeps the
 * guarantees of `RedisConnection`: a call waits at most `connectTimeoutMs` for the connection,
 * then at most `commandTimeoutMs` for its replies, and fails with a `bus.*` code otherwise; the
 * connection comes back by itself with capped exponential backoff. Replies that are Redis errors
 * come back as `ReplyError` values for the caller to translate.
 */
export class RespConnection {
  readonly #settings: RedisSettings;
  readonly #role: string;
  readonly #history: ConnectionHistory;
  readonly #parser: RedisParser;
  /** Written and waiting for replies, oldest first (Redis answers in order). */
  readonly #inFlight: Call[] = [];
  /** Waiting for the connection to be ready. */
  readonly #waiting = new Set<Call>();
  #socket: Socket | undefined;
  #ready = false;
  #closed = false;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #lastError: Error | undefined;

  constructor(settings: RedisSettings, role: string, history: ConnectionHistory) {
    this.#settings = settings;
    this.#role = role;
    this.#history = history;
    this.#parser = new RedisParser({
      returnReply: (reply: unknown) => this.#reply(reply),
      returnError: (error: Error) => this.#reply(error),
      returnFatalError: (error: Error) => this.#socket?.destroy(error),
    });
    this.#open();
  }

  get status(): ConnectionStatus {
    if (this.#closed) return 'closed';
    return this.#ready ? 'ready' : 'connecting';
  }

  /** Sends `payload` (`expected` commands) and resolves with their replies, errors included. */
  call(context: CallContext, payload: Buffer, expected: number): Promise<unknown[]> {
    if (this.#closed) return Promise.reject(closedError());
    return new Promise<unknown[]>((resolve, reject) => {
      const call: Call = {
        payload,
        expected,
        replies: [],
        context,
        deadlineMs: this.#settings.commandTimeoutMs,
        settled: false,
        timer: undefined,
        resolve,
        reject,
      };
      if (this.#ready) {
        this.#send(call);
        return;
      }
      this.#waiting.add(call);
      call.timer = setTimeout(() => {
        this.#waiting.delete(call);
        const { target, connectTimeoutMs } = this.#settings;
        const error = notReadyError(
          target.display,
          context,
          connectTimeoutMs,
          this.#history.everReady,
          this.#lastError,
        );
        this.#settle(call, error);
      }, this.#settings.connectTimeoutMs);
    });
  }

  /** Fails every call with `bus.closed` and closes the socket. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    for (const call of [...this.#waiting, ...this.#inFlight]) this.#settle(call, closedError());
    this.#waiting.clear();
    this.#inFlight.length = 0;
    const socket = this.#socket;
    this.#socket = undefined;
    if (!socket || socket.destroyed) return;
    const gone = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.destroy();
    await gone;
  }

  #send(call: Call): void {
    clearTimeout(call.timer);
    call.timer = setTimeout(() => {
      // The call fails, but its replies keep their place in the queue when they arrive.
      const { target } = this.#settings;
      this.#settle(call, timeoutError(target.display, call.context, call.deadlineMs));
    }, call.deadlineMs);
    this.#inFlight.push(call);
    this.#socket!.write(call.payload);
  }

  #reply(reply: unknown): void {
    const call = this.#inFlight[0];
    if (!call) return;
    call.replies.push(reply);
    if (call.replies.length < call.expected) return;
    this.#inFlight.shift();
    this.#settle(call, undefined, call.replies);
  }

  #settle(call: Call, error: unknown, replies?: unknown[]): void {
    if (call.settled) return;
    call.settled = true;
    clearTimeout(call.timer);
    if (error === undefined) call.resolve(replies ?? []);
    else call.reject(error);
  }

  #open(): void {
    if (this.#closed) return;
    const { target, tls, connectTimeoutMs } = this.#settings;
    const socket = target.tls
      ? tlsConnect({
          host: target.host,
          port: target.port,
          ...(isIP(target.host) === 0 ? { servername: target.host } : {}),
          ...(tls ?? {}),
        })
      : tcpConnect({ host: target.host, port: target.port });
    this.#socket = socket;
    this.#parser.reset();
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
    // Bounds the connection and the handshake; cleared once Redis has answered it.
    socket.setTimeout(connectTimeoutMs, () => {
      socket.destroy(new Error(`no answer within ${connectTimeoutMs} ms while connecting`));
    });
    socket.on('data', (chunk: Buffer) => this.#parser.execute(chunk));
    socket.on('error', (error: Error) => {
      this.#lastError = error;
    });
    socket.once('close', () => this.#lost(socket));
    socket.once(target.tls ? 'secureConnect' : 'connect', () => void this.#handshake(socket));
  }

  /** AUTH, SELECT and the connection name, as one pipeline; any refusal closes the socket. */
  async #handshake(socket: Socket): Promise<void> {
    const { target, connectionName } = this.#settings;
    const commands: (string | Buffer)[][] = [];
    if (target.password !== undefined) {
      commands.push(
        target.username === undefined
          ? ['AUTH', target.password]
          : ['AUTH', target.username, target.password],
      );
    }
    if (target.db !== 0) commands.push(['SELECT', String(target.db)]);
    commands.push(['CLIENT', 'SETNAME', `${connectionName}:${this.#role}`]);
    const encoder = new RespEncoder();
    for (const command of commands) encoder.write(command);
    const call: Call = {
      payload: encoder.finish(),
      expected: commands.length,
      replies: [],
      context: { what: 'the connection handshake' },
      deadlineMs: this.#settings.connectTimeoutMs,
      settled: false,
      timer: undefined,
      resolve: () => {},
      reject: () => {},
    };
    const replies = await new Promise<unknown[] | undefined>((resolve) => {
      call.resolve = resolve;
      call.reject = () => resolve(undefined);
      this.#inFlight.push(call);
      socket.write(call.payload);
    });
    if (replies === undefined || socket !== this.#socket || this.#closed) return;
    const refused = replies.find((reply) => reply instanceof Error);
    if (refused) {
      this.#lastError = refused as Error;
      socket.destroy();
      return;
    }
    socket.setTimeout(0);
    this.#ready = true;
    this.#attempt = 0;
    this.#history.everReady = true;
    this.#lastError = undefined;
    const waiting = [...this.#waiting];
    this.#waiting.clear();
    for (const call of waiting) this.#send(call);
  }

  #lost(socket: Socket): void {
    if (socket !== this.#socket) return;
    this.#ready = false;
    this.#socket = undefined;
    const { target } = this.#settings;
    const reason = this.#lastError ?? new Error('the connection closed');
    for (const call of this.#inFlight.splice(0)) {
      // The commands may or may not have run: the caller must know it is unsure.
      this.#settle(call, translateRedisError(reason, call.context, target.display));
    }
    if (this.#closed) return;
    this.#attempt++;
    const { retryBaseMs, retryMaxMs } = this.#settings;
    this.#retryTimer = setTimeout(() => this.#open(), reconnectDelay(this.#attempt, retryBaseMs, retryMaxMs));
  }
}
