import type { Redis } from 'ioredis';
import { isAsciiText } from '../../ascii.js';
import { EdstreamError } from '../../errors.js';
import type {
  AppendOptions,
  BusBackend,
  ClaimOptions,
  DeliveredEntry,
  EntryFields,
  GroupPosition,
  PendingSummary,
  ReadOptions,
  StreamEntry,
  StreamInfo,
  StreamState,
} from '../backend.js';
import { parseEntryId } from '../entry-id.js';
import { type ConnectionStatus, RedisConnection } from './redis-connection.js';
import { type CallContext, closedError, translateRedisError } from './redis-errors.js';
import { type RedisBackendOptions, type RedisSettings, resolveRedisSettings } from './redis-options.js';
import { claimIdleEntries, type Runner, redeliverPending } from './redis-redelivery.js';
import {
  liveEntries,
  parseEntries,
  parsePendingDetails,
  parseStreamInfo,
  parseStreamState,
} from './redis-replies.js';
import { ReaderPool, RespConnection } from './resp-connection.js';
import { RespEncoder } from './resp-encoder.js';
import { decodeReadGroupReply } from './resp-stream-reply.js';

/**
 * The bus on Redis Streams, writing and reading entries exactly as `edx_event_bus_redis` does
 * (`XADD … MAXLEN ~ n * type … event_data …`). Replies are read as bytes, so `event_data` is
 * never re-encoded. Every call fails with a `bus.*` code within a bounded time when Redis is down,
 * and the connections come back by themselves when Redis does.
 */
export class RedisStreamsBackend implements BusBackend {
  readonly kind = 'redis' as const;
  readonly #settings: RedisSettings;
  readonly #main: RedisConnection;
  readonly #readers: ReaderPool;
  /** Appends and acks (the hot paths) go over a connection of their own that takes encoded commands. */
  readonly #appender: RespConnection;
  #closed = false;

  constructor(options: RedisBackendOptions) {
    this.#settings = resolveRedisSettings(options);
    const history = { everReady: false };
    this.#main = new RedisConnection(this.#settings, 'main', history);
    this.#readers = new ReaderPool(this.#settings, history);
    this.#appender = new RespConnection(this.#settings, 'appender', history);
  }

  /** Where the main connection is: `ready`, `connecting` (including reconnecting) or `closed`. */
  status(): ConnectionStatus {
    return this.#closed ? 'closed' : this.#main.status;
  }

  /** Round-trip time of a PING, in milliseconds. */
  async ping(): Promise<number> {
    const started = performance.now();
    await this.#run({ what: 'PING' }, (c) => c.ping());
    return performance.now() - started;
  }

  async append(
    stream: string,
    entries: readonly EntryFields[],
    options: AppendOptions = {},
  ): Promise<string[]> {
    this.#assertOpen();
    if (entries.some((fields) => fields.length === 0)) {
      throw new EdstreamError('bus.invalid_entry', 'a stream entry needs at least one field');
    }
    const { maxLen } = options;
    if (maxLen !== undefined && !(Number.isSafeInteger(maxLen) && maxLen >= 0)) {
      throw new EdstreamError('usage.bad_option', `maxLen must be a non-negative integer, not ${maxLen}`);
    }
    if (entries.length === 0) return [];
    const context = { what: `XADD ${stream}`, stream };
    // One entry is a plain XADD, as Python sends it; a batch is one MULTI/EXEC round trip, so
    // that a connection lost on the way appends none of it rather than a part.
    const replies = await this.#appender.call(
      context,
      encodeAppend(this.#key(stream), maxLen, entries),
      entries.length === 1 ? 1 : entries.length + 2,
    );
    const results = entries.length === 1 ? replies : replies[replies.length - 1];
    const display = this.#settings.target.display;
    if (!Array.isArray(results)) {
      // EXEC refused the transaction (EXECABORT): the first refused command says why.
      const refusal = replies.find((reply) => reply instanceof Error) ?? results;
      throw this.#partialAppend(refusal, context, 0, entries.length);
    }
    const ids: string[] = [];
    for (const result of results) {
      if (result instanceof Error) throw this.#partialAppend(result, context, ids.length, entries.length);
      if (typeof result !== 'string') throw translateRedisError(badAppendReply(result), context, display);
      ids.push(result);
    }
    if (ids.length !== entries.length)
      throw this.#partialAppend(undefined, context, ids.length, entries.length);
    return ids;
  }

