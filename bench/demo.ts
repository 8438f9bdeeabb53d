// Demo footprint benchmark: the `edstream demo` assembly in this process (simulator → SQLite bus →
// xAPI stream → built-in LRS, partner webhook and NDJSON file), first at the default load, then as
// fast as the pipeline goes. EDSTREAM_BENCH_DEMO_SECONDS (default 60) and
// EDSTREAM_BENCH_DEMO_MAX_SECONDS (default 20) set the two durations.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSetup } from '../src/app/demo-setup.js';
import { type RunningApp, startApp } from '../src/app/start-app.js';
import { BUILTIN_LRS_SINK } from '../src/app/store-sink.js';
import { silentLogger } from '../src/logging.js';
import { formatRate } from './measure.js';

const DEFAULT_SECONDS = Number(process.env.EDSTREAM_BENCH_DEMO_SECONDS ?? 60);
const MAX_SECONDS = Number(process.env.EDSTREAM_BENCH_DEMO_MAX_SECONDS ?? 20);
const DEFAULT_RATE = 50;
const TARGET_MB = 250;
/** At full speed, production pauses while the consumer is this far behind: what is measured is the pipeline. */
const MAX_LAG = 5_000;

/** MiB, as `ps` and most tools count resident memory. */
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Samples resident memory every 250 ms; `peak` is the largest seen since the last reset. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 250);
  return {
    get peak() {
      return Math.max(peak, process.memoryUsage().rss);
    },
    reset() {
      peak = process.memoryUsage().rss;
    },
    stop: () => clearInterval(timer),
  };
}

interface PhaseResult {
  seconds: number;
  produced: number;
  consumed: number;
  toLrs: number;
  deadLettered: number;
  lag: number;
}

function lrsDelivered(app: RunningApp): number {
  return app.pipeline.snapshot().sinks.find((s) => s.sink === BUILTIN_LRS_SINK)?.delivered ?? 0;
}

/** Runs one demo for `seconds`, lets it catch up (not timed), and reports its flow over the timed part. */
async function phase(dir: string, rate: number, seconds: number): Promise<PhaseResult> {
  const setup = demoSetup({
    dataDir: dir,
    rate,
    port: 0,
    logger: silentLogger,
    ...(Number.isFinite(rate) ? {} : { maxLag: MAX_LAG }),
  });
  const app = await startApp(setup.app);
  try {
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const counts = app.counts();
    const result = {
      seconds: (performance.now() - started) / 1000,
      produced: counts.produced,
      consumed: counts.consumed,
      toLrs: lrsDelivered(app),
      deadLettered: counts.deadLettered,
      lag: counts.lag,
    };
    await app.settle(30_000);
    return result;
  } finally {
    await app.stop();
  }
}

/** The footprint target holds for the default load; at full speed the peak is only reported. */
function report(label: string, r: PhaseResult, peakMb: number, { target }: { target: boolean }): void {
  console.log(`  ${label} (${r.seconds.toFixed(0)} s)`);
  console.log(
    `    produced ${formatRate(r.produced / r.seconds)}, consumed ${formatRate(r.consumed / r.seconds)}, delivered to the LRS ${formatRate(r.toLrs / r.seconds)} (statements)`,
  );
  console.log(
    `    ${r.toLrs.toLocaleString('en-US')} statements in the LRS, ${r.deadLettered} dead letters, lag at the end ${r.lag}`,
  );
  console.log(
    target
      ? `    peak RSS ${peakMb} MB (target < ${TARGET_MB} MB: ${peakMb < TARGET_MB ? 'met' : 'MISSED'})`
      : `    peak RSS ${peakMb} MB (no target at full speed)`,
  );
}

export async function runDemoBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'edstream-bench-demo-'));
  const rss = rssSampler();
  const runtime = mb(process.memoryUsage().rss);
  try {
    console.log(
      'demo: simulator → SQLite bus → brightspace xAPI → built-in LRS + partner webhook + NDJSON, in process',
    );
    console.log(
      `  runtime before the demo starts: ${runtime} MB RSS (node${process.execArgv.join(' ').includes('tsx') ? ' + tsx' : ''})`,
    );

    const atDefault = await phase(join(dir, 'default'), DEFAULT_RATE, DEFAULT_SECONDS);
    const defaultPeak = mb(rss.peak);
    report(`default load, ${DEFAULT_RATE} events/s, 200 learners, 10 courses`, atDefault, defaultPeak, {
      target: true,
    });

    rss.reset();
    const atMax = await phase(join(dir, 'max'), Number.POSITIVE_INFINITY, MAX_SECONDS);
    const maxPeak = mb(rss.peak);
    report('full speed', atMax, maxPeak, { target: false });

    const endToEnd = atMax.toLrs / atMax.seconds;
    console.log(
      `  end to end at full speed: ${formatRate(endToEnd)} statements into the LRS = ${(endToEnd / DEFAULT_RATE).toFixed(1)}× the default demo load (baseline ${DEFAULT_RATE}/s)`,
    );
    console.log(
      `  peak RSS at the default load: ${defaultPeak} MB = ${(defaultPeak / TARGET_MB).toFixed(2)}× the ${TARGET_MB} MB target`,
    );
  } finally {
    rss.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
