import { isUtf8 } from 'node:buffer';
import { isAscii } from '../../ascii.js';
import type { DeliveredEntry, EntryFields } from '../backend.js';
import { EntryTexts, type RepeatedText } from '../repeated-text.js';
import { BINARY_FIELD } from './redis-replies.js';
import { findLineEnd, protocolError, type ReplyDecoder, ReplyError, readInteger } from './resp-reader.js';

const texts = new EntryTexts();

const DOLLAR = 36;
const STAR = 42;
const MINUS = 45;

/**
 * An XREADGROUP reply on one stream, read straight from its bytes into delivered entries: text
 * values become strings and `event_data` a view of the reply buffer, with no Buffer made per name
 * and value on the way as a general parser does. Nil (a BLOCK that
 * timed out) is no entries; an error reply is returned as a `ReplyError`; entries whose fields are
 * nil (deleted, on Redis before 7) are left out.
 */
export const decodeReadGroupReply: ReplyDecoder<DeliveredEntry[] | ReplyError> = (buffer, start, end) => {
  const cursor = new Cursor(buffer, start, end);
  if (buffer[start] === MINUS) {
    const lineEnd = findLineEnd(buffer, start + 1, end);
    return new ReplyError(buffer.toString('utf8', start + 1, lineEnd));
  }
  const streams = cursor.arrayLength();
  if (streams <= 0) return [];
  if (cursor.arrayLength() !== 2)
    throw protocolError('an XREADGROUP stream is not [name, entries]', buffer, cursor.at);
  cursor.skipBulk();
  const count = cursor.arrayLength();
  const entries: DeliveredEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (cursor.arrayLength() !== 2) throw protocolError('an entry is not [id, fields]', buffer, cursor.at);
    const id = cursor.text();
    const size = cursor.arrayLength();
    if (size < 0) continue;
    if (size % 2 !== 0)
      throw protocolError('an entry has an odd number of field names and values', buffer, cursor.at);
    const fields: (readonly [string, string | Buffer])[] = new Array(size / 2);
    for (let f = 0; f < size / 2; f++) {
      const name = cursor.text(texts.names);
      if (name === BINARY_FIELD) fields[f] = [name, cursor.bytes()];
      else fields[f] = [name, cursor.textOrBytes(texts.valuesOf(name))];
    }
    entries.push({ id, fields: fields as EntryFields, deliveries: 1 });
  }
  return entries;
};

/** Walks one complete reply; every read checks its bounds. */
class Cursor {
  at: number;
  #stop = 0;
  constructor(
    readonly buffer: Buffer,
    start: number,
    readonly end: number,
  ) {
    this.at = start;
  }

  /** An array header's count (-1 for nil). */
  arrayLength(): number {
    if (this.buffer[this.at] !== STAR) throw protocolError('expected an array', this.buffer, this.at);
    return this.#header();
  }

  skipBulk(): void {
    this.#bulk();
    this.at = this.#stop + 2;
  }

  text(table?: RepeatedText): string {
    const value = this.textOrBytes(table);
    if (typeof value !== 'string') throw protocolError('expected UTF-8 text', this.buffer, this.at);
    return value;
  }

  /**
   * A bulk string as text when it is valid UTF-8, else as bytes (copied out of the reply); text
   * found in `table` is not decoded again.
   */
  textOrBytes(table?: RepeatedText): string | Buffer {
    const start = this.#bulk();
    const stop = this.#stop;
    this.at = stop + 2;
    const buffer = this.buffer;
    const known = table?.find(buffer, start, stop);
    if (known !== undefined) return known;
    let value: string | Buffer;
    if (isAscii(buffer, start, stop)) value = buffer.toString('latin1', start, stop);
    else {
      const bytes = buffer.subarray(start, stop);
      value = isUtf8(bytes) ? bytes.toString('utf8') : Buffer.from(bytes);
    }
    if (table && typeof value === 'string') table.remember(buffer, start, stop, value);
    return value;
  }

  /** A bulk string's bytes, as a view of the reply. */
  bytes(): Buffer {
    const start = this.#bulk();
    this.at = this.#stop + 2;
    return this.buffer.subarray(start, this.#stop);
  }

  /** Reads a bulk string's header: returns where its bytes start; `#stop` is where they end. */
  #bulk(): number {
    if (this.buffer[this.at] !== DOLLAR) throw protocolError('expected a bulk string', this.buffer, this.at);
    const size = this.#header();
    if (size < 0) throw protocolError('expected a bulk string, found nil', this.buffer, this.at);
    const start = this.at;
    if (start + size + 2 > this.end)
      throw protocolError('a bulk string runs past the reply', this.buffer, this.at);
    this.#stop = start + size;
    return start;
  }

  #header(): number {
    const lineEnd = findLineEnd(this.buffer, this.at + 1, this.end);
    if (lineEnd < 0) throw protocolError('a header runs past the reply', this.buffer, this.at);
    const value = readInteger(this.buffer, this.at + 1, lineEnd);
    this.at = lineEnd + 2;
    return value;
  }
}
