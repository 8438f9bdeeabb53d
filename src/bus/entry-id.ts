import { EdstreamError } from '../errors.js';

/** A stream entry id, `<milliseconds>-<sequence>`, as Redis Streams writes it. */
export interface EntryId {
  readonly ms: number;
  readonly seq: number;
}

/** At most 16 digits per part (past 2^53 a part is the nearest number, as `Number()` reads it). */
const MAX_DIGITS = 16;

export function isEntryId(text: string): boolean {
  return readEntryId(text) !== undefined;
}

export function parseEntryId(text: string): EntryId {
  const id = readEntryId(text);
  if (!id) {
    throw new EdstreamError(
      'bus.invalid_entry_id',
      `${JSON.stringify(text)} is not a stream entry id (<ms>-<seq>)`,
    );
  }
  return id;
}

/**
 * `<1–16 digits>-<1–16 digits>`, read by hand: every acknowledgement checks its ids, and a regular
 * expression with its match array showed in the consumer's profile.
 */
function readEntryId(text: string): EntryId | undefined {
  const dash = text.indexOf('-');
  const ms = readDigits(text, 0, dash);
  if (ms === undefined) return undefined;
  const seq = readDigits(text, dash + 1, text.length);
  return seq === undefined ? undefined : { ms, seq };
}

function readDigits(text: string, start: number, end: number): number | undefined {
  if (end <= start || end - start > MAX_DIGITS) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

export function formatEntryId(id: EntryId): string {
  return `${id.ms}-${id.seq}`;
}

/** Orders entry ids numerically (`-` sorts first and `+` last, as range bounds). */
export function compareEntryIds(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '-' || b === '+') return -1;
  if (a === '+' || b === '-') return 1;
  const x = parseEntryId(a);
  const y = parseEntryId(b);
  return x.ms !== y.ms ? x.ms - y.ms : x.seq - y.seq;
}

/** The largest id below `id` (`0-0` for `0-0`), so that "after it" starts at `id`. */
export function idBefore(id: string): string {
  const { ms, seq } = parseEntryId(id);
  if (seq > 0) return `${ms}-${seq - 1}`;
  return ms > 0 ? `${ms - 1}-${Number.MAX_SAFE_INTEGER}` : '0-0';
}

/** The id a new entry gets after `last`: now in ms, or one more sequence when the clock has not moved. */
export function nextEntryId(last: EntryId | null, nowMs: number): EntryId {
  if (!last || nowMs > last.ms) return { ms: nowMs, seq: 0 };
  return { ms: last.ms, seq: last.seq + 1 };
}

/** The first id at or after an instant, so that "from time T" reads entries appended since T. */
export function entryIdAtTime(date: Date): string {
  return `${date.getTime()}-0`;
}
