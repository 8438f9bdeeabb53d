import { findEventDefinition } from '../catalog/registry.js';
import { decodeAvroPayload, encodeAvroPayload } from '../codecs/avro/payload.js';
import type { OpenEdxEvent } from '../codecs/codec.js';
import { metadataToStreamFields, STREAM_METADATA_FIELDS, streamFieldsToMetadata } from '../envelope/index.js';
import { EdstreamError, formatIssues } from '../errors.js';
import type { EntryFields, StreamEntry } from './backend.js';

/** The Open edX Redis entry layout: the metadata fields in this order, then `event_data`. */
export const EVENT_ENTRY_FIELDS = [...STREAM_METADATA_FIELDS, 'event_data'] as const;

/**
 * An event as a stream entry, exactly as the Open edX Redis producer writes it: string metadata
 * fields and the schemaless Avro payload in `event_data`. Validates the data first.
 */
export function eventToEntryFields(event: OpenEdxEvent): EntryFields {
  const definition = findEventDefinition(event.metadata.event_type);
  if (!definition) {
    throw new EdstreamError(
      'catalog.unknown_event_type',
      `${JSON.stringify(event.metadata.event_type)} is not an Open edX event type`,
    );
  }
  const payload = encodeAvroPayload(definition, event.data);
  const metadata = metadataToStreamFields(event.metadata);
  const fields: [string, string | Buffer][] = STREAM_METADATA_FIELDS.map((name) => [name, metadata[name]]);
  fields.push(['event_data', payload]);
  return fields;
}

/**
 * Reads an event entry back. Unlike the Python consumer, nothing missing is regenerated: a missing
 * or malformed field is a coded error (`bus.malformed_entry`, `catalog.unknown_event_type`,
 * `codec.*`, `validation.*`), so that the consumer can dead-letter it with its reason.
 */
export function entryToEvent(entry: StreamEntry): OpenEdxEvent {
  const { strings, payload } = readStandardLayout(entry.fields) ?? readAnyLayout(entry.fields);
  if (!payload) {
    throw new EdstreamError('bus.malformed_entry', `entry ${entry.id} has no event_data field`, {
      details: [
        { code: 'validation.missing_field', path: 'event_data', message: 'the Avro payload is required' },
      ],
    });
  }
  const type = strings.type;
  const definition = type === undefined ? undefined : findEventDefinition(type);
  if (type !== undefined && !definition) {
    throw new EdstreamError(
      'catalog.unknown_event_type',
      `entry ${entry.id} has the unknown event type ${JSON.stringify(type)}`,
    );
  }
  const metadata = streamFieldsToMetadata(strings);
  if (!metadata.ok) {
    throw new EdstreamError(
      'bus.malformed_entry',
      `entry ${entry.id} has bad metadata: ${formatIssues(metadata.issues)}`,
      {
        details: metadata.issues,
      },
    );
  }
  return { metadata: metadata.metadata, data: decodeAvroPayload(definition!, payload) };
}

interface EntryParts {
  readonly strings: Record<string, string>;
  readonly payload: Buffer | undefined;
}

/**
 * The fields as every producer writes them (the Open edX order, text metadata): read by position,
 * which costs a fraction of collecting them by name. Anything else is left to `readAnyLayout`.
 */
function readStandardLayout(fields: EntryFields): EntryParts | undefined {
  if (fields.length !== EVENT_ENTRY_FIELDS.length) return undefined;
  for (let i = 0; i < EVENT_ENTRY_FIELDS.length - 1; i++) {
    const field = fields[i]!;
    if (field[0] !== EVENT_ENTRY_FIELDS[i] || typeof field[1] !== 'string') return undefined;
  }
  const last = fields[EVENT_ENTRY_FIELDS.length - 1]!;
  const payload = last[1];
  if (last[0] !== 'event_data' || !Buffer.isBuffer(payload)) return undefined;
  return {
    strings: {
      type: fields[0]![1] as string,
      id: fields[1]![1] as string,
      source: fields[2]![1] as string,
      time: fields[3]![1] as string,
      minorversion: fields[4]![1] as string,
      sourcehost: fields[5]![1] as string,
      sourcelib: fields[6]![1] as string,
    },
    payload,
  };
}

/** The fields in any order, binary text read as UTF-8; the first of a repeated name counts. */
function readAnyLayout(fields: EntryFields): EntryParts {
  const strings: Record<string, string> = {};
  let payload: Buffer | undefined;
  for (const [name, value] of fields) {
    if (name === 'event_data') payload = Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1');
    else if (!(name in strings)) strings[name] = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  }
  return { strings, payload };
}

/** A field of an entry as text (binary values read as UTF-8), or undefined. */
export function entryField(entry: StreamEntry, name: string): string | undefined {
  for (const [key, value] of entry.fields) {
    if (key === name) return Buffer.isBuffer(value) ? value.toString('utf8') : value;
  }
  return undefined;
}
