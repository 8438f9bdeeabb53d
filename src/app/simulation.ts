import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Logger } from '../logging.js';
import type { SignalRegistry } from '../signals/index.js';
import { createCampus } from '../sim/campus.js';

export interface SimulationOptions {
  learners?: number;
  courses?: number;
  seed?: number;
  /** Campus actions per second (about one event each); `Infinity` runs as fast as the bus takes them. */
  rate?: number;
}

export interface Simulation {
  /** Campus actions taken. */
  readonly steps: number;
  /** Actions whose events could not be sent (the bus refused them); each is logged. */
  readonly failures: number;
  /** Stops after the action in progress; resolves once it is done. */
  stop(): Promise<void>;
}

export interface SimulationContext {
  logger: Logger;
  /** While this holds, the simulation waits (a bound on how far production may run ahead). */
  holdWhile?: () => boolean;
}

/** Drives a seeded campus (`src/sim`) through the signals at a steady rate, until stopped. */
export function startSimulation(
  signals: SignalRegistry,
  { learners = 200, courses = 10, seed = 1, rate = 50 }: SimulationOptions,
  { logger, holdWhile }: SimulationContext,
): Simulation {
  const campus = createCampus(signals, { learners, courses, seed });
  let stopped = false;
  let steps = 0;
  let failures = 0;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const run = async () => {
    const paced = Number.isFinite(rate);
    let start = performance.now();
    let done = 0;
    while (!stopped) {
      if (holdWhile?.()) {
        await sleep(50);
        start = performance.now();
        done = 0;
        continue;
      }
      if (paced) {
        const elapsed = performance.now() - start;
        const due = (elapsed / 1000) * rate;
        if (done >= due) {
          await sleep(Math.min(100, Math.max(1, ((done + 1) / rate) * 1000 - elapsed)));
          continue;
        }
        // More than a second behind (a slow bus, a paused laptop): carry on from now, no burst.
        if (due - done > rate) {
          start = performance.now() - (done / rate) * 1000;
        }
      }
      try {
        await campus.step();
      } catch (error) {
        failures++;
        if (failures === 1 || failures % 100 === 0) {
          logger.warn({ err: error, failures }, 'the simulator could not send an event');
        }
        await sleep(200);
      }
      done++;
      steps++;
      // Unpaced, appends complete without a macrotask: let timers and I/O (the consumer) run.
      if (!paced && steps % 50 === 0) await yieldToLoop();
    }
  };
  const running = run();

  return {
    get steps() {
      return steps;
    },
    get failures() {
      return failures;
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
