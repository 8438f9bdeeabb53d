import { EdstreamError } from '../../errors.js';
import { RepeatedText } from '../repeated-text.js';

/** An error reply of Redis (`-ERR …`, `-NOGROUP …`), named as ioredis names it. */
export class ReplyError extends Error {
  override readonly name = 'ReplyError';
}

/** Reads one whole reply from `buffer[start, end)` into a value of the caller's choice. */
export type ReplyDecoder<T> = (buffer: Buffer, start: number, end: number) => T;

const CR = 13;
const PLUS = 43;
const MINUS = 45;
const COLON = 58;
const DOLLAR = 36;
const STAR = 42;

/**
 * Cuts a RESP2 byte stream into whole replies without decoding them: replies that span many
 * socket reads (a batch of stream entries is hundreds of kilobytes) are scanned once, resuming
 * where the last read stopped, and handed out as a range of one buffer that is never written again.
 */
export class RespFramer {
  #buffer: Buffer = Buffer.alloc(0);
  #length = 0;
  /** Where the reply being scanned starts, and the first byte not yet scanned. */
  #start = 0;
  #position = 0;
  /** Elements still expected by each array the scan is inside of, innermost last. */
  readonly #remaining: number[] = [];

  /** Adds bytes; calls `onReply` for every reply they complete, in order. */
  push(chunk: Buffer, onReply: (buffer: Buffer, start: number, end: number) => void): void {
    this.#append(chunk);
    while (this.#position < this.#length) {
      if (!this.#scanElement()) return;
      if (this.#remaining.length > 0) continue;
      const buffer = this.#buffer;
      const start = this.#start;
      const end = this.#position;
      this.#start = end;
      // Bytes handed out are never written again: new bytes go after them, or to a new buffer.
      if (end === this.#length) this.reset();
      onReply(buffer, start, end);
    }
  }

  /** Forgets everything (a new connection starts a new stream). */
  reset(): void {
    this.#buffer = Buffer.alloc(0);
    this.#length = 0;
    this.#start = 0;
    this.#position = 0;
    this.#remaining.length = 0;
  }

  #append(chunk: Buffer): void {
    if (this.#length === 0) {
      this.#buffer = chunk;
      this.#length = chunk.length;
      return;
    }
    if (this.#length + chunk.length > this.#buffer.length) {
      // A new buffer holding only the reply in progress; the old one stays as handed out.
      const kept = this.#length - this.#start;
      const grown = Buffer.allocUnsafe(Math.max(kept + chunk.length, kept * 2, 16 * 1024));
      this.#buffer.copy(grown, 0, this.#start, this.#length);
      this.#buffer = grown;
      this.#position -= this.#start;
      this.#length = kept;
      this.#start = 0;
    }
    chunk.copy(this.#buffer, this.#length);
    this.#length += chunk.length;
  }

  /** Scans one element (an array only by its header); false when its bytes have not all arrived. */
  #scanElement(): boolean {
    const buffer = this.#buffer;
    const at = this.#position;
    const lineEnd = findLineEnd(buffer, at + 1, this.#length);
    if (lineEnd < 0) return false;
    const type = buffer[at];
    let next = lineEnd + 2;
    if (type === STAR) {
      const count = readInteger(buffer, at + 1, lineEnd);
      this.#position = next;
      if (count > 0) {
        this.#remaining.push(count);
        return true;
      }
    } else if (type === DOLLAR) {
      const size = readInteger(buffer, at + 1, lineEnd);
      if (size >= 0) next += size + 2;
      if (next > this.#length) return false;
      this.#position = next;
    } else if (type === PLUS || type === MINUS || type === COLON) {
      this.#position = next;
    } else {
      throw protocolError(`a reply starts with byte ${String(type)}`, buffer, at);
    }
    // One element done: close every array it completes.
    const remaining = this.#remaining;
    while (remaining.length > 0) {
      const left = remaining[remaining.length - 1]! - 1;
      if (left > 0) {
        remaining[remaining.length - 1] = left;
        break;
      }
      remaining.pop();
    }
    return true;
  }
}

/**
 * A reply as plain values: simple and bulk strings as strings (UTF-8), integers as numbers, nil as
 * null, arrays as arrays, error replies as `ReplyError` values (not thrown).
 */
export const decodeReply: ReplyDecoder<unknown> = (buffer, start) => {
  const cursor = { at: start };
  return readValue(buffer, cursor);
};

/** Status replies (`OK`, and a `QUEUED` per command of a transaction) are a handful of texts. */
const statuses = new RepeatedText(8, 32);

function readValue(buffer: Buffer, cursor: { at: number }): unknown {
  const at = cursor.at;
  const lineEnd = findLineEnd(buffer, at + 1, buffer.length);
  const type = buffer[at];
  cursor.at = lineEnd + 2;
  switch (type) {
    case PLUS:
      return statuses.decode(buffer, at + 1, lineEnd);
    case MINUS:
      return new ReplyError(buffer.toString('utf8', at + 1, lineEnd));
    case COLON:
      return readInteger(buffer, at + 1, lineEnd);
    case DOLLAR: {
      const size = readInteger(buffer, at + 1, lineEnd);
      if (size < 0) return null;
      cursor.at = lineEnd + 2 + size + 2;
      return buffer.toString('utf8', lineEnd + 2, lineEnd + 2 + size);
    }
    case STAR: {
      const count = readInteger(buffer, at + 1, lineEnd);
      if (count < 0) return null;
      const items: unknown[] = new Array(count);
      for (let i = 0; i < count; i++) items[i] = readValue(buffer, cursor);
      return items;
    }
    default:
      throw protocolError(`a reply starts with byte ${String(type)}`, buffer, at);
  }
}

/** The index of the CR of the first CRLF at or after `from`, or -1 when it is not there yet. */
export function findLineEnd(buffer: Buffer, from: number, end: number): number {
  for (let i = from; i < end - 1; i++) {
    if (buffer[i] !== CR) continue;
    if (buffer[i + 1] !== 10) throw protocolError('a line ends in CR without LF', buffer, i);
    return i;
  }
  return -1;
}

/** The signed decimal integer written in `buffer[from, to)`. */
export function readInteger(buffer: Buffer, from: number, to: number): number {
  let i = from;
  const negative = buffer[i] === MINUS;
  if (negative) i++;
  if (i >= to) throw protocolError('an empty number', buffer, from);
  let value = 0;
  for (; i < to; i++) {
    const digit = buffer[i]! - 48;
    if (digit < 0 || digit > 9) throw protocolError('a number with a non-digit', buffer, from);
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

export function protocolError(reason: string, bytes?: Buffer, at = 0): EdstreamError {
  if (!bytes) return new EdstreamError('bus.bad_reply', `Redis sent something that is not RESP: ${reason}`);
  // What was there, so that the bad reply can be told from a bug in reading it.
  const found = JSON.stringify(bytes.toString('latin1', at, Math.min(bytes.length, at + 48)));
  return new EdstreamError(
    'bus.bad_reply',
    `Redis sent something that is not RESP: ${reason} (at byte ${at}: ${found})`,
    { details: { offset: at, found } },
  );
}
