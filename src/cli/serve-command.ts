import type { Command } from 'commander';
import { loadServeConfig } from '../app/app-config.js';
import { startApp } from '../app/start-app.js';
import { EXIT_USAGE, isEdstreamError } from '../errors.js';
import { createLogger } from '../logging.js';
import { runUntilStopped } from './app-runner.js';
import { writeError, writeLine } from './io.js';

/** `edstream serve --config FILE`: the bus consumer, data stream, LRS, dashboard, metrics and health of a deployment. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run a deployment from a configuration file: stream, LRS, dashboard, /metrics and /health')
    .requiredOption('--config <file>', 'the configuration (YAML or JSON); see docs/serve.md')
    .option('--port <port>', 'override server.port')
    .option('--quiet', 'no counts lines')
    .action(async (options: { config: string; port?: string; quiet?: boolean }) => {
      let app: ReturnType<typeof loadServeConfig>;
      try {
        app = loadServeConfig(options.config);
      } catch (error) {
        if (!isEdstreamError(error) || !error.code.startsWith('config.')) throw error;
        const issues = error.issues;
        writeError(
          `edstream: ${options.config} is not a valid configuration (${issues.length || 1} problem(s)):`,
        );
        if (issues.length === 0) writeError(`  ${error.message}`);
        for (const issue of issues)
          writeError(`  ${issue.path || '(root)'}: ${issue.message} (${issue.code})`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      if (options.port !== undefined) {
        if (!/^\d+$/.test(options.port) || Number(options.port) > 65535) {
          writeError('edstream: --port must be a whole number from 0 to 65535');
          process.exitCode = EXIT_USAGE;
          return;
        }
        app = { ...app, server: { ...app.server, port: Number(options.port) } };
      }
      const running = await startApp({ ...app, logger: createLogger('serve') });
      await writeLine(`Dashboard: ${running.url}`);
      await writeLine(
        `xAPI LRS: ${running.url}xapi · metrics: ${running.url}metrics · health: ${running.url}health`,
      );
      await runUntilStopped(running, options.quiet ? { printEveryMs: 0 } : {});
    });
}
