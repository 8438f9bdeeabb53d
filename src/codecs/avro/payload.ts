import type avro from 'avsc';
import type { EventDefinition } from '../../catalog/event-definition.js';
import { invalidPayload, parseEventData, validateEventData } from '../../catalog/validate.js';
import { isSemanticallyValidDataClass } from '../../catalog/validate-data.js';
import { EdstreamError } from '../../errors.js';
import { avscTypesFor } from './avsc-types.js';
import { checkAvroStructure } from './structure-check.js';

/**
 * Validates `data` (`{ <data key>: payload }`) and encodes it as schemaless Avro, byte for byte as
 * openedx-events does. Throws `validation.invalid_payload` (with every issue) or
 * `codec.unserializable_event`.
 */
export function encodeAvroPayload(definition: EventDefinition, data: unknown): Buffer {
  const types = avscTypesFor(definition);
  const parsed = parseEventData(definition, data);
  if (!parsed.ok) throw invalidPayload(definition, parsed.issues);
  try {
    return writeWithScratch(types.fast, parsed.data);
  } catch {
    // The fast type takes longs as numbers only; a payload holding bigints takes the exact path.
    return writeWithScratch(types.exact, parsed.data);
  }
}

let scratch = Buffer.allocUnsafe(64 * 1024);

// avsc's toBuffer allocates a zeroed buffer per call; encoding into a reused scratch buffer and
// copying into a pooled one is markedly faster for the small payloads events are.
function writeWithScratch(type: avro.Type, value: unknown): Buffer {
  let end = type.encode(value, scratch, 0);
  while (end < 0) {
    scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, scratch.length - end));
    end = type.encode(value, scratch, 0);
  }
  const out = Buffer.allocUnsafe(end);
  scratch.copy(out, 0, 0, end);
  return out;
}

/**
 * Decodes schemaless Avro bytes of an event, then validates what they hold (keys, UUIDs,
 * datetimes). Returns exactly what is on the wire: no Python-style falsy-to-default rewriting.
 */
export function decodeAvroPayload(definition: EventDefinition, bytes: Uint8Array): Record<string, unknown> {
  const types = avscTypesFor(definition);
  checkAvroStructure(definition, bytes);
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let data: Record<string, unknown>;
  try {
    data = types.fast.fromBuffer(buffer) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof Error && error.message.includes('precision loss'))) {
      throw new EdstreamError(
        'codec.malformed_avro',
        `cannot decode ${definition.eventType}: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
    data = types.exact.fromBuffer(buffer) as Record<string, unknown>;
  }
  // avsc guarantees the shape and the primitive types; what is left are keys, UUIDs and datetimes.
  if (!isSemanticallyValidDataClass(definition.dataClass, data[definition.dataKey])) {
    throw invalidPayload(definition, validateEventData(definition, data));
  }
  return data;
}
