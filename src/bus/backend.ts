/**
 * The one narrow contract every bus backend implements. It is Redis Streams' model, because that
 * is the Open edX wire: append-only streams of entries with ids `<ms>-<seq>`, consumer groups with
 * a cursor, a pending list per group with delivery counts, acknowledgement, idle claiming and
 * trimming. The memory and SQLite backends reproduce the same semantics, so the producer, the
 * consumer runtime, the dead-letter tools and the CLI work unchanged on all three.
 */

/**
 * Entry fields in insertion order. Event entries carry the Open edX layout (see `stream-entry.ts`).
 * Backends store bytes: a value may come back as a Buffer or a string (Redis returns valid UTF-8 as
 * a string, `event_data` always as a Buffer); read values with `entryField` or handle both.
 */
export type EntryFields = ReadonlyArray<readonly [name: string, value: string | Buffer]>;

export interface StreamEntry {
  /** `<milliseconds>-<sequence>`, strictly increasing within a stream. */
  readonly id: string;
  readonly fields: EntryFields;
}

/** An entry handed to a consumer, with how many times the group has delivered it (1 on first read). */
export interface DeliveredEntry extends StreamEntry {
  readonly deliveries: number;
}

export interface AppendOptions {
  /** Approximate cap on the stream length (`MAXLEN ~ n`); no trimming when absent. */
  maxLen?: number;
}

/** Where a group's cursor goes: `0` (the beginning), `$` (after the last entry) or an entry id. */
export type GroupPosition = '0' | '$' | string;

export interface ReadOptions {
  count: number;
  /** How long to wait for new entries when there are none; 0 returns at once. */
  blockMs: number;
}

export interface ClaimOptions {
  /** Only entries pending for at least this long (in any consumer of the group) are taken. */
  minIdleMs: number;
  count: number;
}

export interface PendingSummary {
  readonly id: string;
  readonly consumer: string;
  readonly idleMs: number;
  readonly deliveries: number;
}

export interface GroupInfo {
  readonly name: string;
  readonly consumers: number;
  readonly pending: number;
  /** The id of the last entry delivered to the group (`0-0` when none). */
  readonly lastDeliveredId: string;
  /** Entries not yet delivered to the group, or null when the backend cannot tell (after trimming). */
  readonly lag: number | null;
}

/** A stream's length, ends and trimming, without its groups. */
export interface StreamState {
  readonly stream: string;
  readonly length: number;
  readonly firstId: string | null;
  readonly lastId: string | null;
  /** Entries ever appended (Redis `entries-added`). */
  readonly entriesAdded: number;
  /**
   * The largest id removed by trimming or deletion (`0-0` when none). Redis records only XDEL here,
   * so the Redis backend reports an upper bound (just below the first remaining entry).
   */
  readonly maxDeletedId: string;
}

export interface StreamInfo extends StreamState {
  readonly groups: readonly GroupInfo[];
}

export type BackendKind = 'memory' | 'sqlite' | 'redis';

export interface BusBackend {
  readonly kind: BackendKind;
  /**
   * Appends entries in order and resolves with their ids once the backend holds them (on disk for
   * SQLite; in memory for Redis, durable only as far as the server's persistence settings go).
   */
  append(stream: string, entries: readonly EntryFields[], options?: AppendOptions): Promise<string[]>;
  /** Creates the group (and the stream if missing) at `position`; false if the group already exists. */
  createGroup(stream: string, group: string, position: GroupPosition): Promise<boolean>;
  /** Moves the group's cursor; the next new read returns entries after it. */
  setGroupPosition(stream: string, group: string, position: GroupPosition): Promise<void>;
  /** New entries for the group (never delivered before), now pending for `consumer`. */
  readNew(stream: string, group: string, consumer: string, options: ReadOptions): Promise<DeliveredEntry[]>;
  /** Delivers again entries pending for `consumer` (ids ascending, after `afterId`), counting a delivery each. */
  readPending(
    stream: string,
    group: string,
    consumer: string,
    options: { count: number; afterId?: string },
  ): Promise<DeliveredEntry[]>;
  /** Takes over entries idle for `minIdleMs` from any consumer of the group, counting a delivery each. */
  claimIdle(
    stream: string,
    group: string,
    consumer: string,
    options: ClaimOptions,
  ): Promise<DeliveredEntry[]>;
  /** Pending entries of the group (oldest first), for inspection. */
  pending(
    stream: string,
    group: string,
    options: { count: number; consumer?: string },
  ): Promise<PendingSummary[]>;
  /** Removes entries from the group's pending list; resolves with how many were pending. */
  ack(stream: string, group: string, ids: readonly string[]): Promise<number>;
  /** Entries with ids in [start, end] (`-` and `+` for the ends), oldest first. */
  range(stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]>;
  /** Deletes entries; resolves with how many existed. */
  delete(stream: string, ids: readonly string[]): Promise<number>;
  /** Length, ends, trimming and groups of a stream; null when it does not exist. */
  info(stream: string): Promise<StreamInfo | null>;
  /** `info` without the groups: cheap enough for a consumer to ask after every read. */
  state(stream: string): Promise<StreamState | null>;
  /** Stream names starting with `prefix`. */
  streams(prefix?: string): Promise<string[]>;
  /** Closes connections and files; pending calls fail with `bus.closed`. */
  close(): Promise<void>;
}
