import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { createProducer } from '../bus/producer.js';
import type { OpenEdxEvent } from '../codecs/codec.js';
import { parseCloudEventJson } from '../codecs/json/cloudevent-json.js';
import { EXIT_INVALID } from '../errors.js';
import { addBusOptions, type BusCommandOptions, streamName, withBackend } from './bus-options.js';
import { readInputLines, writeError } from './io.js';

const BATCH = 500;

export function registerProduceCommand(program: Command): void {
  addBusOptions(
    program
      .command('produce')
      .description('publish NDJSON CloudEvents JSON events onto a topic (Open edX Redis entry layout)')
      .argument('[file]', 'an NDJSON file, or - for stdin', '-')
      .option('--max-len <n>', 'trim the stream to about n entries (MAXLEN ~ n)', (v) =>
        Number.parseInt(v, 10),
      ),
  ).action(async (file: string, options: BusCommandOptions & { maxLen?: number }) => {
    const stream = streamName(options);
    await withBackend(options, async (backend) => {
      const producer = createProducer({ backend, ...(options.maxLen ? { maxLen: options.maxLen } : {}) });
      const bar = new cliProgress.SingleBar(
        {
          format: 'produce |{bar}| {value} events  {invalid} invalid',
          stream: process.stderr,
          noTTYOutput: false,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(0, 0, { invalid: 0 });
      let published = 0;
      let invalid = 0;
      let batch: OpenEdxEvent[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await producer.publishBatch(stream, batch);
        published += batch.length;
        batch = [];
        bar.setTotal(published);
        bar.update(published, { invalid });
      };
      try {
        for await (const { lineNumber, text } of readInputLines(file)) {
          const parsed = parseCloudEventJson(text);
          if (!parsed.ok) {
            invalid++;
            writeError(JSON.stringify({ line: lineNumber, issues: parsed.issues }));
            continue;
          }
          batch.push(parsed.event);
          if (batch.length >= BATCH) await flush();
        }
        await flush();
      } finally {
        bar.stop();
        await producer.close();
      }
      writeError(`${published} published to ${stream}, ${invalid} invalid`);
      if (invalid > 0) process.exitCode = EXIT_INVALID;
    });
  });
}
