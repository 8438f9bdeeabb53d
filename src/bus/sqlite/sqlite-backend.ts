import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { EdstreamError, isEdstreamError } from '../../errors.js';
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
import { signalAppend, waitForAppend } from './append-signal.js';
import { decodeFields, encodeFields } from './field-codec.js';
import { openBusDatabase } from './schema.js';
import {
  boundId,
  type DeliveredRow,
  idText,
  positionId,
  StreamTables,
  toEntryId,
  ZERO,
} from './stream-tables.js';

export interface SqliteBackendOptions {
  /** The database file; created with its schema when missing. */
  path: string;
  /** `normal` (default) survives a crash of the process; `full` also survives power loss, slower. */
  synchronous?: 'normal' | 'full';
  /** How long a write waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}

const FIRST_POLL_MS = 5;
const MAX_POLL_MS = 50;

/**
 * Redis Streams semantics in one SQLite file (WAL), durable and shared by every backend opened on
 * it, in this process or another. Each call is one transaction; blocking reads wake on appends
 * made in this process and poll for those made elsewhere.
 */
export class SqliteBusBackend implements BusBackend {
  readonly kind = 'sqlite' as const;
  readonly #db: Database.Database;
  readonly #tables: StreamTables;
  readonly #transaction: Database.Transaction<(fn: () => unknown) => unknown>;
  /** Identifies the file for in-process wake-ups; `:memory:` databases are private to a backend. */
  readonly #file: string;
  readonly #sleepers = new Set<() => void>();
  #closed = false;

  constructor({ path, synchronous = 'normal', busyTimeoutMs = 5_000 }: SqliteBackendOptions) {
    this.#file = path === ':memory:' ? `:memory:${Math.random()}` : resolve(path);
    this.#db = storageCall(() => openBusDatabase(path, { synchronous, busyTimeoutMs }));
    this.#tables = new StreamTables(this.#db);
    this.#transaction = this.#db.transaction((fn: () => unknown) => fn());
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
    if (entries.length === 0) return [];
    const blobs = entries.map(encodeFields);
    const ids = this.#write(() => this.#tables.append(stream, blobs, options.maxLen, Date.now()));
    signalAppend(this.#file, stream);
    return ids;
  }

  async createGroup(stream: string, group: string, position: GroupPosition): Promise<boolean> {
    this.#assertOpen();
    const at = positionId(position);
    return this.#write(() => this.#tables.createGroup(stream, group, at));
  }

  async setGroupPosition(stream: string, group: string, position: GroupPosition): Promise<void> {
    this.#assertOpen();
    const at = positionId(position);
    this.#write(() => this.#tables.moveGroup(stream, group, at));
  }

  async readNew(
    stream: string,
    group: string,
    consumer: string,
    { count, blockMs }: ReadOptions,
  ): Promise<DeliveredEntry[]> {
    this.#assertOpen();
    const read = (): DeliveredRow[] =>
      this.#write(() => this.#tables.deliverNew(stream, group, consumer, count, Date.now()));
    const first = read();
    if (first.length > 0 || blockMs <= 0) return first.map(toDelivered);
    const deadline = performance.now() + blockMs;
    for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(pollMs * 2, MAX_POLL_MS)) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) return [];
      await waitForAppend(this.#file, stream, Math.min(pollMs, remaining), this.#sleepers);
      // A plain read first, so that idle polling never takes the write lock.
      if (!this.#sync(() => this.#tables.hasNew(stream, group))) continue;
      const got = read();
      if (got.length > 0) return got.map(toDelivered);
    }
  }

  async readPending(
    stream: string,
    group: string,
    consumer: string,
    options: { count: number; afterId?: string },
  ): Promise<DeliveredEntry[]> {
    this.#assertOpen();
    const after = options.afterId === undefined ? ZERO : toEntryId(options.afterId);
    const rows = this.#write(() =>
      this.#tables.redeliverOwn(stream, group, consumer, after, options.count, Date.now()),
    );
    return rows.map(toDelivered);
  }

  async claimIdle(
    stream: string,
    group: string,
    consumer: string,
    { minIdleMs, count }: ClaimOptions,
  ): Promise<DeliveredEntry[]> {
    this.#assertOpen();
    const rows = this.#write(() =>
      this.#tables.claimIdle(stream, group, consumer, minIdleMs, count, Date.now()),
    );
    return rows.map(toDelivered);
  }

  async pending(
    stream: string,
    group: string,
    options: { count: number; consumer?: string },
  ): Promise<PendingSummary[]> {
    this.#assertOpen();
    const rows = this.#sync(() => this.#tables.pending(stream, group, options.count, options.consumer));
    const now = Date.now();
    return rows.map((r) => ({
      id: idText(r),
      consumer: r.consumer,
      idleMs: Math.max(0, now - r.delivered_at),
      deliveries: r.deliveries,
    }));
  }

  async ack(stream: string, group: string, ids: readonly string[]): Promise<number> {
    this.#assertOpen();
    const parsed = ids.map(toEntryId);
    return this.#write(() => this.#tables.ack(stream, group, parsed));
  }

  async range(stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]> {
    this.#assertOpen();
    const from = boundId(start);
    const to = boundId(end);
    const rows = this.#sync(() => this.#tables.range(stream, from, to, count));
    return rows.map((r) => ({ id: idText(r), fields: decodeFields(r.fields) }));
  }

  async delete(stream: string, ids: readonly string[]): Promise<number> {
    this.#assertOpen();
    const parsed = ids.map(toEntryId);
    return this.#write(() => this.#tables.delete(stream, parsed));
  }

  async info(stream: string): Promise<StreamInfo | null> {
    this.#assertOpen();
    // A read transaction, so that the counters and the groups come from one snapshot.
    return this.#sync(() => this.#transaction.deferred(() => this.#tables.info(stream)) as StreamInfo | null);
  }

  async state(stream: string): Promise<StreamState | null> {
    this.#assertOpen();
    return this.#sync(
      () => this.#transaction.deferred(() => this.#tables.state(stream)) as StreamState | null,
    );
  }

  async streams(prefix = ''): Promise<string[]> {
    this.#assertOpen();
    return this.#sync(() => this.#tables.streams(prefix));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const wake of [...this.#sleepers]) wake();
    this.#db.close();
  }

  /** Runs `fn` in a write transaction that takes the lock up front, so it never fails on upgrade. */
  #write<T>(fn: () => T): T {
    return this.#sync(() => this.#transaction.immediate(fn) as T);
  }

  #sync<T>(fn: () => T): T {
    this.#assertOpen();
    return storageCall(fn);
  }

  #assertOpen(): void {
    if (this.#closed) throw new EdstreamError('bus.closed', 'the bus backend is closed');
  }
}

/** Runs a database call, reporting SQLite failures (busy, I/O, corruption) as `bus.storage_failed`. */
function storageCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (isEdstreamError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new EdstreamError('bus.storage_failed', `the SQLite bus file failed: ${message}`, {
      cause: error,
    });
  }
}

function toDelivered(row: DeliveredRow): DeliveredEntry {
  return { id: idText(row), fields: decodeFields(row.fields), deliveries: row.deliveries };
}

/** Opens (or creates) the SQLite bus file at `path`. */
export function createSqliteBackend(options: SqliteBackendOptions): SqliteBusBackend {
  return new SqliteBusBackend(options);
}
