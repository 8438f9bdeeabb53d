import { EdstreamError } from '../errors.js';

/** A stream entry id, `<milliseconds>-<sequence>`, as Redis Streams writes it. */
export interface EntryId {
  readonly ms: number;
  readonly seq: number;
}

const ENTRY_ID_RE = /^(\d{1,16})-(\d{1,16})$/;

export function isEntryId(text: string): boolean {
  return ENTRY_ID_RE.test(text);
}

export function parseEntryId(text: string): EntryId {
  const m = ENTRY_ID_RE.exec(text);
  if (!m) {
    throw new EdstreamError(
      'bus.invalid_entry_id',
      `${JSON.stringify(text)} is not a stream entry id (<ms>-<seq>)`,
    );
  }
  return { ms: Number(m[1]), seq: Number(m[2]) };
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
