import type { Command } from 'commander';
import { parseCloudEventJson } from '../codecs/json/cloudevent-json.js';
import { EXIT_INVALID } from '../errors.js';
import { readInputLines, writeLine } from './io.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check NDJSON CloudEvents JSON events; one line per invalid event, then a summary')
    .argument('[file]', 'an NDJSON file, or - for stdin', '-')
    .option('--json', 'report invalid events and the summary as JSON lines')
    .action(async (file: string, options: { json?: boolean }) => {
      let valid = 0;
      let invalid = 0;
      for await (const { lineNumber, text } of readInputLines(file)) {
        const result = parseCloudEventJson(text);
        if (result.ok) {
          valid++;
          continue;
        }
        invalid++;
        await writeLine(
          options.json
            ? JSON.stringify({ line: lineNumber, issues: result.issues })
            : `line ${lineNumber}: ${result.issues.map((i) => `${i.path || '(root)'}: ${i.message} (${i.code})`).join('; ')}`,
        );
      }
      await writeLine(
        options.json ? JSON.stringify({ valid, invalid }) : `${valid} valid, ${invalid} invalid`,
      );
      if (invalid > 0) process.exitCode = EXIT_INVALID;
    });
}
