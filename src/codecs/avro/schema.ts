import type { EventDefinition } from '../../catalog/event-definition.js';
import type { DataClass, FieldType, ResolvedField } from '../../catalog/fields.js';
import { EdstreamError } from '../../errors.js';

/** An Avro schema as JSON, keys in the order Open edX writes them. */
export type AvroSchema = string | AvroSchema[] | { [key: string]: unknown };

export const CLOUD_EVENT_DOC = 'Avro Event Format for CloudEvents created with openedx_events/schema';

/**
 * The Avro schema of an event exactly as openedx-events generates it at run time: the same JSON,
 * the same key order, records defined at first use and named afterwards (ADR-0007 rules for
 * optional fields). Throws `codec.unserializable_event` for events the library cannot serialize.
 */
export function generateAvroSchema(definition: EventDefinition): AvroSchema {
  assertSerializable(definition);
  const emitted = new Set<string>();
  return {
    name: 'CloudEvent',
    type: 'record',
    doc: CLOUD_EVENT_DOC,
    fields: [{ name: definition.dataKey, type: recordSchema(definition.dataClass, emitted) }],
    namespace: definition.eventType,
  };
}

/** The schema as text, as the library writes its `.avsc` files (`json.dumps(indent=2)`). */
export function avroSchemaText(definition: EventDefinition): string {
  return JSON.stringify(generateAvroSchema(definition), null, 2);
}

export function assertSerializable(definition: EventDefinition): void {
  const unsupported = findUnsupportedField(definition.dataClass, new Set());
  if (unsupported) {
    throw new EdstreamError(
      'codec.unserializable_event',
      `${definition.eventType} cannot be put in Avro: ${unsupported} has no Avro mapping (the Python library cannot serialize this event either)`,
      { details: { eventType: definition.eventType, field: unsupported } },
    );
  }
  if (!definition.serializable) {
    throw new EdstreamError(
      'codec.unserializable_event',
      `${definition.eventType} is one of the events openedx-events lists as not serializable (KNOWN_UNSERIALIZABLE_SIGNALS); no Open edX consumer could read it from a bus`,
      { details: { eventType: definition.eventType } },
    );
  }
}

function findUnsupportedField(dataClass: DataClass, seen: Set<DataClass>): string | undefined {
  if (seen.has(dataClass)) return undefined;
  seen.add(dataClass);
  for (const field of dataClass.fields) {
    let type: FieldType = field.type;
    while (type.element) type = type.element;
    if (type.kind === 'binary-file') return `${dataClass.name}.${field.name} (${field.type.python})`;
    if (type.dataClass) {
      const inner = findUnsupportedField(type.dataClass, seen);
      if (inner) return inner;
    }
  }
  return undefined;
}

function recordSchema(dataClass: DataClass, emitted: Set<string>): AvroSchema {
  if (emitted.has(dataClass.name)) return dataClass.name;
  emitted.add(dataClass.name);
  return {
    name: dataClass.name,
    type: 'record',
    fields: dataClass.fields.map((field) => fieldSchema(field, emitted)),
  };
}

function fieldSchema(field: ResolvedField, emitted: Set<string>): Record<string, unknown> {
  const type = typeSchema(field.type, emitted);
  if (field.optionality === 'nullable') return { name: field.name, type: ['null', type], default: null };
  return { name: field.name, type };
}

function typeSchema(type: FieldType, emitted: Set<string>): AvroSchema {
  switch (type.kind) {
    case 'string':
    case 'datetime':
    case 'uuid':
    case 'key':
      return 'string';
    case 'long':
      return 'long';
    case 'double':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'array':
      return { type: 'array', items: typeSchema(type.element!, emitted) };
    case 'map':
      return { type: 'map', values: typeSchema(type.element!, emitted) };
    case 'record':
      return recordSchema(type.dataClass!, emitted);
    case 'binary-file':
      throw new EdstreamError('codec.unserializable_event', `${type.python} has no Avro mapping`);
  }
}
