import type { Command } from 'commander';
import { findEventDefinition } from '../catalog/registry.js';
import { decodeAvroPayload, encodeAvroPayload } from '../codecs/avro/payload.js';
import { parseCloudEventJson } from '../codecs/json/cloudevent-json.js';
import { parseJsonExact, stringifyJsonExact } from '../codecs/json/exact-json.js';
import { createMetadata, toCloudEvent } from '../envelope/index.js';
import { EXIT_INVALID, type Issue, isEdstreamError } from '../errors.js';
import { readInputLines, writeError, writeLine } from './io.js';

function report(lineNumber: number, issues: readonly Issue[]): void {
  writeError(
    JSON.stringify({
      line: lineNumber,
      issues: issues.map(({ code, path, message }) => ({ code, path, message })),
    }),
  );
}

function issuesOf(error: unknown): Issue[] {
  if (isEdstreamError(error)) {
    return error.issues.length > 0 ? error.issues : [{ code: error.code, path: '', message: error.message }];
  }
  return [{ code: 'codec.failed', path: '', message: String(error) }];
}

export function registerCodecCommand(program: Command): void {
  const codec = program
    .command('codec')
    .description('turn events into Avro bytes and back (bad lines go to stderr)');

  codec
    .command('encode')
    .description('CloudEvents JSON lines in; {"id","type","avro_hex"} lines out')
    .argument('[file]', 'an NDJSON file, or - for stdin', '-')
    .action(async (file: string) => {
      let bad = 0;
      for await (const { lineNumber, text } of readInputLines(file)) {
        const parsed = parseCloudEventJson(text);
        if (!parsed.ok) {
          bad++;
          report(lineNumber, parsed.issues);
          continue;
        }
        const { metadata, data } = parsed.event;
        try {
          const bytes = encodeAvroPayload(findEventDefinition(metadata.event_type)!, data);
          await writeLine(
            JSON.stringify({ id: metadata.id, type: metadata.event_type, avro_hex: bytes.toString('hex') }),
          );
        } catch (error) {
          bad++;
          report(lineNumber, issuesOf(error));
        }
      }
      if (bad > 0) process.exitCode = EXIT_INVALID;
    });

  codec
    .command('decode')
    .description('lines with "type" and "avro_hex" or "avro_base64" in; CloudEvents JSON out')
    .argument('[file]', 'an NDJSON file, or - for stdin', '-')
    .action(async (file: string) => {
      let bad = 0;
      for await (const { lineNumber, text } of readInputLines(file)) {
        try {
          const line = decodeLine(text);
          if ('issues' in line) {
            bad++;
            report(lineNumber, line.issues);
            continue;
          }
          await writeLine(stringifyJsonExact(line.event));
        } catch (error) {
          bad++;
          report(lineNumber, issuesOf(error));
        }
      }
      if (bad > 0) process.exitCode = EXIT_INVALID;
    });
}

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeLine(text: string): { event: unknown } | { issues: Issue[] } {
  let value: unknown;
  try {
    value = parseJsonExact(text);
  } catch (error) {
    return {
      issues: [{ code: 'codec.invalid_json', path: '', message: `not JSON: ${(error as Error).message}` }],
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { issues: [{ code: 'validation.wrong_type', path: '', message: 'expected a JSON object' }] };
  }
  const line = value as Record<string, unknown>;
  const definition = typeof line.type === 'string' ? findEventDefinition(line.type) : undefined;
  if (!definition) {
    return {
      issues: [
        {
          code: 'catalog.unknown_event_type',
          path: 'type',
          message: `${JSON.stringify(line.type)} is not an Open edX event type`,
        },
      ],
    };
  }
  let bytes: Buffer;
  if (typeof line.avro_hex === 'string' && HEX_RE.test(line.avro_hex))
    bytes = Buffer.from(line.avro_hex, 'hex');
  else if (typeof line.avro_base64 === 'string' && BASE64_RE.test(line.avro_base64)) {
    bytes = Buffer.from(line.avro_base64, 'base64');
  } else {
    return {
      issues: [
        {
          code: 'validation.missing_field',
          path: 'avro_hex',
          message: 'expected avro_hex (hex text) or avro_base64',
        },
      ],
    };
  }
  const data = decodeAvroPayload(definition, bytes);
  // Keep the line's own metadata where it has it (id, time, …); otherwise describe it as decoded now.
  const metadata = createMetadata(definition.eventType, {
    ...(typeof line.id === 'string' ? { id: line.id } : {}),
    ...(typeof line.time === 'string' ? { time: line.time } : {}),
    ...(typeof line.source === 'string' ? { source: line.source } : {}),
  });
  return { event: toCloudEvent(metadata, data) };
}
