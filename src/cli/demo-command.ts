import type { Command } from 'commander';
import { demoSetup } from '../app/demo-setup.js';
import { startApp } from '../app/start-app.js';
import { EdstreamError } from '../errors.js';
import { createLogger } from '../logging.js';
import { runUntilStopped } from './app-runner.js';
import { writeLine } from './io.js';
import { positiveNumber, wholeNumber } from './option-parsers.js';

interface DemoCommandOptions {
  learners: number;
  courses: number;
  rate: number;
  duration?: number;
  port: number;
  host: string;
  dataDir: string;
  profile: string;
  seed: number;
}

/** `edstream demo`: the whole pipeline on a simulated campus, with the dashboard, from nothing. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'run a simulated campus through the bus, xAPI stream and built-in LRS, with a live dashboard (Ctrl-C stops)',
    )
    .option('--learners <n>', 'simulated learners', wholeNumber('learners', { min: 1 }), 200)
    .option('--courses <n>', 'simulated courses', wholeNumber('courses', { min: 1 }), 10)
    .option('--rate <n>', 'events per second', positiveNumber('rate'), 50)
    .option(
      '--duration <seconds>',
      'stop after this long (default: until Ctrl-C)',
      positiveNumber('duration'),
    )
    .option('--port <port>', 'HTTP port; 0 picks a free one', wholeNumber('port'), 8080)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--data-dir <dir>', 'where the bus, the LRS and statements.ndjson live', './.edstream-demo')
    .option('--profile <name>', 'xAPI profile: brightspace or adl', 'brightspace')
    .option('--seed <n>', 'simulator seed (the same seed, the same campus)', wholeNumber('seed'), 1)
    .action(async (options: DemoCommandOptions) => {
      if (options.profile !== 'brightspace' && options.profile !== 'adl') {
        throw new EdstreamError('usage.bad_option', '--profile must be brightspace or adl');
      }
      if (options.port > 65535) throw new EdstreamError('usage.bad_option', '--port must be at most 65535');
      // The counts lines are the demo's output; logs only for what goes wrong, unless asked for.
      process.env.EDSTREAM_LOG_LEVEL ??= 'warn';
      const setup = demoSetup({
        dataDir: options.dataDir,
        learners: options.learners,
        courses: options.courses,
        rate: options.rate,
        seed: options.seed,
        profile: options.profile,
        host: options.host,
        port: options.port,
        logger: createLogger('demo'),
      });
      await writeLine(`Data directory: ${setup.dataDir}`);
      const app = await startApp(setup.app);
      await writeLine(`Dashboard: ${app.url}`);
      await writeLine(
        `xAPI LRS: ${app.url}xapi · metrics: ${app.url}metrics · health: ${app.url}health · statements also in ${setup.dataDir}/statements.ndjson`,
      );
      await writeLine(
        `Simulating ${options.learners} learners in ${options.courses} courses at ${options.rate} events/s (profile ${options.profile})${options.duration === undefined ? '; Ctrl-C stops' : ` for ${options.duration} s`}`,
      );
      await runUntilStopped(app, options.duration === undefined ? {} : { durationSeconds: options.duration });
    });
}
