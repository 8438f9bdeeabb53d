interface Task {
  readonly key: string | undefined;
  readonly run: () => Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs tasks with at most `concurrency` at once; tasks that share a key run one after another in
 * the order they were added, while tasks with other keys (or none) overtake them.
 */
export class KeyedLimiter {
  readonly #concurrency: number;
  #active = 0;
  readonly #queue: Task[] = [];
  readonly #runningKeys = new Set<string>();
  #queueWaiters: (() => void)[] = [];
  #idleWaiters: (() => void)[] = [];

  constructor(concurrency: number) {
    this.#concurrency = concurrency;
  }

  run(key: string | undefined, run: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ key, run, resolve, reject });
      this.#pump();
    });
  }

  /** Resolves when every added task has started (for backpressure on reading). */
  whenQueueEmpty(): Promise<void> {
    if (this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#queueWaiters.push(resolve));
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.#queue.length === 0 && this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #pump(): void {
    while (this.#active < this.#concurrency) {
      const index = this.#queue.findIndex((t) => t.key === undefined || !this.#runningKeys.has(t.key));
      if (index < 0) break;
      const [task] = this.#queue.splice(index, 1);
      this.#start(task!);
    }
    if (this.#queue.length === 0) this.#notify('queue');
    if (this.#queue.length === 0 && this.#active === 0) this.#notify('idle');
  }

  #start(task: Task): void {
    this.#active++;
    if (task.key !== undefined) this.#runningKeys.add(task.key);
    task
      .run()
      .then(task.resolve, task.reject)
      .finally(() => {
        this.#active--;
        if (task.key !== undefined) this.#runningKeys.delete(task.key);
        this.#pump();
      });
  }

  #notify(which: 'queue' | 'idle'): void {
    const waiters = which === 'queue' ? this.#queueWaiters : this.#idleWaiters;
    if (waiters.length === 0) return;
    if (which === 'queue') this.#queueWaiters = [];
    else this.#idleWaiters = [];
    for (const w of waiters) w();
  }
}
