import { describe, expect, it } from 'vitest';
import { loadAvroFixtures, referenceSchemaFiles } from '../../../test/reference.js';
import { ALL_EVENTS, getEventDefinition, schemaFileName } from '../../catalog/registry.js';
import { decodeAvroPayload, encodeAvroPayload } from './payload.js';
import { avroSchemaText } from './schema.js';

const fixtures = loadAvroFixtures();
const currentSchemas = referenceSchemaFiles('avsc-current');

describe('Avro payloads against the bytes of the Python library', () => {
  it('has the 216 reference records for 72 events', () => {
    expect(fixtures).toHaveLength(216);
    expect(new Set(fixtures.map((f) => f.event_type)).size).toBe(72);
  });

  for (const fixture of fixtures) {
    const name = `${fixture.event_type} (${fixture.case})`;
    it(`encodes ${name} to exactly the library's bytes`, () => {
      const definition = getEventDefinition(fixture.event_type);
      expect(encodeAvroPayload(definition, fixture.data_json).toString('hex')).toBe(fixture.avro_hex);
    });

    it(`decodes the library's bytes of ${name} back to the same data`, () => {
      const definition = getEventDefinition(fixture.event_type);
      const decoded = decodeAvroPayload(definition, Buffer.from(fixture.avro_hex, 'hex'));
      expect(decoded).toEqual(fixture.data_json);
    });
  }
});

describe('generated Avro schemas', () => {
  const serializable = ALL_EVENTS.filter((e) => e.serializable);

  it('covers the 72 serializable events, the same set the library generates', () => {
    expect(serializable.map((e) => schemaFileName(e.eventType)).sort()).toEqual(
      [...currentSchemas.keys()].sort(),
    );
  });

  for (const definition of serializable) {
    it(`generates the schema of ${definition.eventType} exactly as the library does today`, () => {
      expect(avroSchemaText(definition)).toBe(currentSchemas.get(schemaFileName(definition.eventType)));
    });
  }

  for (const definition of ALL_EVENTS.filter((e) => !e.serializable)) {
    it(`refuses to encode ${definition.eventType} with a coded error`, () => {
      expect(() => encodeAvroPayload(definition, {})).toThrowError(
        expect.objectContaining({ code: 'codec.unserializable_event' }),
      );
      expect(() => avroSchemaText(definition)).toThrowError(
        expect.objectContaining({ code: 'codec.unserializable_event' }),
      );
    });
  }
});
