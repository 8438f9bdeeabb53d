import { describe, expect, it } from 'vitest';
import { referenceSchemaFiles } from '../../../test/reference.js';
import { getEventDefinition } from '../../catalog/registry.js';
import { checkFullCompatibility } from './compatibility.js';
import { generateAvroSchema } from './schema.js';

const stored = referenceSchemaFiles('avsc-stored');
const current = referenceSchemaFiles('avsc-current');

describe('schema compatibility', () => {
  it('finds the 6 stored reference schemas that differ from what the library generates', () => {
    const differing = [...stored].filter(
      ([file, text]) => JSON.stringify(JSON.parse(text)) !== JSON.stringify(JSON.parse(current.get(file)!)),
    );
    expect(differing.map(([file]) => file).sort()).toEqual([
      'org+openedx+content_authoring+xblock+created+v1_schema.avsc',
      'org+openedx+content_authoring+xblock+deleted+v1_schema.avsc',
      'org+openedx+content_authoring+xblock+duplicated+v1_schema.avsc',
      'org+openedx+content_authoring+xblock+published+v1_schema.avsc',
      'org+openedx+content_authoring+xblock+updated+v1_schema.avsc',
      'org+openedx+learning+discussions+configuration+changed+v1_schema.avsc',
    ]);
  });

  it('judges every stored reference schema compatible both ways with the generated one, as the library CI does', () => {
    for (const [file, text] of stored) {
      expect(checkFullCompatibility(JSON.parse(text), JSON.parse(current.get(file)!)), file).toEqual({
        ok: true,
      });
    }
  });

  it('accepts a new optional field with a null default', () => {
    const before = generateAvroSchema(
      getEventDefinition('org.openedx.learning.auth.session.login.completed.v1'),
    );
    const after = JSON.parse(JSON.stringify(before));
    after.fields[0].type.fields.push({ name: 'nickname', type: ['null', 'string'], default: null });
    expect(checkFullCompatibility(before, after)).toEqual({ ok: true });
  });

  it('rejects a field whose type changed from long to string', () => {
    const before = generateAvroSchema(
      getEventDefinition('org.openedx.learning.auth.session.login.completed.v1'),
    );
    const after = JSON.parse(JSON.stringify(before));
    after.fields[0].type.fields[0].type = 'string';
    expect(checkFullCompatibility(before, after)).toMatchObject({ ok: false });
  });

  it('rejects a new required field, which old data cannot fill', () => {
    const before = generateAvroSchema(
      getEventDefinition('org.openedx.learning.auth.session.login.completed.v1'),
    );
    const after = JSON.parse(JSON.stringify(before));
    after.fields[0].type.fields.push({ name: 'nickname', type: 'string' });
    expect(checkFullCompatibility(before, after)).toMatchObject({ ok: false, direction: 'backward' });
  });

  it('handles the hyphenated namespace of subsidy.redemption-reversed', () => {
    const schema = generateAvroSchema(
      getEventDefinition('org.openedx.enterprise.subsidy.redemption-reversed.v1'),
    );
    expect(checkFullCompatibility(schema, schema)).toEqual({ ok: true });
  });
});
