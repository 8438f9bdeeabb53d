import { isAsciiText } from '../../ascii.js';
import { EdstreamError } from '../../errors.js';
import type { EntryFields } from '../backend.js';
import { EntryTexts, type RepeatedText } from '../repeated-text.js';

/*
 * Entry fields as one BLOB, in order, keeping binary values binary:
 *   u8 format (1) · u32 field count · per field: u32 name length · name (UTF-8)
 *   · u8 kind (0 text, 1 bytes) · u32 value length · value
 * All integers are big-endian. Text comes back as a string and bytes as a Buffer.
 */
const FORMAT = 1;
const TEXT = 0;
const BYTES = 1;

export function encodeFields(fields: EntryFields): Buffer {
  return encodeAsciiFields(fields) ?? encodeAnyFields(fields);
}

/**
 * The usual entry, all names and text values ASCII: its text goes into the blob in one write per
 * run of text (ASCII is its own UTF-8, a byte per unit), with room left for the lengths and kinds,
 * which are filled in afterwards. A byte count and a write per name and value cost four times as much.
 */
function encodeAsciiFields(fields: EntryFields): Buffer | undefined {
  let size = 5;
  for (const [name, value] of fields) size += 9 + name.length + value.length;
  const out = Buffer.allocUnsafe(size);
  out[0] = FORMAT;
  out.writeUInt32BE(fields.length, 1);
  // The text, with placeholders where each field's name length, kind and value length go.
  let run = '';
  let runAt = 5;
  for (const [name, value] of fields) {
    run += `\0\0\0\0${name}\0\0\0\0\0`;
    if (typeof value === 'string') {
      run += value;
      continue;
    }
    if (!isAsciiText(run)) return undefined;
    out.write(run, runAt, 'latin1');
    runAt += run.length;
    value.copy(out, runAt);
    runAt += value.length;
    run = '';
  }
  if (run !== '') {
    if (!isAsciiText(run)) return undefined;
    out.write(run, runAt, 'latin1');
  }
  let at = 5;
  for (const [name, value] of fields) {
    out.writeUInt32BE(name.length, at);
    at += 4 + name.length;
    out[at] = typeof value === 'string' ? TEXT : BYTES;
    out.writeUInt32BE(value.length, at + 1);
    at += 5 + value.length;
  }
  return out;
}

function encodeAnyFields(fields: EntryFields): Buffer {
  let size = 5;
  for (const [name, value] of fields) {
    size +=
      9 +
      Buffer.byteLength(name, 'utf8') +
      (Buffer.isBuffer(value) ? value.length : Buffer.byteLength(value));
  }
  const out = Buffer.allocUnsafe(size);
  out.writeUInt8(FORMAT, 0);
  out.writeUInt32BE(fields.length, 1);
  let at = 5;
  for (const [name, value] of fields) {
    const nameLength = out.write(name, at + 4, 'utf8');
    out.writeUInt32BE(nameLength, at);
    at += 4 + nameLength;
    if (Buffer.isBuffer(value)) {
      out.writeUInt8(BYTES, at);
      out.writeUInt32BE(value.length, at + 1);
      value.copy(out, at + 5);
      at += 5 + value.length;
    } else {
      out.writeUInt8(TEXT, at);
      const valueLength = out.write(value, at + 5, 'utf8');
      out.writeUInt32BE(valueLength, at + 1);
      at += 5 + valueLength;
    }
  }
  return out;
}

export function decodeFields(blob: Buffer): EntryFields {
  if (blob.length < 5 || blob.readUInt8(0) !== FORMAT) throw corrupt('unknown format');
  const count = blob.readUInt32BE(1);
  const fields: Array<readonly [string, string | Buffer]> = [];
  let at = 5;
  for (let i = 0; i < count; i++) {
    const nameLength = readLength(blob, at);
    const name = text(blob, at + 4, at + 4 + nameLength, texts.names);
    at += 4 + nameLength;
    const kind = blob[at];
    const valueLength = readLength(blob, at + 1);
    const start = at + 5;
    at = start + valueLength;
    if (kind === TEXT) fields.push([name, text(blob, start, at, texts.valuesOf(name))]);
    // The blob is this row's own copy (better-sqlite3 allocates one per read): share it.
    else if (kind === BYTES) fields.push([name, blob.subarray(start, at)]);
    else throw corrupt(`unknown value kind ${String(kind)}`);
  }
  if (at !== blob.length) throw corrupt('trailing bytes');
  return fields;
}

const texts = new EntryTexts();

function text(blob: Buffer, start: number, end: number, table: RepeatedText | undefined): string {
  return table ? table.decode(blob, start, end) : blob.toString('utf8', start, end);
}

function readLength(blob: Buffer, at: number): number {
  if (at + 4 > blob.length) throw corrupt('truncated');
  const length = blob.readUInt32BE(at);
  if (at + 4 + length > blob.length) throw corrupt('truncated');
  return length;
}

function corrupt(reason: string): EdstreamError {
  return new EdstreamError('bus.corrupt_entry', `a stored stream entry cannot be decoded (${reason})`);
}
