import { hostname } from 'node:os';
import type { Command } from 'commander';
import { createConsumer } from '../bus/consumer.js';
import { stringifyJsonExact } from '../codecs/json/exact-json.js';
import { toCloudEvent } from '../envelope/index.js';
import { EdstreamError } from '../errors.js';
import { addBusOptions, type BusCommandOptions, streamName, withBackend } from './bus-options.js';
import { isOutputClosed, onOutputClosed, writeError, writeLine } from './io.js';

interface ConsumeOptions extends BusCommandOptions {
  group: string;
  name?: string;
  from?: string;
  json?: boolean;
  maxAttempts?: number;
  concurrency?: number;
  count?: number;
}

const int = (v: string) => Number.parseInt(v, 10);

export function registerConsumeCommand(program: Command): void {
  addBusOptions(
    program
      .command('consume')
      .description('read a topic in a consumer group and print each event; Ctrl-C stops cleanly')
      .requiredOption('--group <group>', 'the consumer group')
      .option('--name <consumer>', 'this consumer’s name in the group (default <host>-<pid>)')
      .option('--from <position>', 'resume (default), beginning, now, an entry id or an ISO time', 'resume')
      .option('--json', 'NDJSON CloudEvents JSON, as `edstream validate` reads')
      .option('--max-attempts <n>', 'deliveries before dead-letter', int, 5)
      .option('--concurrency <n>', 'handlers at once', int, 1)
      .option('--count <n>', 'stop after n events', int),
  ).action(async (options: ConsumeOptions) => {
    const stream = streamName(options);
    await withBackend(options, async (backend) => {
      let seen = 0;
      let stopRequested: () => void = () => {};
      const stopped = new Promise<void>((resolve) => {
        stopRequested = resolve;
      });
      const consumer = createConsumer({
        backend,
        stream,
        group: options.group,
        consumer: options.name ?? `${hostname()}-${process.pid}`,
        from: options.from ?? 'resume',
        maxAttempts: options.maxAttempts ?? 5,
        concurrency: options.concurrency ?? 1,
        // Read no more than --count entries, so that none is taken from the group and left unprinted.
        ...(options.count === undefined ? {} : { maxEntries: options.count }),
        handler: async (event, context) => {
          const cloudEvent = toCloudEvent(event.metadata, event.data);
          await writeLine(
            options.json
              ? stringifyJsonExact(cloudEvent)
              : `${context.entryId}  ${event.metadata.time}  ${event.metadata.event_type}  ${event.metadata.id}`,
          );
          // The reader went away (`| head`): the event was not printed, so it stays pending.
          if (isOutputClosed()) throw new EdstreamError('output.closed', 'stdout was closed by its reader');
          countOne();
        },
      });
      // Dead letters count too: they are taken from the group like printed events.
      const countOne = () => {
        seen++;
        if (options.count !== undefined && seen >= options.count) stopRequested();
      };
      consumer.on('dead-letter', (d: { entryId: string; code: string }) => {
        writeError(`dead-lettered ${d.entryId} (${d.code})`);
        countOne();
      });
      consumer.on('gap', (g: { afterId: string; upToId: string }) =>
        writeError(
          `gap: entries after ${g.afterId} up to ${g.upToId} were trimmed before this group read them`,
        ),
      );
      const onSignal = () => stopRequested();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      // Nobody reads any more (`consume | head -1`): stop as on Ctrl-C, and exit 0.
      const unwatchOutput = onOutputClosed(onSignal);
      try {
        await consumer.start();
        await stopped;
        await consumer.stop();
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        unwatchOutput();
      }
    });
  });
}
