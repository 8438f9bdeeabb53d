import type { Command } from 'commander';
import { EdstreamError } from '../errors.js';
import { loadStreamConfig } from '../streams/config.js';
import { createStream, streamStatePath } from '../streams/pipeline.js';
import { replaySinkDeadLetters } from '../streams/replay.js';
import { StreamStateStore } from '../streams/state-store.js';
import { formatTable, writeError, writeLine } from './io.js';

interface ConfigOption {
  config: string;
}

export function registerStreamCommand(program: Command): void {
  const stream = program
    .command('stream')
    .description('data streams: Open edX events → xAPI statements → sinks');

  stream
    .command('run')
    .description('run every subscription of a configuration until Ctrl-C (or until file sources end)')
    .requiredOption('--config <file>', 'the stream configuration (JSON or YAML)')
    .action(async (options: ConfigOption) => {
      const config = loadStreamConfig(options.config);
      const running = await createStream(config);
      writeError(
        `streaming ${running.subscriptions.length} subscription(s); state in ${streamStatePath(config)}`,
      );
      let stop: () => void = () => {};
      const stopped = new Promise<void>((resolve) => {
        stop = resolve;
      });
      // The first signal stops gracefully (what is in flight is delivered); a second one kills.
      process.once('SIGINT', () => stop());
      process.once('SIGTERM', () => stop());
      const fileOnly = running.subscriptions.every((s) => s.consumer === undefined);
      try {
        await (fileOnly
          ? Promise.race([Promise.all(running.subscriptions.map((s) => s.done)), stopped])
          : stopped);
      } finally {
        await running.stop();
      }
      for (const s of running.subscriptions) {
        const { received, statements, notMapped, failed, filtered } = s.counters;
        writeError(
          `${s.config.name}: ${received} events, ${filtered} filtered out, ${statements} statements, ${notMapped} not mapped, ${failed} failed`,
        );
        for (const r of s.sinks) {
          writeError(
            `  ${r.sink.name}: ${r.stats.delivered} delivered, ${r.stats.deadLettered} dead-lettered`,
          );
        }
      }
    });

  stream
    .command('status')
    .description('per sink: delivered, retrying, dead-lettered, lag (as the running pipeline last reported)')
    .requiredOption('--config <file>', 'the stream configuration')
    .option('--json', 'one JSON object per sink')
    .action(async (options: ConfigOption & { json?: boolean }) => {
      const state = new StreamStateStore(streamStatePath(loadStreamConfig(options.config)));
      try {
        const statuses = state.statuses();
        if (options.json) {
          for (const s of statuses) await writeLine(JSON.stringify(s));
          return;
        }
        await writeLine(
          formatTable(
            ['subscription', 'sink', 'delivered', 'retrying', 'dead-lettered', 'queued', 'lag', 'updated'],
            statuses.map((s) => [
              s.subscription,
              s.sink,
              String(s.delivered),
              String(s.retrying),
              String(s.deadLettered),
              String(s.queued),
              s.lag === null ? '?' : String(s.lag),
              s.updatedAt,
            ]),
          ),
        );
      } finally {
        state.close();
      }
    });

  const dlq = stream.command('dlq').description('statements a sink rejected for good or gave up on');
  dlq
    .command('list')
    .requiredOption('--config <file>', 'the stream configuration')
    .option('--subscription <name>')
    .option('--sink <name>')
    .option('--json', 'one JSON object per dead letter, with the statement')
    .action(async (options: ConfigOption & { subscription?: string; sink?: string; json?: boolean }) => {
      const state = new StreamStateStore(streamStatePath(loadStreamConfig(options.config)));
      try {
        const letters = state.deadLetters({
          ...(options.subscription ? { subscription: options.subscription } : {}),
          ...(options.sink ? { sink: options.sink } : {}),
        });
        if (options.json) {
          for (const l of letters) await writeLine(JSON.stringify(l));
          return;
        }
        await writeLine(
          formatTable(
            ['id', 'subscription', 'sink', 'statement', 'code', 'attempts', 'message'],
            letters.map((l) => [
              String(l.id),
              l.subscription,
              l.sink,
              l.statementId,
              l.code,
              String(l.attempts),
              l.message.slice(0, 60),
            ]),
          ),
        );
      } finally {
        state.close();
      }
    });
  dlq
    .command('replay')
    .description('deliver dead letters again through their sink; those delivered leave the dead-letter list')
    .requiredOption('--config <file>', 'the stream configuration')
    .option('--id <id>', 'a dead letter id (repeatable)', (v: string, prev: number[] = []) => {
      if (!/^\d+$/.test(v))
        throw new EdstreamError(
          'usage.bad_option',
          `--id takes a dead letter id (a number), not ${JSON.stringify(v)}`,
        );
      return [...prev, Number(v)];
    })
    .option('--all', 'every dead letter')
    .action(async (options: ConfigOption & { id?: number[]; all?: boolean }) => {
      if (!options.all && !options.id?.length)
        throw new EdstreamError('usage.missing_option', 'name dead letters with --id N or --all');
      const result = await replaySinkDeadLetters(
        loadStreamConfig(options.config),
        options.all ? 'all' : options.id!,
      );
      await writeLine(`replayed ${result.delivered}, still failing ${result.failed}`);
      if (result.failed > 0) process.exitCode = 1;
    });
}
