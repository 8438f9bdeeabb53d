import { resolve } from 'node:path';
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
import { signalAppend, waitForAppend } from './append-signal.js';
import { decodeFields, encodeFields } from './field-codec.js';
import { acquireThread, releaseThread, type SqliteThread } from './sqlite-thread.js';
import { boundId, idText, positionId, toEntryId, ZERO } from './stream-tables.js';
import { type PackedRows, packBlobs, packIds, type ThreadOptions, unpackBlobs } from './thread-protocol.js';

export interface SqliteBackendOptions {
  /** The database file; created with its schema when missing. */
  path: string;
  /** `normal` (default) survives a crash of the process; `full` also survives power loss, slower. */
  synchronous?: 'normal' | 'full';
  /** How long a write waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
  /**
   * Calls of at most this many entries (a single publish, a small acknowledgement, a read that is
   * expected to find few entries, `info`) run on the calling thread while the SQLite thread is
   * idle, sparing them the hop; larger ones run on the SQLite thread. 0 sends every call there.
   * Default 32.
   */
  inlineEntries?: number;
}

const FIRST_POLL_MS = 5;
const MAX_POLL_MS = 50;

/**
 * Redis Streams semantics in one SQLite file (WAL), durable and shared by every backend opened on
 * it, in this process or another. Its calls run on a worker thread per file in a process
 * (`sqlite-thread.ts`), small ones on this thread while that one is idle; entry fields are encoded
 * and decoded here. Each call is one transaction; blocking reads wake on appends made in this
 * process and poll for those made elsewhere.
 */
export class SqliteBusBackend implements BusBackend {
  readonly kind = 'sqlite' as const;
  #thread: SqliteThread;
  /** A new thread being started after the last one stopped, shared by the calls that wait for it. */
  #restarting: Promise<SqliteThread> | undefined;
  readonly #options: ThreadOptions;
  /** Identifies the file for in-process wake-ups; `:memory:` databases are private to a backend. */
  readonly #file: string;
  readonly #sleepers = new Set<() => void>();
  #closed = false;

  /** Use `createSqliteBackend`, which opens the file. */
  constructor(thread: SqliteThread, options: ThreadOptions) {
    this.#thread = thread;
    this.#options = options;
    const { path } = options;
    this.#file = path === ':memory:' ? `:memory:${Math.random()}` : resolve(path);
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
    const blobs = packBlobs(entries.map(encodeFields));
    const ids = await this.#call('append', stream, blobs, options.maxLen);
    signalAppend(this.#file, stream);
    return ids;
  }

  async createGroup(stream: string, group: string, position: GroupPosition): Promise<boolean> {
    this.#assertOpen();
    return this.#call('createGroup', stream, group, positionId(position));
  }

  async setGroupPosition(stream: string, group: string, position: GroupPosition): Promise<void> {
    this.#assertOpen();
    await this.#call('moveGroup', stream, group, positionId(position));
  }

  async readNew(
    stream: string,
    group: string,
    consumer: string,
    { count, blockMs }: ReadOptions,
  ): Promise<DeliveredEntry[]> {
    const read = async (): Promise<DeliveredEntry[]> =>
      toDelivered(await this.#call('deliverNew', stream, group, consumer, count));
    const first = await read();
    if (first.length > 0 || blockMs <= 0) return first;
    const deadline = performance.now() + blockMs;
    for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(pollMs * 2, MAX_POLL_MS)) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) return [];
      await waitForAppend(this.#file, stream, Math.min(pollMs, remaining), this.#sleepers);
      // A plain read first, so that idle polling never takes the write lock.
      if (!(await this.#call('hasNew', stream, group))) continue;
      const got = await read();
      if (got.length > 0) return got;
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
    return toDelivered(await this.#call('redeliverOwn', stream, group, consumer, after, options.count));
  }

  async claimIdle(
    stream: string,
    group: string,
    consumer: string,
    { minIdleMs, count }: ClaimOptions,
  ): Promise<DeliveredEntry[]> {
    return toDelivered(await this.#call('claimIdle', stream, group, consumer, minIdleMs, count));
  }

  async pending(
    stream: string,
    group: string,
    options: { count: number; consumer?: string },
  ): Promise<PendingSummary[]> {
    const rows = await this.#call('pending', stream, group, options.count, options.consumer);
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
    return this.#call('ack', stream, group, packIds(ids.map(toEntryId)));
  }

  async range(stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]> {
    this.#assertOpen();
    const rows = await this.#call('range', stream, boundId(start), boundId(end), count);
    return toDelivered(rows).map(({ id, fields }) => ({ id, fields }));
  }

  async delete(stream: string, ids: readonly string[]): Promise<number> {
    this.#assertOpen();
    return this.#call('delete', stream, packIds(ids.map(toEntryId)));
  }

  async info(stream: string): Promise<StreamInfo | null> {
    return this.#call('info', stream);
  }

  async state(stream: string): Promise<StreamState | null> {
    return this.#call('state', stream);
  }

  async streams(prefix = ''): Promise<string[]> {
    return this.#call('streams', prefix);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const wake of [...this.#sleepers]) wake();
    await this.#restarting?.catch(() => undefined);
    await releaseThread(this.#thread);
  }

  #call: SqliteThread['call'] = (op, ...args) => {
    this.#assertOpen();
    if (!this.#thread.ended) return this.#thread.call(op, ...args);
    // The thread stopped while this backend was open (it is closed only when its last backend
    // is): the calls that were waiting failed with `bus.storage_failed`; later ones start a new one.
    // A `:memory:` database died with its thread, so it is not reopened empty.
    if (this.#options.path === ':memory:') return this.#thread.call(op, ...args);
    this.#restarting ??= acquireThread(this.#options).then(
      (thread) => {
        this.#restarting = undefined;
        this.#thread = thread;
        return thread;
      },
      (error: unknown) => {
        this.#restarting = undefined;
        throw error;
      },
    );
    return this.#restarting.then((thread) => {
      this.#assertOpen();
      return thread.call(op, ...args);
    });
  };

  #assertOpen(): void {
    if (this.#closed) throw new EdstreamError('bus.closed', 'the bus backend is closed');
  }
}

function toDelivered(rows: PackedRows): DeliveredEntry[] {
  const blobs = unpackBlobs(rows.blobs);
  const out = new Array<DeliveredEntry>(blobs.length);
  for (let i = 0; i < blobs.length; i++) {
    out[i] = {
      id: idText({ ms: rows.ms[i]!, seq: rows.seq[i]! }),
      fields: decodeFields(blobs[i]!),
      deliveries: rows.deliveries[i]!,
    };
  }
  return out;
}

/**
 * Opens (or creates) the SQLite bus file at `path`, migrating its schema. Fails with
 * `bus.schema_too_new` for a file a newer edstream wrote, `bus.storage_failed` when it cannot be opened.
 */
export async function createSqliteBackend(options: SqliteBackendOptions): Promise<SqliteBusBackend> {
  const { path, synchronous = 'normal', busyTimeoutMs = 5_000, inlineEntries = 32 } = options;
  const settings = { path, synchronous, busyTimeoutMs, inlineEntries };
  return new SqliteBusBackend(await acquireThread(settings), settings);
}
