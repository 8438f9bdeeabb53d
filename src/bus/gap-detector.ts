import type { BusBackend } from './backend.js';
import { compareEntryIds, idBefore } from './entry-id.js';

/** A gap: entries removed from the stream (trimmed or deleted) before this group read them. */
export interface GapReport {
  readonly stream: string;
  readonly group: string;
  /** The group's last delivered id before the gap. */
  readonly afterId: string;
  /** The largest removed id of the gap (on Redis an upper bound: just below the next entry kept). */
  readonly upToId: string;
}

/**
 * Finds entries a group lost to trimming or deletion. Two ways: after every read of new entries
 * (the read jumped over removed entries: the cursor before it is below the largest removed id,
 * which is below the first entry read), and by comparing the group's cursor with the stream's
 * largest removed id (on start, and periodically for a group whose reads return nothing). Each
 * removed range is reported once.
 */
export class GapDetector {
  readonly #backend: BusBackend;
  readonly #stream: string;
  readonly #group: string;
  #cursor = '0-0';
  #reportedUpTo = '0-0';

  constructor(backend: BusBackend, stream: string, group: string) {
    this.#backend = backend;
    this.#stream = stream;
    this.#group = group;
  }

  /** The group's last delivered id as far as this consumer knows: its own reads and the last check. */
  get cursor(): string {
    return this.#cursor;
  }

  /** Records a read of new entries up to `lastId`. */
  noteRead(lastId: string): void {
    if (compareEntryIds(lastId, this.#cursor) > 0) this.#cursor = lastId;
  }

  /** Compares the group's cursor with the largest removed id of the stream. */
  async checkGroup(): Promise<GapReport | undefined> {
    const info = await this.#backend.info(this.#stream);
    const mine = info?.groups.find((g) => g.name === this.#group);
    if (!info || !mine) return undefined;
    this.#cursor = mine.lastDeliveredId;
    return this.#report(mine.lastDeliveredId, info.maxDeletedId);
  }

  /**
   * After a read whose first new entry is `firstId`, taken while the group's cursor was `before`:
   * entries removed between the two were lost to the group.
   */
  async checkRead(before: string, firstId: string): Promise<GapReport | undefined> {
    // The cursor was moved back (a replay): nothing was jumped over.
    if (compareEntryIds(firstId, before) <= 0) return undefined;
    const state = await this.#backend.state(this.#stream);
    if (!state) return undefined;
    const removed = state.maxDeletedId;
    if (compareEntryIds(removed, before) <= 0) return undefined;
    if (compareEntryIds(removed, firstId) < 0) return this.#report(before, removed);
    // Removed up to or past what was just read: trimming took everything below it, the jumped-over
    // entries included. A deletion further ahead (the first entry kept is not beyond the read)
    // is reported once a read passes it.
    if (state.firstId === null || compareEntryIds(state.firstId, firstId) > 0) {
      return this.#report(before, idBefore(firstId));
    }
    return undefined;
  }

  #report(afterId: string, upToId: string): GapReport | undefined {
    if (compareEntryIds(upToId, afterId) <= 0) return undefined;
    if (compareEntryIds(upToId, this.#reportedUpTo) <= 0) return undefined;
    const from = compareEntryIds(afterId, this.#reportedUpTo) >= 0 ? afterId : this.#reportedUpTo;
    this.#reportedUpTo = upToId;
    return { stream: this.#stream, group: this.#group, afterId: from, upToId };
  }
}