  async createGroup(stream: string, group: string, position: GroupPosition): Promise<boolean> {
    const at = checkPosition(position);
    return this.#run({ what: `XGROUP CREATE ${stream} ${group}`, stream, group }, (c) =>
      c.xgroup('CREATE', this.#key(stream), group, at, 'MKSTREAM').then(
        () => true,
        (error: unknown) => {
          if (error instanceof Error && error.message.startsWith('BUSYGROUP')) return false;
          throw error;
        },
      ),
    );
  }

  async setGroupPosition(stream: string, group: string, position: GroupPosition): Promise<void> {
    const at = checkPosition(position);
    await this.#run({ what: `XGROUP SETID ${stream} ${group}`, stream, group }, (c) =>
      c.xgroup('SETID', this.#key(stream), group, at),
    );
  }

  async readNew(
    stream: string,
    group: string,
    consumer: string,
    { count, blockMs }: ReadOptions,
  ): Promise<DeliveredEntry[]> {
    this.#assertOpen();
    if (count <= 0) return [];
    const context = { what: `XREADGROUP ${stream} ${group}`, stream, group };
    const command = ['XREADGROUP', 'GROUP', group, consumer, 'COUNT', String(count)];
    if (blockMs > 0) command.push('BLOCK', String(Math.ceil(blockMs)));
    command.push('STREAMS', this.#key(stream), '>');
    // Reads get connections of their own, so that a blocking one stalls nobody else; the reply,
    // the consumer's hot path, is read from its bytes straight into entries.
    const timeoutMs =
      blockMs > 0 ? Math.ceil(blockMs) + this.#settings.blockMarginMs : this.#settings.commandTimeoutMs;
    const payload = new RespEncoder().write(command).finish();
    const reply = await this.#readers.call(context, payload, decodeReadGroupReply, timeoutMs);
    if (reply instanceof Error) throw translateRedisError(reply, context, this.#settings.target.display);
    return reply;
  }

  async readPending(
    stream: string,
    group: string,
    consumer: string,
    options: { count: number; afterId?: string },
  ): Promise<DeliveredEntry[]> {
    this.#assertOpen();
    const afterId = options.afterId === undefined ? undefined : checkId(options.afterId);
    const context = { what: `XPENDING/XCLAIM ${stream} ${group}`, stream, group };
    return redeliverPending(
      this.#runner(context),
      this.#key(stream),
      group,
      consumer,
      options.count,
      afterId,
    );
  }

  async claimIdle(
    stream: string,
    group: string,
    consumer: string,
    { minIdleMs, count }: ClaimOptions,
  ): Promise<DeliveredEntry[]> {
    this.#assertOpen();
    const context = { what: `XAUTOCLAIM ${stream} ${group}`, stream, group };
    const idle = Math.max(0, Math.floor(minIdleMs));
    return claimIdleEntries(this.#runner(context), this.#key(stream), group, consumer, idle, count);
  }

  async pending(
    stream: string,
    group: string,
    options: { count: number; consumer?: string },
  ): Promise<PendingSummary[]> {
    this.#assertOpen();
    if (options.count <= 0) return [];
    const args = ['-', '+', options.count, ...(options.consumer === undefined ? [] : [options.consumer])];
    const reply = await this.#run({ what: `XPENDING ${stream} ${group}`, stream, group }, (c) =>
      c.callBuffer('XPENDING', this.#key(stream), group, ...args),
    );
    return parsePendingDetails(reply);
  }

  async ack(stream: string, group: string, ids: readonly string[]): Promise<number> {
    this.#assertOpen();
    ids.forEach(checkId);
    if (ids.length === 0) return 0;
    const context = { what: `XACK ${stream} ${group}`, stream, group };
    const encoder = new RespEncoder(64 + ids.length * 24).command(3 + ids.length);
    encoder.argument('XACK').argument(this.#key(stream)).argument(group);
    for (const id of ids) encoder.argument(id);
    const [reply] = await this.#appender.call(context, encoder.finish(), 1);
    if (reply instanceof Error) throw translateRedisError(reply, context, this.#settings.target.display);
    if (typeof reply !== 'number') throw new EdstreamError('bus.bad_reply', `XACK answered ${String(reply)}`);
    return reply;
  }

  async range(stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]> {
    this.#assertOpen();
    checkBound(start);
    checkBound(end);
    if (count !== undefined && count <= 0) return [];
    const key = this.#key(stream);
    const reply = await this.#run({ what: `XRANGE ${stream}`, stream }, (c) =>
      count === undefined ? c.xrangeBuffer(key, start, end) : c.xrangeBuffer(key, start, end, 'COUNT', count),
    );
    return liveEntries(parseEntries(reply)).map((e) => ({ id: e.id, fields: e.fields }));
  }

  async delete(stream: string, ids: readonly string[]): Promise<number> {
    this.#assertOpen();
    ids.forEach(checkId);
    if (ids.length === 0) return 0;
    return this.#run({ what: `XDEL ${stream}`, stream }, (c) => c.xdel(this.#key(stream), ...ids));
  }

  async info(stream: string): Promise<StreamInfo | null> {
    const key = this.#key(stream);
    const context = { what: `XINFO ${stream}`, stream };
    const results = await this.#run(context, (c) =>
      c.pipeline().callBuffer('XINFO', 'STREAM', key).callBuffer('XINFO', 'GROUPS', key).exec(),
    );
    const [[infoError, info] = [], [groupsError, groups] = []] = results ?? [];
    if (infoError?.message.includes('no such key')) return null;
    const error = infoError ?? groupsError;
    if (error) throw translateRedisError(error, context, this.#settings.target.display);
    return parseStreamInfo(stream, info, groups);
  }

  async state(stream: string): Promise<StreamState | null> {
    const context = { what: `XINFO STREAM ${stream}`, stream };
    const reply = await this.#run(context, (c) =>
      c.callBuffer('XINFO', 'STREAM', this.#key(stream)).catch((error: unknown) => {
        if (error instanceof Error && error.message.includes('no such key')) return null;
        throw error;
      }),
    );
    return reply === null ? null : parseStreamState(stream, reply);
  }

  async streams(prefix = ''): Promise<string[]> {
    const { keyPrefix } = this.#settings;
    const pattern = `${escapeGlob(keyPrefix + prefix)}*`;
    const found = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.#run({ what: 'SCAN' }, (c) =>
        c.scan(cursor, 'MATCH', pattern, 'COUNT', 1000, 'TYPE', 'stream'),
      );
      for (const key of keys) if (key.startsWith(keyPrefix)) found.add(key.slice(keyPrefix.length));
      cursor = next;
    } while (cursor !== '0');
    return [...found].sort();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([this.#main.close(), this.#readers.close(), this.#appender.close()]);
  }

  #run<T>(context: CallContext, op: (client: Redis) => Promise<T>): Promise<T> {
    return this.#main.run(context, op);
  }

  #runner(context: CallContext): Runner {
    return {
      run: (op) => this.#main.run(context, op),
      fail: (error) => translateRedisError(error, context, this.#settings.target.display),
    };
  }

  #partialAppend(error: unknown, context: CallContext, done: number, total: number): EdstreamError {
    const base = translateRedisError(error ?? 'no reply', context, this.#settings.target.display);
    const message = `${base.message} (${done} of ${total} entries were appended before)`;
    return new EdstreamError(base.code, message, { cause: base.cause });
  }

  #key(stream: string): string {
    return this.#settings.keyPrefix + stream;
  }

  #assertOpen(): void {
    if (this.#closed) throw closedError();
  }
}

