import type {
  AppendOptions,
  BusBackend,
  ClaimOptions,
  DeliveredEntry,
  EntryFields,
  GroupInfo,
  GroupPosition,
  PendingSummary,
  ReadOptions,
  StreamEntry,
  StreamInfo,
  StreamState,
} from '../backend.js';
import { nextEntryId } from '../entry-id.js';
import {
  boundId,
  closedError,
  compareIds,
  copyFields,
  emptyEntryError,
  idText,
  lowerBound,
  type MemoryGroup,
  type MemoryStream,
  maxId,
  newStream,
  noGroupError,
  positionId,
  redeliver,
  sortedPending,
  toEntryId,
  trimStream,
  ZERO_ID,
} from './memory-stream.js';

export interface MemoryBackendOptions {
  /** The clock for entry ids and idle times; tests may pass a fake one. */
  now?: () => number;
}

/** Redis Streams semantics in process memory, for tests and single-process use; nothing persists. */
export class MemoryBusBackend implements BusBackend {
  readonly kind = 'memory' as const;
  readonly #streams = new Map<string, MemoryStream>();
  readonly #sleepers = new Set<() => void>();
  readonly #now: () => number;
  #closed = false;

  constructor({ now = Date.now }: MemoryBackendOptions = {}) {
    this.#now = now;
  }

