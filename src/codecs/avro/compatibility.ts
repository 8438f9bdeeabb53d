import avro from 'avsc';
import type { AvroSchema } from './schema.js';

export type Compatibility = { ok: true } | { ok: false; direction: 'forward' | 'backward'; reason: string };

/**
 * Whether data written with either schema can be read with the other (Avro schema resolution),
 * as the openedx-events CI checks its stored schemas.
 */
export function checkFullCompatibility(previous: AvroSchema, next: AvroSchema): Compatibility {
  const before = avro.Type.forSchema(legalNames(previous) as avro.Schema);
  const after = avro.Type.forSchema(legalNames(next) as avro.Schema);
  try {
    after.createResolver(before);
  } catch (error) {
    return {
      ok: false,
      direction: 'backward',
      reason: `the new schema cannot read old data: ${(error as Error).message}`,
    };
  }
  try {
    before.createResolver(after);
  } catch (error) {
    return {
      ok: false,
      direction: 'forward',
      reason: `old readers cannot read new data: ${(error as Error).message}`,
    };
  }
  return { ok: true };
}

// avsc enforces Avro's name grammar; one Open edX namespace has a hyphen (subsidy.redemption-reversed).
function legalNames(schema: AvroSchema): unknown {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === 'namespace' && typeof value === 'string' ? value.replace(/[^A-Za-z0-9_.]/g, '_') : value,
  );
}
