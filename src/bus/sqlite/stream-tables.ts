import type Database from 'better-sqlite3';
import { EdstreamError } from '../../errors.js';
import type { StreamInfo, StreamState } from '../backend.js';
import { type EntryId, nextEntryId, parseEntryId } from '../entry-id.js';
import {
  type EntryRow,
  type GroupRow,
  type IdRow,
  type PendingEntryRow,
  type PendingRow,
  prepareStatements,
  type Statements,
  type StreamRow,
} from './statements.js';

/** An entry handed out, with its still-encoded fields. */
export type DeliveredRow = IdRow & { deliveries: number; fields: Buffer };

export const ZERO: EntryId = { ms: 0, seq: 0 };
const MAX: EntryId = { ms: Number.MAX_SAFE_INTEGER, seq: Number.MAX_SAFE_INTEGER };

/**
 * The stream operations as synchronous statements over the bus tables. Callers run each one in a
 * transaction; ids come in parsed and go out as rows.
 */
export class StreamTables {
  readonly #st: Statements;

  constructor(db: Database.Database) {
    this.#st = prepareStatements(db);
  }

  append(stream: string, blobs: readonly Buffer[], maxLen: number | undefined, now: number): string[] {
    const st = this.#st;
    const row = st.streamByName.get(stream) ?? st.insertStream.get(stream)!;
    let last: EntryId = { ms: row.last_ms, seq: row.last_seq };
    const ids: string[] = [];
    for (const blob of blobs) {
      last = nextEntryId(last, now);
      st.insertEntry.run(row.id, last.ms, last.seq, blob);
      ids.push(idText(last));
    }
    let length = row.length + blobs.length;
    let maxDeleted: IdRow = { ms: row.max_deleted_ms, seq: row.max_deleted_seq };
    if (maxLen !== undefined && length > Math.max(0, maxLen)) {
      // The newest entry to drop: everything up to it goes in one range delete.
      const boundary = st.nthEntry.get(row.id, length - Math.max(0, maxLen) - 1)!;
      st.deleteEntriesUpTo.run(row.id, boundary.ms, boundary.seq);
      length = Math.max(0, maxLen);
      maxDeleted = laterOf(maxDeleted, boundary);
    }
    const added = row.entries_added + blobs.length;
    st.saveStream.run(length, added, last.ms, last.seq, maxDeleted.ms, maxDeleted.seq, row.id);
    return ids;
  }

  /** Creates the group (and the stream) at `at`, or at the stream's last id when undefined. */
  createGroup(stream: string, group: string, at: EntryId | undefined): boolean {
    const row = this.#st.streamByName.get(stream) ?? this.#st.insertStream.get(stream)!;
    const start = at ?? { ms: row.last_ms, seq: row.last_seq };
    const read = entriesReadAt(row, at);
    return this.#st.insertGroup.run(row.id, group, start.ms, start.seq, read).changes === 1;
  }

  moveGroup(stream: string, group: string, at: EntryId | undefined): void {
    const g = this.group(stream, group);
    const row = this.#st.streamByName.get(stream)!;
    const start = at ?? { ms: row.last_ms, seq: row.last_seq };
    this.#st.moveGroup.run(start.ms, start.seq, entriesReadAt(row, at), g.id);
  }

  group(stream: string, group: string): GroupRow {
    const g = this.#st.groupByNames.get(stream, group);
    if (!g) {
      throw new EdstreamError(
        'bus.no_group',
        `stream ${JSON.stringify(stream)} has no consumer group ${JSON.stringify(group)}; create it first`,
      );
    }
    return g;
  }

  /** Whether the group has entries to read, without writing anything. */
  hasNew(stream: string, group: string): boolean {
    const g = this.group(stream, group);
    return this.#st.anyEntryAfter.get(g.stream_id, g.last_ms, g.last_seq) !== undefined;
  }

  deliverNew(stream: string, group: string, consumer: string, count: number, now: number): DeliveredRow[] {
    const st = this.#st;
    const g = this.group(stream, group);
    st.addConsumer.run(g.id, consumer);
    const limit = Math.max(0, count);
    const rows = st.entriesAfter.all(g.stream_id, g.last_ms, g.last_seq, limit);
    const last = rows[rows.length - 1];
    if (last) {
      // The rows read are every entry in (cursor, last]: they become pending in one statement.
      st.deliverRange.run(g.id, consumer, now, g.stream_id, g.last_ms, g.last_seq, last.ms, last.seq);
      const stream = st.streamById.get(g.stream_id)!;
      let read: number | null = g.entries_read === null ? null : g.entries_read + rows.length;
      // A read that reached the end has seen (or lost to trimming) everything ever added; one that
      // may have jumped over removed entries no longer knows its count until it gets there.
      if (rows.length < limit) read = stream.entries_added;
      else if (isAfter(stream.max_deleted_ms, stream.max_deleted_seq, g.last_ms, g.last_seq)) read = null;
      st.moveGroup.run(last.ms, last.seq, read, g.id);
    }
    return rows.map((r) => ({ ms: r.ms, seq: r.seq, deliveries: 1, fields: r.fields }));
  }