/** Opens a backend on the Redis server a URL names; it connects in the background. */
export function createRedisBackend(options: RedisBackendOptions): RedisStreamsBackend {
  return new RedisStreamsBackend(options);
}

function checkId(id: string): string {
  parseEntryId(id);
  return id;
}

/**
 * `XADD <key> [MAXLEN ~ n] * <field> <value> …` for each entry, wrapped in MULTI/EXEC when there
 * are several, as the bytes Redis reads.
 */
function encodeAppend(key: string, maxLen: number | undefined, entries: readonly EntryFields[]): Buffer {
  const head = maxLen === undefined ? [key, '*'] : [key, 'MAXLEN', '~', String(maxLen), '*'];
  // `XADD <key> [MAXLEN ~ n] *` is the same in every command of the batch: encoded once.
  const xadd = ['XADD', ...head];
  const encodedXadd = xadd.every(isAsciiText) ? xadd.map(bulkText).join('') : undefined;
  let expectedBytes = 64;
  for (const fields of entries) for (const [, value] of fields) expectedBytes += value.length + 32;
  const encoder = new RespEncoder(expectedBytes);
  if (entries.length > 1) encoder.write(['MULTI']);
  for (const fields of entries) {
    encoder.command(xadd.length + 2 * fields.length);
    if (encodedXadd === undefined) for (const part of xadd) encoder.argument(part);
    else encoder.encoded(encodedXadd);
    for (const [name, value] of fields) {
      const encodedName = encodedFieldName(name);
      if (encodedName === undefined) encoder.argument(name);
      else encoder.encoded(encodedName);
      encoder.argument(value);
    }
  }
  if (entries.length > 1) encoder.write(['EXEC']);
  return encoder.finish();
}

/** An ASCII argument as a RESP bulk string. */
function bulkText(ascii: string): string {
  return `$${ascii.length}\r\n${ascii}\r\n`;
}

/** Field names recur in every entry (the Open edX layout has eight): each encoded once. */
const encodedFieldNames = new Map<string, string>();

function encodedFieldName(name: string): string | undefined {
  const known = encodedFieldNames.get(name);
  if (known !== undefined || !isAsciiText(name)) return known;
  if (encodedFieldNames.size >= 256) encodedFieldNames.clear();
  const encoded = bulkText(name);
  encodedFieldNames.set(name, encoded);
  return encoded;
}

function badAppendReply(reply: unknown): Error {
  return new Error(`XADD answered ${JSON.stringify(reply)} instead of an entry id`);
}

function checkPosition(position: GroupPosition): string {
  return position === '0' || position === '$' ? position : checkId(position);
}

function checkBound(bound: string): void {
  if (bound !== '-' && bound !== '+') checkId(bound);
}

function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}
