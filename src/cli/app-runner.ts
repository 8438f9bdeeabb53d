import type { RunningApp } from '../app/start-app.js';
import type { PipelineCounts } from '../server/pipeline-view.js';
import { writeError, writeLine } from './io.js';

export interface RunOptions {
  /** Stop by itself after this many seconds (the simulator stops, the pipeline catches up). */
  durationSeconds?: number;
  /** How often a counts line is printed (default 5 s; 0: never). */
  printEveryMs?: number;
}

const number = (n: number) => n.toLocaleString('en-US');

/** `produced 1,200 → consumed 1,200 → transformed 1,200 → delivered 3,590 · retried 0 · dead-lettered 10 · lag 0` */
export function formatCounts(counts: PipelineCounts & { lag: number }): string {
  return [
    `produced ${number(counts.produced)} → consumed ${number(counts.consumed)} → transformed ${number(counts.transformed)} → delivered ${number(counts.delivered)}`,
    `retried ${number(counts.retried)}`,
    `dead-lettered ${number(counts.deadLettered)}`,
    `lag ${number(counts.lag)}`,
  ].join(' · ');
}

/**
 * Prints counts while the app runs, until SIGINT/SIGTERM or the duration ends, then stops it in
 * order and prints the final counts. A second Ctrl-C exits at once.
 */
export async function runUntilStopped(
  app: RunningApp,
  { durationSeconds, printEveryMs = 5000 }: RunOptions,
): Promise<void> {
  let stop: (reason: 'signal' | 'duration') => void = () => {};
  const stopped = new Promise<'signal' | 'duration'>((resolve) => {
    stop = resolve;
  });
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals > 1) {
      writeError('edstream: stopping now, without waiting');
      process.exit(130);
    }
    writeError('edstream: stopping (Ctrl-C again to exit at once)…');
    stop('signal');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const printer =
    printEveryMs > 0
      ? setInterval(() => void writeLine(formatCounts(app.counts())), printEveryMs)
      : undefined;
  const timer =
    durationSeconds === undefined ? undefined : setTimeout(() => stop('duration'), durationSeconds * 1000);
  try {
    const reason = await stopped;
    // A timed run ends with the pipeline caught up, so that its final counts add up.
    if (reason === 'duration') await app.settle(10_000);
  } finally {
    clearInterval(printer);
    clearTimeout(timer);
    await app.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  await writeLine(`final: ${formatCounts(app.counts())}`);
}
