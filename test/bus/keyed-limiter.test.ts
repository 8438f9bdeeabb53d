import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from '../../src/bus/keyed-limiter.js';
import { gate } from './helpers.js';

interface Item {
  readonly n: number;
  readonly key?: string;
  readonly wait?: Promise<void>;
  readonly fail?: boolean;
}

function recordingLimiter(concurrency: number) {
  const started: number[] = [];
  const done: { n: number; failed: boolean }[] = [];
  let running = 0;
  let maxRunning = 0;
  const limiter = new KeyedLimiter<Item>(concurrency, {
    run: (item) => {
      started.push(item.n);
      if (item.fail && !item.wait) throw new Error(`item ${item.n}`);
      if (!item.wait) return undefined;
      running++;
      maxRunning = Math.max(maxRunning, running);
      return item.wait.then(() => {
        running--;
        if (item.fail) throw new Error(`item ${item.n}`);
      });
    },
    done: (item, failed) => void done.push({ n: item.n, failed }),
  });
  return { limiter, started, done, maxRunning: () => maxRunning };
}

describe('KeyedLimiter', () => {
  it('runs items that settle synchronously in order, within the call that added them', () => {
    const { limiter, started, done } = recordingLimiter(1);
    for (let n = 0; n < 5000; n++) limiter.add(undefined, { n });
    expect(started).toHaveLength(5000);
    expect(done.map((d) => d.n)).toEqual(started);
    expect(limiter.queued).toBe(0);
  });

  it('reports a run that throws as failed and goes on with the next item', async () => {
    const { limiter, done } = recordingLimiter(1);
    limiter.add(undefined, { n: 1, fail: true });
    limiter.add(undefined, { n: 2 });
    await limiter.idle();
    expect(done).toEqual([
      { n: 1, failed: true },
      { n: 2, failed: false },
    ]);
  });

  it('keeps items of one key in order while other keys overtake them, never above the limit', async () => {
    const { limiter, started, done, maxRunning } = recordingLimiter(2);
    const first = gate();
    limiter.add('a', { n: 1, key: 'a', wait: first.promise });
    limiter.add('a', { n: 2, key: 'a', wait: Promise.resolve() });
    limiter.add('b', { n: 3, key: 'b', wait: Promise.resolve() });
    limiter.add(undefined, { n: 4, wait: Promise.resolve(), fail: true });
    expect(started).toEqual([1, 3]);
    const queueEmpty = limiter.whenQueueEmpty();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([1, 3, 4]);
    expect(limiter.queued).toBe(1);
    first.open();
    await queueEmpty;
    await limiter.idle();
    expect(started).toEqual([1, 3, 4, 2]);
    expect(done.find((d) => d.n === 4)).toEqual({ n: 4, failed: true });
    expect(done.map((d) => d.n).indexOf(1)).toBeLessThan(done.map((d) => d.n).indexOf(2));
    expect(maxRunning()).toBe(2);
  });
});
