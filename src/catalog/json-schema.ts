import type { EventDefinition } from './event-definition.js';
import type { DataClass, FieldType, ResolvedField } from './fields.js';

export type JsonSchema = Record<string, unknown>;

const INT64 = { type: 'integer', minimum: -(2 ** 63), maximum: 2 ** 63 - 1 };
const ISO_DATETIME_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}(:\\d{2}(:\\d{2}([.,]\\d{1,6})?)?)?(Z|[+-]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?)?)?$';

/**
 * The JSON Schema (draft 2020-12) of an event's `data`, derived from the same declaration as the
 * validator and the Avro schema. Each data class is one entry of `$defs`.
 */
export function generateJsonSchema(definition: EventDefinition): JsonSchema {
  const defs: Record<string, JsonSchema> = {};
  const root = classRef(definition.dataClass, defs);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://edstream.dev/schemas/${definition.eventType}.json`,
    title: definition.eventType,
    description: definition.description,
    type: 'object',
    properties: { [definition.dataKey]: root },
    required: [definition.dataKey],
    additionalProperties: false,
    $defs: defs,
  };
}

function classRef(dataClass: DataClass, defs: Record<string, JsonSchema>): JsonSchema {
  const name = `${dataClass.subdomain}.${dataClass.name}`;
  if (!(name in defs)) {
    defs[name] = {}; // Reserved first, so that a class reached twice is described once.
    defs[name] = {
      type: 'object',
      description: dataClass.doc,
      properties: Object.fromEntries(dataClass.fields.map((f) => [f.name, fieldSchema(f, defs)])),
      required: dataClass.fields.filter((f) => f.optionality === 'required').map((f) => f.name),
      additionalProperties: false,
    };
  }
  return { $ref: `#/$defs/${name}` };
}

function fieldSchema(field: ResolvedField, defs: Record<string, JsonSchema>): JsonSchema {
  const schema = typeSchema(field.type, defs);
  if (field.optionality === 'nullable') return { anyOf: [schema, { type: 'null' }], default: null };
  if (field.optionality === 'defaulted' && field.makeDefault)
    return { ...schema, default: field.makeDefault() };
  return schema;
}

function typeSchema(type: FieldType, defs: Record<string, JsonSchema>): JsonSchema {
  switch (type.kind) {
    case 'string':
      return { type: 'string' };
    case 'long':
      return { ...INT64 };
    case 'double':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'datetime':
      return {
        type: 'string',
        pattern: ISO_DATETIME_PATTERN,
        description: 'ISO 8601, as Python isoformat() writes it',
      };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'key':
      return {
        type: 'string',
        description: `an Open edX opaque key: ${type.keyType}`,
        'x-opaque-key': type.keyType,
      };
    case 'binary-file':
      return {
        type: 'string',
        contentEncoding: 'base64',
        description: 'BinaryIO in Python; no Avro mapping',
      };
    case 'array':
      return { type: 'array', items: typeSchema(type.element!, defs) };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(type.element!, defs) };
    case 'record':
      return classRef(type.dataClass!, defs);
  }
}
