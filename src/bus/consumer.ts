import { EventEmitter } from 'node:events';
import type { OpenEdxEvent } from '../codecs/codec.js';
import { EdstreamError, isEdstreamError } from '../errors.js';
import { createLogger, type Logger } from '../logging.js';
import { AckBuffer } from './ack-buffer.js';
import type { BusBackend, DeliveredEntry } from './backend.js';
import { writeDeadLetter } from './dead-letter.js';
import { idBefore } from './entry-id.js';
import { GapDetector, type GapReport } from './gap-detector.js';
import { InFlightList, type InFlightSlot } from './in-flight.js';
import { KeyedLimiter } from './keyed-limiter.js';
import { resolveStartPosition, type StartPosition } from './start-position.js';
import { entryToEvent } from './stream-entry.js';

export interface DeliveryContext {
  readonly stream: string;
  readonly group: string;
  readonly entryId: string;
  /** 1 on the first delivery; counts every redelivery, across restarts. */
  readonly deliveries: number;
}

export type EventHandler = (event: OpenEdxEvent, context: DeliveryContext) => unknown;

export interface ConsumerOptions {
  backend: BusBackend;
  stream: string;
  group: string;
  consumer: string;
  handler: EventHandler;
  /** `resume` (default): where the group left off; a new group starts at the beginning. */
  from?: StartPosition;
  /** Deliveries before a failing entry goes to the dead-letter stream (default 5). */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Handlers running at once (default 1). */
  concurrency?: number;
  /** With concurrency > 1, entries with the same key are still handled one after another, in order. */
  keyOf?: (event: OpenEdxEvent) => string | undefined;
  /** Entries pending this long in any consumer (one that died) are taken over (default 60 s). */
  claimIdleMs?: number;
  /** Entries per read (XREADGROUP COUNT) and per claim (default 500). */
  batchSize?: number;
  blockMs?: number;
  /**
   * Every read of new entries checks that none was trimmed before the group read it; this check of
   * the group's cursor also covers a group whose reads return nothing (default every second).
   */
  gapCheckIntervalMs?: number;
  /** Takes at most this many entries in all (`consume --count`): none is read and then left over. */
  maxEntries?: number;
  logger?: Logger;
  random?: () => number;
}

export interface ConsumerStats {
  delivered: number;
  handled: number;
  failures: number;
  retried: number;
  deadLettered: number;
  malformed: number;
  claimed: number;
  gaps: number;
  inFlight: number;
}

export type { GapReport } from './gap-detector.js';

interface PendingRead {
  readonly before: string;
  readonly entries: Promise<DeliveredEntry[]>;
}

/** An entry read and waiting for its turn: decoded, or with the reason it could not be. */
interface Job {
  readonly entry: DeliveredEntry;
  readonly event: OpenEdxEvent | undefined;
  readonly malformed: unknown;
  readonly slot: InFlightSlot;
}

/**
 * The consumer runtime shared by every backend. An entry is acknowledged only after its handler
 * succeeded; failures are redelivered with exponential backoff and jitter, counting deliveries in
 * the backend so that the count survives restarts; after `maxAttempts` the entry moves to the
 * dead-letter stream. Malformed entries go there at once. Emits `gap`, `dead-letter` and `error`.
 */
export class StreamConsumer extends EventEmitter {
  readonly stats: ConsumerStats = {
    delivered: 0,
    handled: 0,
    failures: 0,
    retried: 0,
    deadLettered: 0,
    malformed: 0,
    claimed: 0,
    gaps: 0,
    inFlight: 0,
  };
  readonly #o: Required<Omit<ConsumerOptions, 'keyOf' | 'logger' | 'maxEntries'>> &
    Pick<ConsumerOptions, 'keyOf' | 'maxEntries'>;
  readonly #log: Logger;
  readonly #acks: AckBuffer;
  readonly #limiter: KeyedLimiter<Job>;
  readonly #gaps: GapDetector;
  readonly #inFlight = new InFlightList();
  /** Set once the group had to be recreated: from then on, new reads may repeat entries in flight. */
  #groupRecreated = false;
  readonly #timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  #stopping = false;
  #loop: Promise<void> | undefined;

