import type { Command } from 'commander';
import { deadLetterStream, isDeadLetterStream } from '../bus/topics.js';
import { addBusOptions, type BusCommandOptions, withBackend } from './bus-options.js';
import { formatTable, writeLine } from './io.js';

export function registerBusCommand(program: Command): void {
  const bus = program.command('bus').description('look at the event bus');
  addBusOptions(bus.command('stats').description('per topic and group: length, pending, lag, dead letters'), {
    topic: false,
  })
    .option('--json', 'one JSON object per stream and group')
    .action(async (options: BusCommandOptions & { json?: boolean }) => {
      await withBackend(options, async (backend) => {
        const streams = (await backend.streams(options.prefix ?? ''))
          .filter((s) => !isDeadLetterStream(s))
          .sort();
        const rows: string[][] = [];
        for (const stream of streams) {
          const info = await backend.info(stream);
          if (!info) continue;
          const dead = (await backend.info(deadLetterStream(stream)))?.length ?? 0;
          const groups = info.groups.length > 0 ? info.groups : [undefined];
          for (const group of groups) {
            const row = {
              stream,
              length: info.length,
              group: group?.name ?? null,
              pending: group?.pending ?? null,
              lag: group?.lag ?? null,
              dead_letters: dead,
              max_deleted_id: info.maxDeletedId,
            };
            if (options.json) await writeLine(JSON.stringify(row));
            else
              rows.push([
                stream,
                String(row.length),
                row.group ?? '-',
                String(row.pending ?? '-'),
                String(row.lag ?? '?'),
                String(dead),
              ]);
          }
        }
        if (!options.json)
          await writeLine(formatTable(['stream', 'length', 'group', 'pending', 'lag', 'dead letters'], rows));
      });
    });
}
