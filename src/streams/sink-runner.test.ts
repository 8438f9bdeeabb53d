import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logging.js';
import type { Statement } from '../xapi/statement.js';
import { SinkRunner, type SinkRunnerOptions } from './sink-runner.js';
import { httpFailure, type Sink, SinkError } from './sinks/sink.js';

const statement = (n: number): Statement =>
  ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` }) as Statement;

/** A sink that records each batch and answers with `answer` (resolve to accept, throw to fail). */
function recordingSink(
  answer: (batch: readonly Statement[], call: number) => void | Promise<void> = () => {},
) {
  const batches: string[][] = [];
  const sink: Sink = {
    name: 'test',
    kind: 'webhook',
    async deliver(batch) {
      batches.push(batch.map((s) => s.id!));
      await answer(batch, batches.length);
    },
    async close() {},
  };
  return { sink, batches };
}

function runner(sink: Sink, options: Partial<SinkRunnerOptions> = {}) {
  const deadLetters: { ids: string[]; code: string; attempts: number }[] = [];
  const r = new SinkRunner(sink, {
    logger: silentLogger,
    retryBaseMs: 1,
    retryMaxMs: 2,
    random: () => 0,
    onDeadLetter: (statements, error, attempts) =>
      deadLetters.push({ ids: statements.map((s) => s.id!), code: error.code, attempts }),
    ...options,
  });
  return { runner: r, deadLetters };
}

describe('SinkRunner', () => {
  it('resolves a submit only once its statement was delivered', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { sink } = recordingSink(() => held);
    const { runner: r } = runner(sink, { batchSize: 2 });
    let settled = false;
    const submitted = Promise.all([r.submit(statement(1)), r.submit(statement(2))]).then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    release();
    await submitted;
    expect(r.stats).toMatchObject({ delivered: 2, queued: 0 });
  });

  it('isolates a rejected statement by halving its batch and delivers the others', async () => {
    const bad = statement(6).id!;
    const { sink, batches } = recordingSink((batch) => {
      if (batch.some((s) => s.id === bad)) throw httpFailure('test', 400, 'bad statement', null);
    });
    const { runner: r, deadLetters } = runner(sink, { batchSize: 16 });
    await Promise.all(Array.from({ length: 16 }, (_, i) => r.submit(statement(i))));
    expect(deadLetters).toEqual([{ ids: [bad], code: 'sink.rejected', attempts: 1 }]);
    expect(r.stats).toMatchObject({ delivered: 15, deadLettered: 1 });
    // Statement 6 of 0‥15: each level fails one half (16, 8, 4, 2, 1) and delivers the other.
    expect(batches.map((b) => b.length)).toEqual([16, 8, 4, 4, 2, 2, 1, 1, 8]);
  });

  it('dead-letters a batch refused as a request (401) whole, without splitting it', async () => {
    const { sink, batches } = recordingSink(() => {
      throw httpFailure('test', 401, 'bad signature', null);
    });
    const { runner: r, deadLetters } = runner(sink, { batchSize: 8 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => r.submit(statement(i))));
    expect(batches).toHaveLength(1);
    expect(deadLetters.map((d) => d.ids.length)).toEqual([8]);
  });

  it('waits at least Retry-After before the next attempt', async () => {
    const times: number[] = [];
    const { sink } = recordingSink((_batch, call) => {
      times.push(performance.now());
      if (call === 1) throw httpFailure('test', 429, '', '0.3');
    });
    const { runner: r } = runner(sink, { batchSize: 1, random: () => 0.5 });
    await r.submit(statement(1));
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(300);
  });

  it('counts a retrying batch, then dead-letters it after maxAttempts', async () => {
    let retryingSeen = 0;
    const { sink, batches } = recordingSink(() => {
      throw new SinkError('sink.unavailable', 'down', { retryable: true });
    });
    const { runner: r, deadLetters } = runner(sink, { batchSize: 3, maxAttempts: 4 });
    const done = Promise.all([1, 2, 3].map((n) => r.submit(statement(n))));
    const watch = setInterval(() => {
      retryingSeen = Math.max(retryingSeen, r.stats.retrying);
    }, 0);
    await done;
    clearInterval(watch);
    expect(batches).toHaveLength(4);
    expect(deadLetters).toEqual([
      { ids: [1, 2, 3].map((n) => statement(n).id!), code: 'sink.unavailable', attempts: 4 },
    ]);
    expect(retryingSeen).toBe(3);
    expect(r.stats.retrying).toBe(0);
  });

  it('makes submit wait while maxQueued statements are queued', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { sink } = recordingSink(() => held);
    const { runner: r } = runner(sink, { batchSize: 2, parallel: 1, maxQueued: 3, batchMs: 0 });
    let accepted = 0;
    const submits = Array.from({ length: 10 }, (_, i) =>
      r.submit(statement(i)).then(() => {
        accepted++;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.stats.queued).toBe(3);
    expect(accepted).toBe(0);
    release();
    await Promise.all(submits);
    expect(r.stats.delivered).toBe(10);
  });

  it('sends a partial batch at once once draining, without waiting for batchMs', async () => {
    const { sink, batches } = recordingSink();
    const { runner: r } = runner(sink, { batchSize: 100, batchMs: 3_600_000 });
    const first = r.submit(statement(1));
    const drained = r.drain();
    await Promise.all([first, drained]);
    await r.submit(statement(2));
    expect(batches).toEqual([[statement(1).id], [statement(2).id]]);
  });
});
