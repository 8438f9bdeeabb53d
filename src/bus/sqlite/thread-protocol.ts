import type { StreamInfo, StreamState } from '../backend.js';
import type { EntryId } from '../entry-id.js';
import type { PendingRow } from './statements.js';

/**
 * What passes between a SQLite bus backend and the thread that owns its database connection.
 * Entry fields travel as one packed buffer per call, transferred rather than copied, and come out
 * as Buffer views of it; ids travel as pairs of numbers.
 */

/** Encoded entry fields back to back: blob `i` is `bytes[ends[i-1] .. ends[i])`. */
export interface PackedBlobs {
  bytes: ArrayBuffer;
  ends: Float64Array;
}

/** Entries read, with their ids, delivery counts and still-encoded fields. */
export interface PackedRows {
  ms: Float64Array;
  seq: Float64Array;
  deliveries: Uint32Array;
  blobs: PackedBlobs;
}

/** The thread's operations: each runs as one call (writes in one immediate transaction). */
export interface ThreadCalls {
  append(stream: string, blobs: PackedBlobs, maxLen: number | undefined): string[];
  createGroup(stream: string, group: string, at: EntryId | undefined): boolean;
  moveGroup(stream: string, group: string, at: EntryId | undefined): void;
  deliverNew(stream: string, group: string, consumer: string, count: number): PackedRows;
  hasNew(stream: string, group: string): boolean;
  redeliverOwn(stream: string, group: string, consumer: string, after: EntryId, count: number): PackedRows;
  claimIdle(stream: string, group: string, consumer: string, minIdleMs: number, count: number): PackedRows;
  pending(stream: string, group: string, count: number, consumer: string | undefined): PendingRow[];
  ack(stream: string, group: string, ids: Float64Array): number;
  range(stream: string, from: EntryId, to: EntryId, count: number | undefined): PackedRows;
  delete(stream: string, ids: Float64Array): number;
  info(stream: string): StreamInfo | null;
  state(stream: string): StreamState | null;
  streams(prefix: string): string[];
  close(): void;
}

export type CallName = keyof ThreadCalls;

export interface CallMessage {
  id: number;
  op: CallName;
  args: unknown[];
}

/** An error as it crosses the thread boundary: edstream's code and message, and SQLite's code if any. */
export interface ThreadError {
  code: string;
  message: string;
  details?: { sqliteCode: string };
}

export type ThreadMessage =
  | { ready: true }
  | { failed: ThreadError }
  | { id: number; value: unknown }
  | { id: number; error: ThreadError };

/** What a thread is started with: the file and how to open it. */
export interface ThreadOptions {
  path: string;
  synchronous: 'normal' | 'full';
  busyTimeoutMs: number;
  /** Calls of at most this many entries run on the calling thread while the SQLite thread is idle. */
  inlineEntries: number;
}

/** How many entries a call carries or may return (unbounded reads count as infinitely many). */
export function entriesOf(call: CallMessage): number {
  const { op, args } = call;
  switch (op) {
    case 'append':
      return (args[1] as PackedBlobs).ends.length;
    case 'deliverNew':
      return args[3] as number;
    case 'redeliverOwn':
    case 'claimIdle':
      return args[4] as number;
    case 'range':
      return (args[3] as number | undefined) ?? Number.POSITIVE_INFINITY;
    case 'ack':
      return (args[2] as Float64Array).length / 2;
    case 'delete':
      return (args[1] as Float64Array).length / 2;
    default:
      return 0;
  }
}

/** Copies the blobs into one fresh buffer (never Node's shared pool, so that it can be transferred). */
export function packBlobs(blobs: readonly Uint8Array[]): PackedBlobs {
  let total = 0;
  for (const blob of blobs) total += blob.length;
  const bytes = new Uint8Array(total);
  const ends = new Float64Array(blobs.length);
  let at = 0;
  for (let i = 0; i < blobs.length; i++) {
    const blob = blobs[i]!;
    bytes.set(blob, at);
    at += blob.length;
    ends[i] = at;
  }
  return { bytes: bytes.buffer, ends };
}

/** The blobs as Buffer views of the packed bytes (no copy). */
export function unpackBlobs({ bytes, ends }: PackedBlobs): Buffer[] {
  const out = new Array<Buffer>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i]!;
    out[i] = Buffer.from(bytes, start, end - start);
    start = end;
  }
  return out;
}

export function packRows(
  rows: ReadonlyArray<EntryId & { deliveries?: number; fields: Uint8Array }>,
): PackedRows {
  const ms = new Float64Array(rows.length);
  const seq = new Float64Array(rows.length);
  const deliveries = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    ms[i] = row.ms;
    seq[i] = row.seq;
    deliveries[i] = row.deliveries ?? 0;
  }
  return { ms, seq, deliveries, blobs: packBlobs(rows.map((r) => r.fields)) };
}

/** The buffers a message can hand over instead of copying. */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  if (typeof value !== 'object' || value === null) return [];
  if ('bytes' in value && 'ends' in value) {
    const blobs = value as PackedBlobs;
    return [blobs.bytes, blobs.ends.buffer as ArrayBuffer];
  }
  if ('blobs' in value && 'ms' in value) {
    const rows = value as PackedRows;
    return [
      rows.ms.buffer,
      rows.seq.buffer,
      rows.deliveries.buffer,
      ...transferablesOf(rows.blobs),
    ] as ArrayBuffer[];
  }
  return [];
}

export function packIds(ids: readonly EntryId[]): Float64Array {
  const out = new Float64Array(ids.length * 2);
  for (let i = 0; i < ids.length; i++) {
    out[2 * i] = ids[i]!.ms;
    out[2 * i + 1] = ids[i]!.seq;
  }
  return out;
}

export function unpackIds(packed: Float64Array): EntryId[] {
  const out = new Array<EntryId>(packed.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = { ms: packed[2 * i]!, seq: packed[2 * i + 1]! };
  return out;
}
