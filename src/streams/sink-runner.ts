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
  deadLettered: number;
  queued: number;
}

interface Item {
  readonly statement: Statement;
  readonly done: () => void;
}

/**
 * Feeds one sink: batches by size and time, retries with exponential backoff and jitter (honouring
 * Retry-After), splits a rejected batch to isolate the statement at fault, and dead-letters what
 * is permanently rejected or out of attempts. `submit` resolves once the statement was accepted
 * or dead-lettered — never before — and waits while the queue is full.
 */
export class SinkRunner {
  readonly sink: Sink;
  readonly stats: SinkStats = { delivered: 0, retrying: 0, deadLettered: 0, queued: 0 };
  readonly #o: Required<Omit<SinkRunnerOptions, 'logger'>>;
  readonly #log: Logger;
  #queue: Item[] = [];
  #inFlight = 0;
  #timer: NodeJS.Timeout | undefined;
  #spaceWaiters: (() => void)[] = [];
  #idleWaiters: (() => void)[] = [];
  #closing = false;

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

  async submit(statement: Statement): Promise<void> {
    while (this.#queue.length >= this.#o.maxQueued) {
      await new Promise<void>((resolve) => this.#spaceWaiters.push(resolve));
    }
    return new Promise<void>((done) => {
      this.#queue.push({ statement, done });
      this.stats.queued = this.#queue.length;
      this.#pump();
    });
  }

  /** Delivers what is queued and waits for every batch in flight. */
  async flush(): Promise<void> {
    this.#closing = true;
    this.#pump();
    while (this.#queue.length > 0 || this.#inFlight > 0) {
      await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
      this.#pump();
    }
    this.#closing = false;
  }

  #pump(): void {
    while (this.#inFlight < this.#o.parallel && this.#queue.length > 0) {
      if (this.#queue.length < this.#o.batchSize && !this.#closing) {
        this.#timer ??= setTimeout(() => {
          this.#timer = undefined;
          this.#closing = true;
          this.#pump();
          this.#closing = false;
        }, this.#o.batchMs);
        return;
      }
      if (this.#timer) {
        clearTimeout(this.#timer);
        this.#timer = undefined;
      }
      const batch = this.#queue.splice(0, this.#o.batchSize);
      this.stats.queued = this.#queue.length;
      for (const wake of this.#spaceWaiters.splice(0)) wake();
      this.#inFlight++;
      void this.#send(batch).finally(() => {
        this.#inFlight--;
        for (const wake of this.#idleWaiters.splice(0)) wake();
        this.#pump();
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
            // One bad statement must not sink its neighbours: retry them one by one.
            if (batch.length > 1) {
              await Promise.all(batch.map((item) => this.#send([item])));
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
          const delay = error.retryAfterMs ?? this.#backoff(attempt);
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

function asSinkError(sink: string, error: unknown): SinkError {
  if (error instanceof SinkError) return error;
  return new SinkError(
    isEdstreamError(error) ? error.code : 'sink.failed',
    `${sink}: ${error instanceof Error ? error.message : String(error)}`,
    { retryable: true, cause: error },
  );
}
