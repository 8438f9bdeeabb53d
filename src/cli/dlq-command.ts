import type { Command } from 'commander';
import { getDeadLetter, listDeadLetters, purgeDeadLetters, replayDeadLetters } from '../bus/dead-letter.js';
import { EdstreamError } from '../errors.js';
import { addBusOptions, type BusCommandOptions, streamName, withBackend } from './bus-options.js';
import { formatTable, writeLine } from './io.js';

interface DlqOptions extends BusCommandOptions {
  id?: string[];
  all?: boolean;
  count?: number;
  json?: boolean;
}

function fieldsAsJson(fields: readonly (readonly [string, string | Buffer])[]): Record<string, string> {
  return Object.fromEntries(
    fields.map(([name, value]) => [
      name,
      Buffer.isBuffer(value)
        ? name === 'event_data'
          ? value.toString('hex')
          : value.toString('utf8')
        : value,
    ]),
  );
}

function targets(options: DlqOptions): string[] | 'all' {
  if (options.all) return 'all';
  if (options.id && options.id.length > 0) return options.id;
  throw new EdstreamError('usage.missing_option', 'name the dead letters with --id ID (repeatable) or --all');
}

export function registerDlqCommand(program: Command): void {
  const dlq = program.command('dlq').description('inspect, replay and purge dead letters of a topic');
  const collect = (value: string, previous: string[] = []) => [...previous, value];

  addBusOptions(dlq.command('list').description('dead letters, oldest first'))
    .option('--count <n>', 'at most n', (v) => Number.parseInt(v, 10), 100)
    .option('--json', 'one JSON object per dead letter')
    .action(async (options: DlqOptions) => {
      await withBackend(options, async (backend) => {
        const letters = await listDeadLetters(backend, streamName(options), options.count);
        if (options.json) {
          for (const l of letters) await writeLine(JSON.stringify({ id: l.id, ...l.reason }));
          return;
        }
        await writeLine(
          formatTable(
            ['dead letter', 'original id', 'code', 'attempts', 'failed at', 'message'],
            letters.map((l) => [
              l.id,
              l.reason.originalId,
              l.reason.code,
              String(l.reason.attempts),
              l.reason.failedAt,
              l.reason.message.slice(0, 80),
            ]),
          ),
        );
      });
    });

  addBusOptions(
    dlq.command('show').description('one dead letter with its original fields').argument('<id>'),
  ).action(async (id: string, options: DlqOptions) => {
    await withBackend(options, async (backend) => {
      const letter = await getDeadLetter(backend, streamName(options), id);
      await writeLine(
        JSON.stringify(
          { id: letter.id, reason: letter.reason, fields: fieldsAsJson(letter.originalFields) },
          null,
          2,
        ),
      );
    });
  });

  addBusOptions(dlq.command('replay').description('put dead letters back on their topic as new entries'))
    .option('--id <id>', 'a dead letter id (repeatable)', collect)
    .option('--all', 'every dead letter of the topic')
    .action(async (options: DlqOptions) => {
      await withBackend(options, async (backend) => {
        const ids = await replayDeadLetters(backend, streamName(options), targets(options));
        await writeLine(`replayed ${ids.length} dead letter(s)${ids.length ? `: ${ids.join(', ')}` : ''}`);
      });
    });

  addBusOptions(dlq.command('purge').description('delete dead letters for good'))
    .option('--id <id>', 'a dead letter id (repeatable)', collect)
    .option('--all', 'every dead letter of the topic')
    .action(async (options: DlqOptions) => {
      await withBackend(options, async (backend) => {
        const removed = await purgeDeadLetters(backend, streamName(options), targets(options));
        await writeLine(`purged ${removed} dead letter(s)`);
      });
    });
}