  redeliverOwn(
    stream: string,
    group: string,
    consumer: string,
    after: EntryId,
    count: number,
    now: number,
  ): DeliveredRow[] {
    const g = this.group(stream, group);
    this.#st.addConsumer.run(g.id, consumer);
    return this.#redeliver(g, consumer, after, count, now, (from, limit) =>
      this.#st.ownPending.all(g.stream_id, g.id, consumer, from.ms, from.seq, limit),
    );
  }

  claimIdle(
    stream: string,
    group: string,
    consumer: string,
    minIdleMs: number,
    count: number,
    now: number,
  ): DeliveredRow[] {
    const g = this.group(stream, group);
    this.#st.addConsumer.run(g.id, consumer);
    return this.#redeliver(g, consumer, ZERO, count, now, (from, limit) =>
      this.#st.idlePending.all(g.stream_id, g.id, now - minIdleMs, from.ms, from.seq, limit),
    );
  }

  pending(stream: string, group: string, count: number, consumer: string | undefined): PendingRow[] {
    const g = this.group(stream, group);
    const limit = Math.max(0, count);
    return consumer === undefined
      ? this.#st.listPending.all(g.id, limit)
      : this.#st.listPendingOf.all(g.id, consumer, limit);
  }

  ack(stream: string, group: string, ids: readonly EntryId[]): number {
    const g = this.#st.groupByNames.get(stream, group);
    if (!g) return 0;
    let acked = 0;
    for (const id of ids) acked += this.#st.removePending.run(g.id, id.ms, id.seq).changes;
    return acked;
  }

  range(stream: string, from: EntryId, to: EntryId, count: number | undefined): EntryRow[] {
    const row = this.#st.streamByName.get(stream);
    if (!row) return [];
    return this.#st.entriesBetween.all(row.id, from.ms, from.seq, to.ms, to.seq, count ?? -1);
  }

  delete(stream: string, ids: readonly EntryId[]): number {
    const row = this.#st.streamByName.get(stream);
    if (!row) return 0;
    let deleted = 0;
    let maxDeleted: IdRow = { ms: row.max_deleted_ms, seq: row.max_deleted_seq };
    for (const id of ids) {
      if (this.#st.deleteEntry.run(row.id, id.ms, id.seq).changes === 0) continue;
      deleted++;
      maxDeleted = laterOf(maxDeleted, id);
    }
    const { length, entries_added, last_ms, last_seq } = row;
    this.#st.saveStream.run(
      length - deleted,
      entries_added,
      last_ms,
      last_seq,
      maxDeleted.ms,
      maxDeleted.seq,
      row.id,
    );
    return deleted;
  }

  state(stream: string): StreamState | null {
    const row = this.#st.streamByName.get(stream);
    return row ? this.#stateOf(stream, row) : null;
  }

  info(stream: string): StreamInfo | null {
    const row = this.#st.streamByName.get(stream);
    if (!row) return null;
    return {
      ...this.#stateOf(stream, row),
      groups: this.#st.groupsOfStream.all(row.id).map((g) => ({
        name: g.name,
        consumers: g.consumers,
        pending: g.pending,
        lastDeliveredId: idText({ ms: g.last_ms, seq: g.last_seq }),
        lag: g.lag,
      })),
    };
  }

  #stateOf(stream: string, row: StreamRow): StreamState {
    const first = this.#st.nthEntry.get(row.id, 0);
    const last = this.#st.lastEntry.get(row.id);
    return {
      stream,
      length: row.length,
      firstId: first ? idText(first) : null,
      lastId: last ? idText(last) : null,
      entriesAdded: row.entries_added,
      maxDeletedId: idText({ ms: row.max_deleted_ms, seq: row.max_deleted_seq }),
    };
  }

  streams(prefix: string): string[] {
    return this.#st.streamNames.all(prefix, prefix);
  }

  /** Hands pending ids to `consumer` again; ids whose entries are gone leave the pending list. */
  #redeliver(
    g: GroupRow,
    consumer: string,
    after: IdRow,
    count: number,
    now: number,
    page: (from: IdRow, limit: number) => PendingEntryRow[],
  ): DeliveredRow[] {
    const out: DeliveredRow[] = [];
    let from = after;
    while (out.length < count) {
      const limit = count - out.length;
      const rows = page(from, limit);
      for (const r of rows) {
        if (r.fields === null) {
          this.#st.removePending.run(g.id, r.ms, r.seq);
        } else {
          this.#st.redeliver.run(consumer, now, g.id, r.ms, r.seq);
          out.push({ ms: r.ms, seq: r.seq, deliveries: r.deliveries + 1, fields: r.fields });
        }
      }
      const last = rows[rows.length - 1];
      if (!last || rows.length < limit) break;
      from = last;
    }
    return out;
  }
}

/** What a group placed at `at` has read: all of it at the end (`$`), none at 0, unknown elsewhere. */
function entriesReadAt(row: StreamRow, at: EntryId | undefined): number | null {
  if (at === undefined) return row.entries_added;
  return at.ms === 0 && at.seq === 0 ? 0 : null;
}

export function idText(id: IdRow): string {
  return `${id.ms}-${id.seq}`;
}

function isAfter(ms: number, seq: number, thanMs: number, thanSeq: number): boolean {
  return ms > thanMs || (ms === thanMs && seq > thanSeq);
}

function laterOf(a: IdRow, b: IdRow): IdRow {
  return a.ms > b.ms || (a.ms === b.ms && a.seq >= b.seq) ? a : b;
}

/** Parses an id, capping each part at 2^53 - 1 (beyond it JavaScript numbers lose precision). */
export function toEntryId(text: string): EntryId {
  const { ms, seq } = parseEntryId(text);
  return { ms: Math.min(ms, MAX.ms), seq: Math.min(seq, MAX.seq) };
}

/** A group position (`0`, an id) or undefined for `$`, which the tables resolve in the transaction. */
export function positionId(position: string): EntryId | undefined {
  if (position === '$') return undefined;
  return position === '0' ? ZERO : toEntryId(position);
}

export function boundId(bound: string): EntryId {
  if (bound === '-') return ZERO;
  return bound === '+' ? MAX : toEntryId(bound);
}