  async append(
    stream: string,
    entries: readonly EntryFields[],
    options: AppendOptions = {},
  ): Promise<string[]> {
    this.#assertOpen();
    if (entries.some((fields) => fields.length === 0)) throw emptyEntryError();
    if (entries.length === 0) return [];
    const s = this.#streamOrCreate(stream);
    const ids: string[] = [];
    for (const fields of entries) {
      const id = nextEntryId(s.lastId, this.#now());
      const text = idText(id);
      s.entries.push({ id, text, fields: copyFields(fields) });
      s.lastId = id;
      s.entriesAdded++;
      ids.push(text);
    }
    if (options.maxLen !== undefined) trimStream(s, options.maxLen);
    for (const wake of [...s.waiters]) wake();
    return ids;
  }

  async createGroup(stream: string, group: string, position: GroupPosition): Promise<boolean> {
    this.#assertOpen();
    const s = this.#streamOrCreate(stream);
    const at = positionId(s, position);
    if (s.groups.has(group)) return false;
    s.groups.set(group, { name: group, lastDelivered: at, consumers: new Set(), pending: new Map() });
    return true;
  }

  async setGroupPosition(stream: string, group: string, position: GroupPosition): Promise<void> {
    this.#assertOpen();
    const { s, g } = this.#group(stream, group);
    g.lastDelivered = positionId(s, position);
  }

  async readNew(
    stream: string,
    group: string,
    consumer: string,
    { count, blockMs }: ReadOptions,
  ): Promise<DeliveredEntry[]> {
    this.#assertOpen();
    const deadline = performance.now() + blockMs;
    for (;;) {
      const { s, g } = this.#group(stream, group);
      g.consumers.add(consumer);
      const start = lowerBound(s.entries, g.lastDelivered, true);
      const taken = s.entries.slice(start, start + Math.max(0, count));
      if (taken.length > 0) {
        const now = this.#now();
        for (const entry of taken) {
          // Like XREADGROUP: an id already pending (after the cursor moved back) starts over.
          g.pending.set(entry.text, {
            id: entry.id,
            text: entry.text,
            consumer,
            deliveredAt: now,
            deliveries: 1,
          });
        }
        g.lastDelivered = taken[taken.length - 1]!.id;
        return taken.map((entry) => ({ id: entry.text, fields: copyFields(entry.fields), deliveries: 1 }));
      }
      const remaining = deadline - performance.now();
      if (blockMs <= 0 || remaining <= 0) return [];
      await this.#waitForAppend(s, remaining);
      this.#assertOpen();
    }
  }

  async readPending(
    stream: string,
    group: string,
    consumer: string,
    options: { count: number; afterId?: string },
  ): Promise<DeliveredEntry[]> {
    this.#assertOpen();
    const { s, g } = this.#group(stream, group);
    g.consumers.add(consumer);
    const after = options.afterId === undefined ? ZERO_ID : toEntryId(options.afterId);
    const candidates = sortedPending(g).filter((p) => p.consumer === consumer && compareIds(p.id, after) > 0);
    return redeliver(s, g, consumer, candidates, options.count, this.#now());
  }

  async claimIdle(
    stream: string,
    group: string,
    consumer: string,
    { minIdleMs, count }: ClaimOptions,
  ): Promise<DeliveredEntry[]> {
    this.#assertOpen();
    const { s, g } = this.#group(stream, group);
    g.consumers.add(consumer);
    const now = this.#now();
    const idle = sortedPending(g).filter((p) => now - p.deliveredAt >= minIdleMs);
    return redeliver(s, g, consumer, idle, count, now);
  }

  async pending(
    stream: string,
    group: string,
    options: { count: number; consumer?: string },
  ): Promise<PendingSummary[]> {
    this.#assertOpen();
    const { g } = this.#group(stream, group);
    const now = this.#now();
    return sortedPending(g)
      .filter((p) => options.consumer === undefined || p.consumer === options.consumer)
      .slice(0, Math.max(0, options.count))
      .map((p) => ({
        id: p.text,
        consumer: p.consumer,
        idleMs: Math.max(0, now - p.deliveredAt),
        deliveries: p.deliveries,
      }));
  }

  async ack(stream: string, group: string, ids: readonly string[]): Promise<number> {
    this.#assertOpen();
    const g = this.#streams.get(stream)?.groups.get(group);
    let acked = 0;
    for (const text of ids) {
      const id = toEntryId(text);
      if (g?.pending.delete(idText(id))) acked++;
    }
    return acked;
  }

  async range(stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]> {
    this.#assertOpen();
    const from = boundId(start);
    const to = boundId(end);
    const s = this.#streams.get(stream);
    if (!s) return [];
    const out: StreamEntry[] = [];
    for (let i = lowerBound(s.entries, from, false); i < s.entries.length; i++) {
      const entry = s.entries[i]!;
      if (compareIds(entry.id, to) > 0 || (count !== undefined && out.length >= count)) break;
      out.push({ id: entry.text, fields: copyFields(entry.fields) });
    }
    return out;
  }

  async delete(stream: string, ids: readonly string[]): Promise<number> {
    this.#assertOpen();
    const parsed = ids.map(toEntryId);
    const s = this.#streams.get(stream);
    if (!s) return 0;
    let deleted = 0;
    for (const id of parsed) {
      const index = lowerBound(s.entries, id, false);
      const entry = s.entries[index];
      if (!entry || compareIds(entry.id, id) !== 0) continue;
      s.entries.splice(index, 1);
      s.maxDeletedId = maxId(s.maxDeletedId, id);
      deleted++;
    }
    return deleted;
  }

  async state(stream: string): Promise<StreamState | null> {
    this.#assertOpen();
    const s = this.#streams.get(stream);
    return s ? stateOf(stream, s) : null;
  }

  async info(stream: string): Promise<StreamInfo | null> {
    this.#assertOpen();
    const s = this.#streams.get(stream);
    if (!s) return null;
    const groups: GroupInfo[] = [...s.groups.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((g) => ({
        name: g.name,
        consumers: g.consumers.size,
        pending: g.pending.size,
        lastDeliveredId: idText(g.lastDelivered),
        lag: s.entries.length - lowerBound(s.entries, g.lastDelivered, true),
      }));
    return { ...stateOf(stream, s), groups };
  }

  async streams(prefix = ''): Promise<string[]> {
    this.#assertOpen();
    return [...this.#streams.keys()].filter((name) => name.startsWith(prefix)).sort();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const wake of [...this.#sleepers]) wake();
  }

  #waitForAppend(s: MemoryStream, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        s.waiters.delete(wake);
        this.#sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      s.waiters.add(wake);
      this.#sleepers.add(wake);
    });
  }

  #group(stream: string, group: string): { s: MemoryStream; g: MemoryGroup } {
    const s = this.#streams.get(stream);
    const g = s?.groups.get(group);
    if (!s || !g) throw noGroupError(stream, group);
    return { s, g };
  }

  #streamOrCreate(stream: string): MemoryStream {
    let s = this.#streams.get(stream);
    if (!s) {
      s = newStream();
      this.#streams.set(stream, s);
    }
    return s;
  }

  #assertOpen(): void {
    if (this.#closed) throw closedError();
  }
}

function stateOf(stream: string, s: MemoryStream): StreamState {
  return {
    stream,
    length: s.entries.length,
    firstId: s.entries[0]?.text ?? null,
    lastId: s.entries[s.entries.length - 1]?.text ?? null,
    entriesAdded: s.entriesAdded,
    maxDeletedId: idText(s.maxDeletedId),
  };
}

/** An empty in-memory bus backend. */
export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBusBackend {
  return new MemoryBusBackend(options);
}