  constructor(options: ConsumerOptions) {
    super();
    this.#o = {
      from: 'resume',
      maxAttempts: 5,
      retryBaseMs: 200,
      retryMaxMs: 30_000,
      concurrency: 1,
      claimIdleMs: 60_000,
      batchSize: 500,
      blockMs: 1000,
      gapCheckIntervalMs: 1000,
      random: Math.random,
      ...options,
    };
    if (this.#o.maxAttempts < 1)
      throw new EdstreamError('usage.bad_option', 'maxAttempts must be at least 1');
    this.#log = options.logger ?? createLogger('consumer');
    this.#acks = new AckBuffer(options.backend, options.stream, options.group, this.#log);
    this.#limiter = new KeyedLimiter<Job>(Math.max(1, this.#o.concurrency), {
      run: (job) => this.#process(job),
      done: (job, failed, error) => this.#settled(job, failed, error),
    });
    this.#gaps = new GapDetector(options.backend, options.stream, options.group);
  }

  get running(): boolean {
    return this.#loop !== undefined && !this.#stopping;
  }

  /** Places the group's cursor and starts reading; resolves once reading has begun. */
  async start(): Promise<void> {
    if (this.#loop) return;
    const { backend, stream, group } = this.#o;
    const position = resolveStartPosition(this.#o.from);
    const created = await backend.createGroup(stream, group, position.createAt);
    if (position.setTo !== undefined && !created)
      await backend.setGroupPosition(stream, group, position.setTo);
    this.#reportGap(await this.#gaps.checkGroup());
    this.#loop = this.#run();
  }

  /** Stops reading, lets in-flight handlers finish, acknowledges them, and resolves. */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const { timer, resolve } of this.#timers) {
      clearTimeout(timer);
      resolve();
    }
    await this.#loop;
    await this.#limiter.idle();
    await this.#acks.flushAll();
  }

  /** Entries of the stream not yet delivered to the group, or null when the backend cannot tell. */
  async lag(): Promise<number | null> {
    const info = await this.#o.backend.info(this.#o.stream);
    return info?.groups.find((g) => g.name === this.#o.group)?.lag ?? null;
  }

  /** Resolves when the loop ends (after stop, or never while running). */
  async finished(): Promise<void> {
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { backend, stream, group, consumer } = this.#o;
    let lastClaim = Date.now();
    let lastGapCheck = Date.now();
    let failures = 0;
    let recoveredOwn = false;
    let moreToClaim = false;
    let groupLost = false;
    let uncheckedRead: [before: string, firstId: string] | undefined;
    // While a backlog lasts (full batches), the next batch is read while this one is handled.
    let ahead: PendingRead | undefined;
    while (!this.#stopping) {
      try {
        if (groupLost) {
          // The group vanished (Redis lost its data, evicted the stream, or someone destroyed the
          // group): recreate it at the start of what the stream holds instead of failing forever.
          await backend.createGroup(stream, group, '0');
          groupLost = false;
          this.#groupRecreated = true;
          this.#log.warn({ stream, group }, 'the consumer group was missing; recreated it');
        }
        if (!recoveredOwn) {
          // Entries this consumer name had taken before a crash come back first.
          await this.#drainOwnPending();
          recoveredOwn = true;
        }
        await this.#limiter.whenQueueEmpty();
        if (this.#stopping) break;
        if (this.#room() <= 0) {
          await this.#sleep(this.#o.blockMs);
          continue;
        }
        const now = Date.now();
        if (moreToClaim || now - lastClaim >= this.#o.claimIdleMs / 2) {
          lastClaim = now;
          const claimed = await backend.claimIdle(stream, group, consumer, {
            minIdleMs: this.#o.claimIdleMs,
            count: this.#room(),
          });
          this.stats.claimed += claimed.length;
          // A full batch means more idle entries may be waiting (a dead consumer's whole backlog):
          // claim again on the next turn instead of one batch per claim period.
          moreToClaim = claimed.length >= this.#o.batchSize;
          this.#dispatch(claimed, true);
        }
        if (now - lastGapCheck >= this.#o.gapCheckIntervalMs) {
          lastGapCheck = now;
          this.#reportGap(await this.#gaps.checkGroup());
        }
        if (uncheckedRead) {
          // The last read's gap check failed: it must not be skipped, the cursor has moved on.
          this.#reportGap(await this.#gaps.checkRead(...uncheckedRead));
          uncheckedRead = undefined;
        }
        if (this.#room() <= 0) continue;
        const read = ahead ?? this.#readNew(this.#room(), moreToClaim ? 0 : this.#o.blockMs);
        ahead = undefined;
        const entries = await read.entries;
        const first = entries[0];
        let gapCheck: Promise<GapReport | undefined> | undefined;
        if (first) {
          // The check's round trip overlaps the handling of the batch; it ends before the next read.
          uncheckedRead = [read.before, first.id];
          gapCheck = quiet(this.#gaps.checkRead(read.before, first.id));
          this.#gaps.noteRead(entries[entries.length - 1]!.id);
          if (entries.length >= this.#o.batchSize && this.#o.maxEntries === undefined && !moreToClaim) {
            ahead = this.#readNew(this.#o.batchSize, 0);
          }
        }
        this.#dispatch(entries, this.#groupRecreated);
        if (gapCheck) {
          this.#reportGap(await gapCheck);
          uncheckedRead = undefined;
        }
        failures = 0;
      } catch (error) {
        if (this.#stopping) break;
        if (isEdstreamError(error) && error.code === 'bus.no_group') groupLost = true;
        failures++;
        const delay = this.#backoff(failures, 100, 5000);
        this.#log.warn({ err: error, stream, group, retryInMs: delay }, 'bus read failed; retrying');
        this.emit('error', error);
        await this.#sleep(delay);
      }
    }
    // Entries read ahead are this consumer's now: handle them like the rest before stopping.
    const late = ahead ? await ahead.entries.catch(() => []) : [];
    if (ahead && late[0]) {
      this.#dispatch(late, this.#groupRecreated);
      this.#reportGap(await this.#gaps.checkRead(ahead.before, late[0].id).catch(() => undefined));
    }
  }

  /** A read of new entries, with the cursor it started from (for its gap check). */
  #readNew(count: number, blockMs: number): PendingRead {
    const { backend, stream, group, consumer } = this.#o;
    const before = this.#gaps.cursor;
    return { before, entries: quiet(backend.readNew(stream, group, consumer, { count, blockMs })) };
  }

  async #drainOwnPending(): Promise<void> {
    const { backend, stream, group, consumer } = this.#o;
    let afterId: string | undefined;
    while (!this.#stopping && this.#room() > 0) {
      const entries = await backend.readPending(stream, group, consumer, {
        count: this.#room(),
        ...(afterId ? { afterId } : {}),
      });
      if (entries.length === 0) return;
      this.#dispatch(entries, true);
      afterId = entries[entries.length - 1]!.id;
      await this.#limiter.whenQueueEmpty();
    }
  }

  /**
   * Decodes and queues entries. `redelivered` entries (claimed, pending, or read again from a
   * recreated group) may still be in flight here after a long handler: those are skipped.
   */
  #dispatch(entries: readonly DeliveredEntry[], redelivered: boolean): void {
    const inFlight = redelivered && this.#inFlight.size > 0 ? this.#inFlight.ids() : undefined;
    for (const entry of entries) {
      if (inFlight?.has(entry.id)) continue;
      const slot = this.#inFlight.add(entry.id);
      this.stats.delivered++;
      let event: OpenEdxEvent | undefined;
      let malformed: unknown;
      try {
        event = entryToEvent(entry);
      } catch (error) {
        malformed = error;
      }
      const key = event && this.#o.keyOf ? this.#o.keyOf(event) : undefined;
      this.stats.inFlight++;
      this.#limiter.add(key, { entry, event, malformed, slot });
    }
  }

  /** Handles one entry; settles synchronously (no promise) when a synchronous handler succeeds. */
  #process({ entry, event, malformed }: Job): Promise<void> | undefined {
    if (!event) return this.#deadLetter(entry, malformed, entry.deliveries, true);
    if (entry.deliveries > this.#o.maxAttempts) {
      // Delivered this often without an acknowledgement and without a handler error: the handler
      // keeps killing its process (or outlives claimIdleMs). Park it instead of trying again.
      const error = new EdstreamError(
        'bus.delivery_limit',
        `entry ${entry.id} was delivered ${entry.deliveries} times without being acknowledged`,
      );
      return this.#deadLetter(entry, error, entry.deliveries, false);
    }
    return this.#attempt(entry, event);
  }

  #attempt(entry: DeliveredEntry, event: OpenEdxEvent): Promise<void> | undefined {
    const { stream, group } = this.#o;
    let result: unknown;
    try {
      result = this.#o.handler(event, { stream, group, entryId: entry.id, deliveries: entry.deliveries });
    } catch (error) {
      return this.#failed(entry, event, error);
    }
    if (!isThenable(result)) {
      this.#succeeded(entry);
      return undefined;
    }
    return Promise.resolve(result).then(
      () => this.#succeeded(entry),
      (error: unknown) => this.#failed(entry, event, error),
    );
  }

  #succeeded(entry: DeliveredEntry): void {
    this.stats.handled++;
    this.#acks.add(entry.id);
  }

  async #failed(entry: DeliveredEntry, event: OpenEdxEvent, error: unknown): Promise<void> {
    this.stats.failures++;
    if (entry.deliveries >= this.#o.maxAttempts) {
      await this.#deadLetter(entry, error, entry.deliveries, false);
      return;
    }
    // Stopping, or the backend failing, leaves the entry pending: it comes back on restart
    // (this consumer's pending first) or is claimed after the idle time, its count kept.
    await this.#sleep(this.#backoff(entry.deliveries, this.#o.retryBaseMs, this.#o.retryMaxMs));
    if (this.#stopping) return;
    const again = await this.#redeliver(entry.id);
    if (!again) return;
    this.stats.retried++;
    await this.#attempt(again, event);
  }

  #settled({ entry, slot }: Job, failed: boolean, error: unknown): void {
    this.stats.inFlight--;
    this.#inFlight.remove(slot);
    if (!failed) return;
    this.#log.error(
      { err: error, entryId: entry.id },
      'unexpected consumer failure; the entry stays pending',
    );
    this.emit('error', error);
  }

  async #redeliver(id: string): Promise<DeliveredEntry | undefined> {
    const { backend, stream, group, consumer } = this.#o;
    try {
      const [entry] = await backend.readPending(stream, group, consumer, { count: 1, afterId: idBefore(id) });
      return entry?.id === id ? entry : undefined;
    } catch (error) {
      this.#log.warn({ err: error, entryId: id }, 'could not redeliver; the entry stays pending');
      return undefined;
    }
  }

  async #deadLetter(
    entry: DeliveredEntry,
    error: unknown,
    attempts: number,
    malformed: boolean,
  ): Promise<void> {
    const { backend, stream, group, consumer } = this.#o;
    const code = isEdstreamError(error) ? error.code : 'handler.failed';
    const message = error instanceof Error ? error.message : String(error);
    await writeDeadLetter(backend, stream, entry, {
      originalId: entry.id,
      group,
      consumer,
      code,
      message,
      attempts,
    });
    if (malformed) this.stats.malformed++;
    this.stats.deadLettered++;
    this.#log.warn(
      { stream, group, entryId: entry.id, code, attempts },
      'entry moved to the dead-letter stream',
    );
    this.emit('dead-letter', { entryId: entry.id, code, message, attempts });
    this.#acks.add(entry.id);
  }

  #reportGap(gap: GapReport | undefined): void {
    if (!gap) return;
    this.stats.gaps++;
    this.#log.warn(gap, 'entries were removed from the stream before this group read them');
    this.emit('gap', gap);
  }

  /** How many entries the next read may take: a batch, or fewer when maxEntries is near. */
  #room(): number {
    const { batchSize, maxEntries } = this.#o;
    return maxEntries === undefined ? batchSize : Math.min(batchSize, maxEntries - this.stats.delivered);
  }

  #backoff(attempt: number, baseMs: number, maxMs: number): number {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    // "Equal jitter": at least half the ceiling, so retries never collapse to zero delay.
    return Math.round(ceiling / 2 + (this.#o.random() * ceiling) / 2);
  }

  #sleep(ms: number): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const handle = {
        timer: setTimeout(() => {
          this.#timers.delete(handle);
          resolve();
        }, ms),
        resolve,
      };
      this.#timers.add(handle);
    });
  }
}

/** The promise itself, marked as handled: it is awaited later, maybe after an early exit. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

export function createConsumer(options: ConsumerOptions): StreamConsumer {
  return new StreamConsumer(options);
}
