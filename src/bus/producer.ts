import type { OpenEdxEvent } from '../codecs/codec.js';
import { EdstreamError, isEdstreamError } from '../errors.js';
import type { BusBackend, EntryFields } from './backend.js';
import type { Outbox } from './outbox.js';
import { eventToEntryFields } from './stream-entry.js';

/** Where a published event went: the bus (with its entry id), or the local outbox while the bus is down. */
export type PublishReceipt =
  | { readonly stream: string; readonly entryId: string; readonly outboxed: false }
  | { readonly stream: string; readonly entryId: null; readonly outboxed: true; readonly outboxId: number };

export interface ProducerOptions {
  backend: BusBackend;
  /** `MAXLEN ~ n` on every append; Open edX uses 10,000. Undefined never trims. */
  maxLen?: number;
  /** With an outbox, events that cannot reach the bus are kept locally and sent, in order, later. */
  outbox?: Outbox;
}

/**
 * Publishes events as Open edX stream entries. Without an outbox, a bus that cannot be reached is a
 * coded error for the caller (never a silent drop). Invalid events are always rejected at once.
 */
export class EventProducer {
  readonly #backend: BusBackend;
  readonly #maxLen: number | undefined;
  readonly #outbox: Outbox | undefined;

  constructor(options: ProducerOptions) {
    this.#backend = options.backend;
    this.#maxLen = options.maxLen;
    this.#outbox = options.outbox;
    this.#outbox?.startDraining((stream, entries) => this.#append(stream, entries));
  }

  /** Resolves once the bus holds the entry (or the outbox does, with the outbox option). */
  async publish(stream: string, event: OpenEdxEvent): Promise<PublishReceipt> {
    const [receipt] = await this.publishBatch(stream, [event]);
    return receipt!;
  }

  /** Publishes several events in one round trip, in order. */
  async publishBatch(stream: string, events: readonly OpenEdxEvent[]): Promise<PublishReceipt[]> {
    const entries = events.map((event) => eventToEntryFields(event));
    return this.publishEntries(stream, entries);
  }

  /** Publishes prepared entry fields (already in the Open edX layout). */
  async publishEntries(stream: string, entries: readonly EntryFields[]): Promise<PublishReceipt[]> {
    if (entries.length === 0) return [];
    // While older events wait in the outbox, newer ones queue behind them to keep the order.
    if (this.#outbox && this.#outbox.size() > 0) return this.#toOutbox(stream, entries);
    try {
      const ids = await this.#append(stream, entries);
      return ids.map((entryId) => ({ stream, entryId, outboxed: false }));
    } catch (error) {
      if (this.#outbox) return this.#toOutbox(stream, entries);
      throw isEdstreamError(error)
        ? error
        : new EdstreamError('bus.publish_failed', `could not publish to ${stream}: ${String(error)}`, {
            cause: error,
          });
    }
  }

  async close(): Promise<void> {
    await this.#outbox?.close();
  }

  #append(stream: string, entries: readonly EntryFields[]): Promise<string[]> {
    return this.#backend.append(stream, entries, this.#maxLen === undefined ? {} : { maxLen: this.#maxLen });
  }

  #toOutbox(stream: string, entries: readonly EntryFields[]): PublishReceipt[] {
    return this.#outbox!.add(stream, entries).map((outboxId) => ({
      stream,
      entryId: null,
      outboxed: true,
      outboxId,
    }));
  }
}

export function createProducer(options: ProducerOptions): EventProducer {
  return new EventProducer(options);
}
