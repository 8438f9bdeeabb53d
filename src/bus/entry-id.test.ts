import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEntryId, parseEntryId } from './entry-id.js';

/** The rule as a regular expression, to check the hand-written reader against. */
const RULE = /^(\d{1,16})-(\d{1,16})$/;

describe('entry ids', () => {
  it('reads <ms>-<seq> with 1 to 16 digits each, and nothing else', () => {
    expect(parseEntryId('1764680000000-0')).toEqual({ ms: 1764680000000, seq: 0 });
    expect(parseEntryId('0-0')).toEqual({ ms: 0, seq: 0 });
    // Beyond 2^53 the value is the nearest number, as Number() reads the same digits.
    expect(parseEntryId('9999999999999999-0012')).toEqual({ ms: Number('9999999999999999'), seq: 12 });
    for (const bad of ['', '-', '1-', '-1', '1', '1--2', '1-2-3', ' 1-2', '1-2 ', '+1-2', '1.5-2', '١-٢']) {
      expect(isEntryId(bad)).toBe(false);
      expect(() => parseEntryId(bad)).toThrow(/is not a stream entry id/);
    }
    expect(isEntryId('12345678901234567-0')).toBe(false);
  });

  it('accepts exactly what the rule accepts, with the same numbers', () => {
    const digits = fc.stringMatching(/^[0-9]{0,18}$/);
    const idLike = fc.oneof(
      fc.tuple(digits, digits).map(([a, b]) => `${a}-${b}`),
      fc.string(),
      fc.tuple(digits, fc.constantFrom('-', '--', '+', ' '), digits).map(([a, s, b]) => `${a}${s}${b}`),
    );
    fc.assert(
      fc.property(idLike, (text) => {
        const match = RULE.exec(text);
        expect(isEntryId(text)).toBe(match !== null);
        if (match) expect(parseEntryId(text)).toEqual({ ms: Number(match[1]), seq: Number(match[2]) });
      }),
      { numRuns: 2_000 },
    );
  });
});
