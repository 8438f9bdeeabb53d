import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../xapi/statement.js';
import { statementsEquivalent } from './equivalence.js';

const base: Statement = {
  id: '0b7a0c3e-6c1d-4d8e-9f3a-2b1c0d9e8f7a',
  actor: {
    objectType: 'Group',
    name: 'pair',
    member: [{ mbox: 'mailto:a@example.com' }, { mbox: 'mailto:b@example.com' }],
  },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
  object: { objectType: 'Activity', id: 'http://example.com/q1', definition: { name: { en: 'Q1' } } },
  result: { duration: 'PT1M', score: { scaled: 0.5 } },
  context: {
    registration: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    contextActivities: { parent: [{ id: 'http://example.com/c' }] },
  },
  timestamp: '2024-01-01T00:00:00Z',
};

describe('statementsEquivalent (Data 2.3.1 statement comparison)', () => {
  it('ignores id, authority, stored, timestamp, version and attachments', () => {
    const other = {
      ...base,
      id: '1b7a0c3e-6c1d-4d8e-9f3a-2b1c0d9e8f7a',
      authority: { mbox: 'mailto:lrs@example.com' },
      stored: '2024-02-02T00:00:00Z',
      timestamp: '2030-01-01T00:00:00Z',
      version: '1.0.3',
      attachments: [],
    };
    expect(statementsEquivalent(base, other)).toBe(true);
  });

  it('ignores verb display and activity definitions', () => {
    const other = { ...base, verb: { id: base.verb.id }, object: { id: 'http://example.com/q1' } };
    expect(statementsEquivalent(base, other)).toBe(true);
  });

  it('ignores group member order, e-mail domain case, UUID case and single-object context activities', () => {
    const other = {
      ...base,
      actor: {
        objectType: 'Group',
        name: 'pair',
        member: [{ mbox: 'mailto:b@EXAMPLE.com' }, { mbox: 'mailto:a@example.com' }],
      },
      context: {
        registration: base.context!.registration!.toUpperCase(),
        contextActivities: { parent: { id: 'http://example.com/c' } },
      },
    };
    expect(statementsEquivalent(base, other)).toBe(true);
  });

  it('compares sub-statement timestamps as instants', () => {
    const sub = (timestamp: string) => ({
      ...base,
      object: {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:a@example.com' },
        verb: { id: 'http://x.example/v' },
        object: { id: 'http://x.example/o' },
        timestamp,
      },
    });
    expect(statementsEquivalent(sub('2024-01-01T02:00:00+02:00'), sub('2024-01-01T00:00:00.000Z'))).toBe(
      true,
    );
  });

  it('does not ignore a different verb, result, duration serialisation or extension', () => {
    expect(
      statementsEquivalent(base, { ...base, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } }),
    ).toBe(false);
    expect(
      statementsEquivalent(base, { ...base, result: { duration: 'PT60S', score: { scaled: 0.5 } } }),
    ).toBe(false);
    expect(
      statementsEquivalent(base, {
        ...base,
        context: { ...base.context, extensions: { 'http://x.example/e': 1 } },
      }),
    ).toBe(false);
  });

  it('does not depend on the order of object keys or of group members', () => {
    const reorder = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reorder);
      if (value && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reorder(v)]),
        );
      }
      return value;
    };
    fc.assert(
      fc.property(
        fc.shuffledSubarray(['mailto:a@x.com', 'mailto:b@x.com', 'mailto:c@x.com'], { minLength: 1 }),
        (mboxes) => {
          const group = (list: string[]) => ({
            ...base,
            actor: { objectType: 'Group' as const, member: list.map((mbox) => ({ mbox })) },
          });
          const sorted = [...mboxes].sort();
          return statementsEquivalent(group(mboxes), reorder(group(sorted)));
        },
      ),
    );
  });
});
