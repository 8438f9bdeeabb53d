/** What the limiter does with each item: settle synchronously (return nothing) or return a promise. */
export interface LimitedWork<T> {
  run(item: T): Promise<void> | undefined;
  /** Called once per item when its run has settled; `failed` with the error it threw or rejected with. */
  done(item: T, failed: boolean, error: unknown): void;
}

interface Queued<T> {
  readonly key: string | undefined;
  readonly item: T;
}

/**
 * Runs items with at most `concurrency` at once; items that share a key run one after another in
 * the order they were added, while items with other keys (or none) overtake them. An item whose
 * run settles synchronously costs no promise, so a batch of fast handlers runs in one turn.
 */
export class KeyedLimiter<T> {
  readonly #concurrency: number;
  readonly #work: LimitedWork<T>;
  #active = 0;
  #queue: (Queued<T> | undefined)[] = [];
  #head = 0;
  readonly #runningKeys = new Set<string>();
  #pumping = false;
  #queueWaiters: (() => void)[] = [];
  #idleWaiters: (() => void)[] = [];

  constructor(concurrency: number, work: LimitedWork<T>) {
    this.#concurrency = concurrency;
    this.#work = work;
  }

  add(key: string | undefined, item: T): void {
    this.#queue.push({ key, item });
    this.#pump();
  }

  /** Items added and not started yet. */
  get queued(): number {
    return this.#queue.length - this.#head;
  }

  /** Resolves when every added item has started (for backpressure on reading). */
  whenQueueEmpty(): Promise<void> {
    if (this.queued === 0) return Promise.resolve();
    return new Promise((resolve) => this.#queueWaiters.push(resolve));
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.queued === 0 && this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #pump(): void {
    // A run that settles synchronously finishes inside #start, which pumps again: the loop below
    // picks up the next item instead, so that a long batch never recurses.
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#active < this.#concurrency) {
        const next = this.#take();
        if (!next) break;
        this.#start(next);
      }
    } finally {
      this.#pumping = false;
    }
    if (this.queued === 0) this.#notify('queue');
    if (this.queued === 0 && this.#active === 0) this.#notify('idle');
  }

  /** The first queued item whose key is not running, removed from the queue. */
  #take(): Queued<T> | undefined {
    const queue = this.#queue;
    for (let i = this.#head; i < queue.length; i++) {
      const candidate = queue[i]!;
      if (candidate.key !== undefined && this.#runningKeys.has(candidate.key)) continue;
      if (i === this.#head) {
        queue[i] = undefined;
        this.#head++;
        if (this.#head === queue.length) {
          this.#queue = [];
          this.#head = 0;
        } else if (this.#head >= 1024 && this.#head * 2 >= queue.length) {
          this.#queue = queue.slice(this.#head);
          this.#head = 0;
        }
      } else {
        queue.splice(i, 1);
      }
      return candidate;
    }
    return undefined;
  }

  #start(queued: Queued<T>): void {
    this.#active++;
    if (queued.key !== undefined) this.#runningKeys.add(queued.key);
    let pending: Promise<void> | undefined;
    try {
      pending = this.#work.run(queued.item);
    } catch (error) {
      pending = Promise.reject(error);
    }
    if (pending === undefined) {
      this.#finish(queued, false, undefined);
      return;
    }
    pending.then(
      () => this.#finish(queued, false, undefined),
      (error: unknown) => this.#finish(queued, true, error),
    );
  }

  #finish(queued: Queued<T>, failed: boolean, error: unknown): void {
    this.#active--;
    if (queued.key !== undefined) this.#runningKeys.delete(queued.key);
    try {
      this.#work.done(queued.item, failed, error);
    } finally {
      this.#pump();
    }
  }

  #notify(which: 'queue' | 'idle'): void {
    const waiters = which === 'queue' ? this.#queueWaiters : this.#idleWaiters;
    if (waiters.length === 0) return;
    if (which === 'queue') this.#queueWaiters = [];
    else this.#idleWaiters = [];
    for (const w of waiters) w();
  }
}
