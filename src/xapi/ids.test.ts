import fc from 'fast-check';
import { validate as isRfcUuid, version as uuidVersion, v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import {
  canonicalKey,
  ENTITY_UUID_NAMESPACE,
  entityUuid,
  STATEMENT_ID_NAMESPACE,
  statementId,
} from './ids.js';

// Strings built from the separator, the escape and one letter make near-collisions as likely as possible.
const part = fc.string({ unit: fc.constantFrom('|', '\\', 'a'), maxLength: 6 });
const tricky = fc.oneof(part, fc.string());
const triple = fc.tuple(tricky, tricky, tricky);

describe('statementId', () => {
  const parts = {
    sourceEventId: '0f8c2a4e-1b3d-4e5f-8a9b-0c1d2e3f4a5b',
    profile: 'brightspace',
    role: 'primary',
  };

  it('is a version-5 UUID in the edstream statement namespace', () => {
    const id = statementId(parts);
    expect(isRfcUuid(id)).toBe(true);
    expect(uuidVersion(id)).toBe(5);
    expect(id).toBe(uuidv5(`${parts.sourceEventId}|brightspace|primary`, STATEMENT_ID_NAMESPACE));
  });

  it('keeps the id it has always had for a given event, profile and role', () => {
    expect(statementId(parts)).toBe('7c74d5cf-4f30-5dac-8b5c-0760d2557986');
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(triple, ([sourceEventId, profile, role]) => {
        expect(statementId({ sourceEventId, profile, role })).toBe(
          statementId({ sourceEventId, profile, role }),
        );
      }),
    );
  });

  it('gives different ids to different (event, profile, role) triples', () => {
    fc.assert(
      fc.property(triple, triple, (a, b) => {
        const idA = statementId({ sourceEventId: a[0], profile: a[1], role: a[2] });
        const idB = statementId({ sourceEventId: b[0], profile: b[1], role: b[2] });
        expect(idA === idB).toBe(a[0] === b[0] && a[1] === b[1] && a[2] === b[2]);
      }),
      { numRuns: 5000 },
    );
  });

  it('does not collide when a separator moves between parts', () => {
    const ids = new Set([
      statementId({ sourceEventId: 'e|brightspace', profile: 'primary', role: '' }),
      statementId({ sourceEventId: 'e', profile: 'brightspace|primary', role: '' }),
      statementId({ sourceEventId: 'e', profile: 'brightspace', role: 'primary' }),
      statementId({ sourceEventId: 'e\\', profile: 'brightspace', role: 'primary' }),
      statementId({ sourceEventId: 'e\\|brightspace', profile: 'primary', role: '' }),
    ]);
    expect(ids.size).toBe(5);
  });
});

describe('entityUuid', () => {
  it('is the version-5 UUID of tenant|kind|id in the entity namespace', () => {
    const uuid = entityUuid('tenant-1', 'org_unit', 'course-v1:edX+DemoX+Demo_Course');
    expect(uuidVersion(uuid)).toBe(5);
    expect(uuid).toBe(uuidv5('tenant-1|org_unit|course-v1:edX+DemoX+Demo_Course', ENTITY_UUID_NAMESPACE));
  });

  it('gives different UUIDs to different (tenant, kind, id) triples, and equal ones to equal triples', () => {
    fc.assert(
      fc.property(triple, triple, (a, b) => {
        expect(entityUuid(...a) === entityUuid(...b)).toBe(a[0] === b[0] && a[1] === b[1] && a[2] === b[2]);
      }),
      { numRuns: 5000 },
    );
  });

  it('never shares a UUID with a statement id built from the same strings', () => {
    expect(entityUuid('a', 'b', 'c')).not.toBe(statementId({ sourceEventId: 'a', profile: 'b', role: 'c' }));
  });
});

describe('canonicalKey', () => {
  it('escapes the separator and the escape character', () => {
    expect(canonicalKey(['a|b', 'c\\d', 'e'])).toBe('a\\|b|c\\\\d|e');
  });

  it('is injective', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 4 }), fc.array(part, { maxLength: 4 }), (a, b) => {
        fc.pre(a.length === b.length);
        expect(canonicalKey(a) === canonicalKey(b)).toBe(a.every((p, i) => p === b[i]));
      }),
      { numRuns: 5000 },
    );
  });
});
