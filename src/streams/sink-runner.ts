import { isEdstreamError } from '../errors.js';
import { createLogger, type Logger } from '../logging.js';
import type { Statement } from '../xapi/statement.js';
import { type Sink, SinkError } from './sinks/sink.js';

export interface SinkRunnerOptions {
  /** Statements per delivery (default 100). */
  batchSize?: number;
  /** The longest a statement waits for its batch to fill (default 200 ms). */
  batchMs?: number;
  /** Batches in flight at once (default 4). */
  parallel?: number;
  /** Deliveries of a batch before its statements are dead-lettered (default 15, about 4 minutes). */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Statements waiting before `submit` makes callers wait: the backpressure bound (default 10,000). */
  maxQueued?: number;
  onDeadLetter: (statements: readonly Statement[], error: SinkError, attempts: number) => void;
  logger?: Logger;
  random?: () => number;
}

export interface SinkStats {
  delivered: number;
  /** Statements in batches that failed at least once and are being retried now. */
  retrying: number;
  /** Statement deliveries retried so far: each statement counts once per retry of its batch. */
  retried: number;
  deadLettered: number;
  queued: number;
}

interface Item {
  readonly statement: Statement;
  readonly done: () => void;
}

/**
 * Feeds one sink: batches by size and time, retries with exponential backoff and jitter (honouring
 * Retry-After), halves a rejected batch to isolate the statement at fault, and dead-letters what
 * is permanently rejected or out of attempts. `submit` resolves once the statement was accepted
 * or dead-lettered — never before — and waits while the queue is full.
 */
export class SinkRunner {
  readonly sink: Sink;
  readonly stats: SinkStats = { delivered: 0, retrying: 0, retried: 0, deadLettered: 0, queued: 0 };
  readonly #o: Required<Omit<SinkRunnerOptions, 'logger'>>;
  readonly #log: Logger;
  #queue: Item[] = [];
  #inFlight = 0;
  #timer: NodeJS.Timeout | undefined;
  /** The oldest queued statement has waited `batchMs`: the next free slot sends a partial batch. */
  #due = false;
  #flushing = 0;
  #draining = false;
  #spaceWaiters: (() => void)[] = [];
  #idleWaiters: (() => void)[] = [];

