import type { EventDefinition } from '../../catalog/event-definition.js';
import { invalidPayload, parseEventData, validateEventData } from '../../catalog/validate.js';
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
    return types.fast.toBuffer(parsed.data);
  } catch {
    // The fast type takes longs as numbers only; a payload holding bigints takes the exact path.
    return types.exact.toBuffer(parsed.data);
  }
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
  const issues = validateEventData(definition, data);
  if (issues.length > 0) throw invalidPayload(definition, issues);
  return data;
}
