import { describe, expect, it } from 'vitest';
import type { XapiVersion } from '../statement.js';
import { validateStatement, validateStatements } from './statement.js';

const ACTOR = { mbox: 'mailto:ann@example.com' };
const VERB = { id: 'http://adlnet.gov/expapi/verbs/completed' };
const OBJECT = { id: 'http://example.com/courses/algebra-1' };
const BASE = { actor: ACTOR, verb: VERB, object: OBJECT };

function problems(statement: unknown, version: XapiVersion = '1.0.3'): string[][] {
  return validateStatement(statement, { version }).map(({ code, path }) => [code, path]);
}

describe('statements', () => {
  it('rejects a statement that is not an object', () => {
    expect(problems('{}')).toEqual([['xapi.wrong_type', '']]);
    expect(problems(null)).toEqual([['xapi.null_not_allowed', '']]);
    expect(problems([BASE])).toEqual([['xapi.wrong_type', '']]);
  });

  it('rejects a statement without actor, verb or object', () => {
    expect(problems({})).toEqual([
      ['xapi.missing_property', 'actor'],
      ['xapi.missing_property', 'verb'],
      ['xapi.missing_property', 'object'],
    ]);
  });

  it('accepts a statement without an id, and rejects an id that is not a UUID', () => {
    expect(problems(BASE)).toEqual([]);
    expect(problems({ ...BASE, id: 'AA97B177-9383-4934-8543-0F91A7A028368' })).toEqual([
      ['xapi.invalid_uuid', 'id'],
    ]);
    expect(problems({ ...BASE, id: 12345 })).toEqual([['xapi.wrong_type', 'id']]);
  });

  it('rejects unknown properties, including names in the wrong case', () => {
    expect(problems({ ...BASE, Verb: VERB, foo: 1 })).toEqual([
      ['xapi.unknown_property', 'Verb'],
      ['xapi.unknown_property', 'foo'],
    ]);
    expect(problems({ ...BASE, objectType: 'Statement' })).toEqual([['xapi.unknown_property', 'objectType']]);
  });

  it('rejects null outside extensions, wherever it appears', () => {
    expect(problems({ ...BASE, result: null, timestamp: null, context: { registration: null } })).toEqual([
      ['xapi.null_not_allowed', 'result'],
      ['xapi.null_not_allowed', 'timestamp'],
      ['xapi.null_not_allowed', 'context.registration'],
    ]);
  });

  it('treats a property whose value is undefined as absent, as JSON would', () => {
    expect(problems({ ...BASE, result: undefined })).toEqual([]);
  });

  it('reports every problem of a statement, not just the first', () => {
    const statement = {
      id: 'x',
      actor: { name: 'Ann' },
      verb: { id: 'done' },
      object: { id: 'q' },
      version: '0.9',
    };
    expect(problems(statement)).toEqual([
      ['xapi.invalid_uuid', 'id'],
      ['xapi.invalid_ifi', 'actor'],
      ['xapi.invalid_iri', 'verb.id'],
      ['xapi.invalid_iri', 'object.id'],
      ['xapi.invalid_version', 'version'],
    ]);
  });

  it('explains what was expected in each issue', () => {
    const [issue] = validateStatement(
      { ...BASE, object: { objectType: 'activity', id: OBJECT.id } },
      {
        version: '1.0.3',
      },
    );
    expect(issue?.message).toBe(
      'expected "Activity", "Agent", "Group", "StatementRef" or "SubStatement" (case-sensitive), got "activity"',
    );
  });
});

describe('timestamps', () => {
  it('accepts ISO 8601 timestamps with a time zone in 1.0.3', () => {
    for (const timestamp of [
      '2013-05-18T05:32:34.804+00:00',
      '2015-11-18T12:17:00Z',
      '20151118T121700+0100',
    ]) {
      expect(problems({ ...BASE, timestamp, stored: timestamp }), timestamp).toEqual([]);
    }
  });

  it('rejects a 1.0.3 timestamp without a time zone', () => {
    expect(problems({ ...BASE, timestamp: '2015-11-18T12:17:00' })).toEqual([
      ['xapi.invalid_timestamp', 'timestamp'],
    ]);
  });

  it('rejects negative-zero offsets in both versions', () => {
    for (const version of ['1.0.3', '2.0.0'] as const) {
      for (const stored of [
        '2008-09-15T15:53:00.601-00',
        '2008-09-15T15:53:00.601-0000',
        '2008-09-15T15:53:00.601-00:00',
      ]) {
        expect(problems({ ...BASE, stored }, version)).toEqual([['xapi.invalid_timestamp', 'stored']]);
      }
    }
  });

  it('accepts the RFC 3339 space-separated form in 2.0 only', () => {
    const timestamp = '2008-09-15 15:53:00.601+00:00';
    expect(problems({ ...BASE, timestamp }, '2.0.0')).toEqual([]);
    expect(problems({ ...BASE, timestamp })).toEqual([['xapi.invalid_timestamp', 'timestamp']]);
  });

  it('rejects dates that do not exist', () => {
    expect(problems({ ...BASE, timestamp: '2023-02-29T00:00:00Z' })).toEqual([
      ['xapi.invalid_timestamp', 'timestamp'],
    ]);
  });
});

