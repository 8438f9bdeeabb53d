import { EdstreamError } from '../../errors.js';
import type { DeliveredEntry, EntryFields } from '../backend.js';
import { type EntryId, formatEntryId, parseEntryId } from '../entry-id.js';

/** One stored entry: its parsed id, its id as text, and a private copy of its fields. */
export interface MemoryEntry {
  readonly id: EntryId;
  readonly text: string;
  readonly fields: EntryFields;
}

export interface PendingRecord {
  readonly id: EntryId;
  readonly text: string;
  consumer: string;
  deliveredAt: number;
  deliveries: number;
}

export interface MemoryGroup {
  readonly name: string;
  lastDelivered: EntryId;
  readonly consumers: Set<string>;
  /** Keyed by entry id text; iterate through `sortedPending` for id order. */
  readonly pending: Map<string, PendingRecord>;
}

/** A stream's state, as Redis keeps it: entries in id order plus the counters XINFO reports. */
export interface MemoryStream {
  readonly entries: MemoryEntry[];
  lastId: EntryId;
  entriesAdded: number;
  maxDeletedId: EntryId;
  readonly groups: Map<string, MemoryGroup>;
  /** Wake-ups of reads blocked on this stream. */
  readonly waiters: Set<() => void>;
}

export const ZERO_ID: EntryId = { ms: 0, seq: 0 };
const MAX_ID: EntryId = { ms: Number.MAX_SAFE_INTEGER, seq: Number.MAX_SAFE_INTEGER };

export function newStream(): MemoryStream {
  return {
    entries: [],
    lastId: ZERO_ID,
    entriesAdded: 0,
    maxDeletedId: ZERO_ID,
    groups: new Map(),
    waiters: new Set(),
  };
}

export function compareIds(a: EntryId, b: EntryId): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.seq - b.seq;
}

export function maxId(a: EntryId, b: EntryId): EntryId {
  return compareIds(a, b) >= 0 ? a : b;
}

/**
 * Parses an entry id, capping each part at 2^53 - 1: JavaScript numbers lose precision above it,
 * and a capped bound still sorts after every id a stream can hold.
 */
export function toEntryId(text: string): EntryId {
  const { ms, seq } = parseEntryId(text);
  return { ms: Math.min(ms, MAX_ID.ms), seq: Math.min(seq, MAX_ID.seq) };
}

/** A group position: `0`, `$` (the last id the stream generated) or an entry id. */
export function positionId(stream: MemoryStream, position: string): EntryId {
  if (position === '0') return ZERO_ID;
  if (position === '$') return stream.lastId;
  return toEntryId(position);
}

/** A range bound: `-`, `+` or an entry id. */
export function boundId(bound: string): EntryId {
  if (bound === '-') return ZERO_ID;
  if (bound === '+') return MAX_ID;
  return toEntryId(bound);
}

/** Index of the first entry with an id at or after `id` (after it when `exclusive`). */
export function lowerBound(entries: readonly MemoryEntry[], id: EntryId, exclusive: boolean): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareIds(entries[mid]!.id, id);
    if (c < 0 || (exclusive && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function findEntry(stream: MemoryStream, id: EntryId): MemoryEntry | undefined {
  const entry = stream.entries[lowerBound(stream.entries, id, false)];
  return entry && compareIds(entry.id, id) === 0 ? entry : undefined;
}

/** Copies fields so that callers mutating their Buffers never change what the stream holds. */
export function copyFields(fields: EntryFields): EntryFields {
  return fields.map(([name, value]) => [name, Buffer.isBuffer(value) ? Buffer.from(value) : value] as const);
}

/** Hands pending entries to `consumer` again; ids whose entries are gone leave the pending list. */
export function redeliver(
  stream: MemoryStream,
  group: MemoryGroup,
  consumer: string,
  candidates: readonly PendingRecord[],
  count: number,
  now: number,
): DeliveredEntry[] {
  const out: DeliveredEntry[] = [];
  for (const record of candidates) {
    if (out.length >= count) break;
    const entry = findEntry(stream, record.id);
    if (!entry) {
      group.pending.delete(record.text);
      continue;
    }
    record.consumer = consumer;
    record.deliveredAt = now;
    record.deliveries++;
    out.push({ id: entry.text, fields: copyFields(entry.fields), deliveries: record.deliveries });
  }
  return out;
}

export function sortedPending(group: MemoryGroup): PendingRecord[] {
  return [...group.pending.values()].sort((a, b) => compareIds(a.id, b.id));
}

/** Removes the oldest entries beyond `maxLen`, recording the largest removed id. */
export function trimStream(stream: MemoryStream, maxLen: number): void {
  const excess = stream.entries.length - Math.max(0, maxLen);
  if (excess <= 0) return;
  const removed = stream.entries.splice(0, excess);
  stream.maxDeletedId = maxId(stream.maxDeletedId, removed[removed.length - 1]!.id);
}

export function idText(id: EntryId): string {
  return formatEntryId(id);
}

export function noGroupError(stream: string, group: string): EdstreamError {
  return new EdstreamError(
    'bus.no_group',
    `stream ${JSON.stringify(stream)} has no consumer group ${JSON.stringify(group)}; create it first`,
  );
}

export function closedError(): EdstreamError {
  return new EdstreamError('bus.closed', 'the bus backend is closed');
}

export function emptyEntryError(): EdstreamError {
  return new EdstreamError('bus.invalid_entry', 'a stream entry needs at least one field');
}
