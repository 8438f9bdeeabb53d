import { version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { isUuid, newEventId, normalizeUuid } from './ids.js';

describe('event ids', () => {
  it('generates lowercase version 1 UUIDs', () => {
    const id = newEventId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(version(id)).toBe(1);
    expect(newEventId()).not.toBe(id);
  });

  it('accepts any version and either case in the 8-4-4-4-12 form', () => {
    expect(isUuid('2a1b3c4d-5e6f-11ef-8a9b-0242ac120002')).toBe(true);
    expect(isUuid('2A1B3C4D-5E6F-41EF-8A9B-0242AC120002')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
    expect(isUuid('2a1b3c4d-5e6f-f1ef-0a9b-0242ac120002')).toBe(true);
  });

  it('rejects other spellings and non-strings', () => {
    for (const text of [
      '2a1b3c4d5e6f11ef8a9b0242ac120002',
      '{2a1b3c4d-5e6f-11ef-8a9b-0242ac120002}',
      'urn:uuid:2a1b3c4d-5e6f-11ef-8a9b-0242ac120002',
      '2a1b3c4d-5e6f-11ef-8a9b-0242ac12000g',
      ' 2a1b3c4d-5e6f-11ef-8a9b-0242ac120002',
      42,
      null,
    ]) {
      expect(isUuid(text)).toBe(false);
    }
  });

  it('normalises to lowercase and throws invalid_uuid on anything else', () => {
    expect(normalizeUuid('C0FFEE00-1234-11EF-B000-0242AC120004')).toBe(
      'c0ffee00-1234-11ef-b000-0242ac120004',
    );
    expect(() => normalizeUuid('nope')).toThrow(expect.objectContaining({ code: 'validation.invalid_uuid' }));
  });
});
