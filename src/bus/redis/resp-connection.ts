import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { EdstreamError } from '../../errors.js';
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
import { decodeReply, type ReplyDecoder, RespFramer } from './resp-reader.js';

/** A call written (or waiting to be): how many replies it expects and where they go. */
interface Call {
  readonly payload: Buffer;
  readonly expected: number;
  readonly decode: ReplyDecoder<unknown>;
  readonly replies: unknown[];
  readonly context: CallContext;
  readonly deadlineMs: number;
  settled: boolean;
  timer: NodeJS.Timeout | undefined;
  resolve(replies: unknown[]): void;
  reject(error: unknown): void;
}

/**
 * A lean Redis connection for the bus's hot paths (appends, acknowledgements, reads): the caller
 * hands over commands already encoded as RESP (see `RespEncoder`) and gets their replies back in
 * order, each read from its bytes by a decoder of the caller's choice (decision 0006). It keeps the
 * guarantees of `RedisConnection`: a call waits at most `connectTimeoutMs` for the connection,
 * then at most `commandTimeoutMs` for its replies, and fails with a `bus.*` code otherwise; the
 * connection comes back by itself with capped exponential backoff. Replies that are Redis errors
 * come back as `ReplyError` values for the caller to translate.
 */
export class RespConnection {
  readonly #settings: RedisSettings;
  readonly #role: string;
  readonly #history: ConnectionHistory;
  readonly #framer = new RespFramer();
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
    this.#open();
  }

  get status(): ConnectionStatus {
    if (this.#closed) return 'closed';
    return this.#ready ? 'ready' : 'connecting';
  }

  /**
   * Sends `payload` (`expected` commands) and resolves with their replies, errors included, each
   * read by `decode` (plain values by default); the replies must come within `timeoutMs`.
   */
  call<T = unknown>(
    context: CallContext,
    payload: Buffer,
    expected: number,
    { decode = decodeReply as ReplyDecoder<T>, timeoutMs = this.#settings.commandTimeoutMs } = {},
  ): Promise<T[]> {
    if (this.#closed) return Promise.reject(closedError());
    return new Promise<T[]>((resolve, reject) => {
      const call: Call = {
        payload,
        expected,
        decode,
        replies: [],
        context,
        deadlineMs: timeoutMs,
        settled: false,
        timer: undefined,
        resolve: resolve as (replies: unknown[]) => void,
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

  #reply(buffer: Buffer, start: number, end: number): void {
    const call = this.#inFlight[0];
    if (!call) return;
    let reply: unknown;
    try {
      reply = call.decode(buffer, start, end);
    } catch (error) {
      // The reply was whole but not what the command answers: that call fails, the rest go on.
      reply = error;
    }
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
    this.#framer.reset();
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
    // Bounds the connection and the handshake; cleared once Redis has answered it.
    socket.setTimeout(connectTimeoutMs, () => {
      socket.destroy(new Error(`no answer within ${connectTimeoutMs} ms while connecting`));
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        this.#framer.push(chunk, (buffer, start, end) => this.#reply(buffer, start, end));
      } catch (error) {
        // Bytes that are not RESP: nothing after them can be trusted.
        socket.destroy(error as Error);
      }
    });
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
      decode: decodeReply,
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

/**
 * Connections for blocking reads (`XREADGROUP … BLOCK`): a blocked command stalls its connection,
 * so each concurrent blocked reader gets its own and appends or acks never wait behind one.
 */
export class ReaderPool {
  readonly #settings: RedisSettings;
  readonly #history: ConnectionHistory;
  readonly #idle: RespConnection[] = [];
  readonly #busy = new Set<RespConnection>();
  #closed = false;

  constructor(settings: RedisSettings, history: ConnectionHistory) {
    this.#settings = settings;
    this.#history = history;
  }

  /** Sends one command on a connection of its own, returned to the pool afterwards unless it timed out. */
  async call<T>(
    context: CallContext,
    payload: Buffer,
    decode: ReplyDecoder<T>,
    timeoutMs: number,
  ): Promise<T> {
    if (this.#closed) throw closedError();
    const connection = this.#idle.pop() ?? new RespConnection(this.#settings, 'reader', this.#history);
    this.#busy.add(connection);
    let healthy = true;
    try {
      const [reply] = await connection.call(context, payload, 1, { decode, timeoutMs });
      return reply as T;
    } catch (error) {
      // After a timeout the server may still be blocking for this connection: never reuse it.
      healthy = !(error instanceof EdstreamError && error.code === 'bus.timeout');
      throw error;
    } finally {
      this.#busy.delete(connection);
      if (!this.#closed && healthy && this.#idle.length < this.#settings.maxIdleReaders) {
        this.#idle.push(connection);
      } else {
        void connection.close();
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#idle, ...this.#busy];
    this.#idle.length = 0;
    await Promise.all(all.map((connection) => connection.close()));
  }
}