describe('version', () => {
  it('accepts 1.0 and 1.0.x in 1.0.3, and rejects anything else', () => {
    for (const version of ['1.0', '1.0.0', '1.0.9']) expect(problems({ ...BASE, version })).toEqual([]);
    for (const version of ['0.9.9', '1.1.0', '2.0.0', 'should fail']) {
      expect(problems({ ...BASE, version })).toEqual([['xapi.invalid_version', 'version']]);
    }
  });

  it('accepts 2.0 and 2.0.x in 2.0', () => {
    expect(problems({ ...BASE, version: '2.0.0' }, '2.0.0')).toEqual([]);
    expect(problems({ ...BASE, version: '2.1.0' }, '2.0.0')).toEqual([['xapi.invalid_version', 'version']]);
  });
});

describe('attachments', () => {
  const attachment = {
    usageType: 'http://example.com/attachment-usage/test',
    display: { 'en-US': 'A test attachment' },
    description: { 'en-US': 'A test attachment (description)' },
    contentType: 'text/plain; charset=ascii',
    length: 27,
    sha2: '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a',
    fileUrl: 'http://over.there.com/file.txt',
  };

  it('accepts a complete attachment', () => {
    expect(problems({ ...BASE, attachments: [attachment] })).toEqual([]);
  });

  it('rejects an attachment without its required properties', () => {
    expect(problems({ ...BASE, attachments: [{}] })).toEqual(
      ['usageType', 'display', 'contentType', 'length', 'sha2'].map((p) => [
        'xapi.missing_property',
        `attachments.0.${p}`,
      ]),
    );
  });

  it('rejects a usageType that is not an IRI and a fileUrl that is not an IRL', () => {
    expect(
      problems({ ...BASE, attachments: [{ ...attachment, usageType: 'signature', fileUrl: 'file.txt' }] }),
    ).toEqual([
      ['xapi.invalid_iri', 'attachments.0.usageType'],
      ['xapi.invalid_irl', 'attachments.0.fileUrl'],
    ]);
  });

  it('rejects a contentType that is not an Internet Media Type', () => {
    expect(problems({ ...BASE, attachments: [{ ...attachment, contentType: 'text' }] })).toEqual([
      ['xapi.invalid_media_type', 'attachments.0.contentType'],
    ]);
  });

  it('rejects a length that is not a non-negative integer', () => {
    expect(problems({ ...BASE, attachments: [{ ...attachment, length: 2.5 }] })).toEqual([
      ['xapi.invalid_length', 'attachments.0.length'],
    ]);
    expect(problems({ ...BASE, attachments: [{ ...attachment, length: '27' }] })).toEqual([
      ['xapi.wrong_type', 'attachments.0.length'],
    ]);
  });

  it('rejects a sha2 that is not a hex SHA-2 hash', () => {
    expect(problems({ ...BASE, attachments: [{ ...attachment, sha2: 'not-a-hash' }] })).toEqual([
      ['xapi.invalid_sha2', 'attachments.0.sha2'],
    ]);
  });

  it('rejects an attachment display that is not a language map', () => {
    expect(problems({ ...BASE, attachments: [{ ...attachment, display: 'should error' }] })).toEqual([
      ['xapi.wrong_type', 'attachments.0.display'],
    ]);
  });
});

describe('validateStatements', () => {
  it('prefixes each issue path with the index of its statement', () => {
    const batch = [BASE, { ...BASE, actor: { mbox: 'ann@example.com' } }, { ...BASE, foo: 1 }];
    expect(validateStatements(batch, { version: '1.0.3' }).map(({ code, path }) => [code, path])).toEqual([
      ['xapi.invalid_ifi', '1.actor.mbox'],
      ['xapi.unknown_property', '2.foo'],
    ]);
  });

  it('rejects a batch that is not an array', () => {
    expect(validateStatements(BASE, { version: '1.0.3' }).map((i) => i.code)).toEqual(['xapi.wrong_type']);
  });
});
