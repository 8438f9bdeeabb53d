import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { generateJsonSchema } from '../catalog/json-schema.js';
import { ALL_EVENTS, getEventDefinition, schemaFileName } from '../catalog/registry.js';
import { avroSchemaText } from '../codecs/avro/schema.js';
import { EdstreamError } from '../errors.js';
import { writeError, writeLine } from './io.js';

type Format = 'avro' | 'json-schema';

function parseFormat(value: string | undefined): Format {
  const format = value ?? 'avro';
  if (format !== 'avro' && format !== 'json-schema') {
    throw new EdstreamError(
      'usage.bad_option',
      `--format must be avro or json-schema, not ${JSON.stringify(format)}`,
    );
  }
  return format;
}

export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the Avro schema or JSON Schema of an event type; `schema export` writes all of them')
    .argument('<type>', 'an event type, or `export`')
    .option('--format <format>', 'avro or json-schema', 'avro')
    .option('--out <dir>', 'with `export`: the directory to write into')
    .action(async (type: string, options: { format?: string; out?: string }) => {
      const format = parseFormat(options.format);
      if (type === 'export') {
        if (!options.out) throw new EdstreamError('usage.missing_option', '`schema export` needs --out DIR');
        const written = await exportSchemas(format, options.out);
        writeError(`wrote ${written} ${format} schemas to ${options.out}`);
        return;
      }
      const definition = getEventDefinition(type);
      await writeLine(
        format === 'avro'
          ? avroSchemaText(definition)
          : JSON.stringify(generateJsonSchema(definition), null, 2),
      );
    });
}

/** Writes the schema of every event that has one, named as Open edX names them. */
export async function exportSchemas(format: Format, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  let written = 0;
  for (const definition of ALL_EVENTS) {
    if (format === 'avro') {
      if (!definition.serializable) continue;
      await writeFile(join(dir, schemaFileName(definition.eventType)), avroSchemaText(definition));
    } else {
      const text = JSON.stringify(generateJsonSchema(definition), null, 2);
      await writeFile(join(dir, `${definition.eventType}.schema.json`), `${text}\n`);
    }
    written++;
  }
  return written;
}