  constructor(sink: Sink, options: SinkRunnerOptions) {
    this.sink = sink;
    this.#o = {
      batchSize: 100,
      batchMs: 200,
      parallel: 4,
      maxAttempts: 15,
      retryBaseMs: 500,
      retryMaxMs: 30_000,
      maxQueued: 10_000,
      random: Math.random,
      ...options,
    };
    this.#log = options.logger ?? createLogger('sink');
  }

  submit(statement: Statement): Promise<void> {
    // Not async: with room in the queue (the usual case) this is one promise per statement, not three.
    if (this.#queue.length >= this.#o.maxQueued) return this.#submitWhenRoom(statement);
    return this.#enqueue(statement);
  }

  async #submitWhenRoom(statement: Statement): Promise<void> {
    while (this.#queue.length >= this.#o.maxQueued) {
      await new Promise<void>((resolve) => this.#spaceWaiters.push(resolve));
    }
    return this.#enqueue(statement);
  }

  #enqueue(statement: Statement): Promise<void> {
    return new Promise<void>((done) => {
      this.#queue.push({ statement, done });
      this.stats.queued = this.#queue.length;
      this.#pump();
    });
  }

  /**
   * For stopping: from now on statements go at once, without waiting for a batch to fill (the
   * handlers still running must not wait `batchMs` each); resolves as `flush` does.
   */
  drain(): Promise<void> {
    this.#draining = true;
    return this.flush();
  }

  /** Delivers what is queued and waits for every batch in flight. */
  async flush(): Promise<void> {
    this.#flushing++;
    try {
      this.#pump();
      while (this.#queue.length > 0 || this.#inFlight > 0) {
        await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
      }
    } finally {
      this.#flushing--;
    }
  }

  #pump(): void {
    while (this.#inFlight < this.#o.parallel && this.#queue.length > 0) {
      const waitForMore = this.#flushing === 0 && !this.#draining && !this.#due;
      if (this.#queue.length < this.#o.batchSize && waitForMore) {
        this.#timer ??= setTimeout(() => {
          this.#timer = undefined;
          this.#due = true;
          this.#pump();
        }, this.#o.batchMs);
        return;
      }
      const batch = this.#queue.splice(0, this.#o.batchSize);
      this.stats.queued = this.#queue.length;
      if (this.#queue.length === 0) {
        this.#due = false;
        clearTimeout(this.#timer);
        this.#timer = undefined;
      }
      for (const wake of this.#spaceWaiters.splice(0)) wake();
      this.#inFlight++;
      void this.#send(batch).finally(() => {
        this.#inFlight--;
        this.#pump();
        for (const wake of this.#idleWaiters.splice(0)) wake();
      });
    }
  }

  async #send(batch: readonly Item[]): Promise<void> {
    let attempt = 0;
    let retrying = false;
    try {
      for (;;) {
        attempt++;
        try {
          await this.sink.deliver(batch.map((i) => i.statement));
          this.stats.delivered += batch.length;
          for (const item of batch) item.done();
          return;
        } catch (thrown) {
          const error = asSinkError(this.sink.name, thrown);
          if (!error.retryable) {
            // One bad statement must not sink its neighbours: halve the batch until it stands alone.
            // Halves go one after the other, so that isolating it never floods the sink. A refusal of
            // the request itself (credentials, address) would refuse every half: it is not split.
            if (batch.length > 1 && !REQUEST_LEVEL_STATUSES.has(error.status ?? 0)) {
              const half = Math.ceil(batch.length / 2);
              await this.#send(batch.slice(0, half));
              await this.#send(batch.slice(half));
              return;
            }
            await this.#deadLetter(batch, error, attempt);
            return;
          }
          if (attempt >= this.#o.maxAttempts) {
            await this.#deadLetter(batch, error, attempt);
            return;
          }
          if (!retrying) {
            retrying = true;
            this.stats.retrying += batch.length;
          }
          this.stats.retried += batch.length;
          // Retry-After is a floor; a little jitter on top keeps clients told the same time apart.
          const delay =
            error.retryAfterMs === undefined
              ? this.#backoff(attempt)
              : error.retryAfterMs + Math.round(this.#o.random() * Math.min(1000, this.#o.retryBaseMs));
          this.#log.warn(
            { sink: this.sink.name, attempt, retryInMs: delay, code: error.code },
            'delivery failed; retrying',
          );
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    } finally {
      if (retrying) this.stats.retrying -= batch.length;
    }
  }

  async #deadLetter(batch: readonly Item[], error: SinkError, attempts: number): Promise<void> {
    // Until the dead letter is stored, the statements stay unresolved: the source is not acknowledged.
    for (let tries = 1; ; tries++) {
      try {
        this.#o.onDeadLetter(
          batch.map((i) => i.statement),
          error,
          attempts,
        );
        break;
      } catch (storeError) {
        this.#log.error({ err: storeError, sink: this.sink.name }, 'cannot store dead letters; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * tries)));
      }
    }
    this.stats.deadLettered += batch.length;
    for (const item of batch) item.done();
  }

  #backoff(attempt: number): number {
    const ceiling = Math.min(this.#o.retryMaxMs, this.#o.retryBaseMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (this.#o.random() * ceiling) / 2);
  }
}

/** Statuses that refuse the request rather than a statement in it (auth, address, method). */
const REQUEST_LEVEL_STATUSES = new Set([401, 403, 404, 405, 407]);

function asSinkError(sink: string, error: unknown): SinkError {
  if (error instanceof SinkError) return error;
  return new SinkError(
    isEdstreamError(error) ? error.code : 'sink.failed',
    `${sink}: ${error instanceof Error ? error.message : String(error)}`,
    { retryable: true, cause: error },
  );
}
