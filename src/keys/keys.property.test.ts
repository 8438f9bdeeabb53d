import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CcxTagSpelling,
  formatKey,
  isValidKey,
  KEY_TYPES,
  keyTypeOf,
  type OpaqueKey,
  parseKey,
  tryParseKey,
} from './index.js';

// Letters and numbers beyond ASCII, the rest of Python's `\w`.
const unicodeWordChar = fc
  .integer({ min: 0x80, max: 0x2ffff })
  .map((cp) => String.fromCodePoint(cp))
  .filter((c) => /^[\p{L}\p{N}]$/u.test(c));
const chars = (ascii: string) => fc.oneof(fc.constantFrom(...ascii), unicodeWordChar);
const text = (unit: fc.Arbitrary<string>, minLength = 1) => fc.string({ unit, minLength, maxLength: 10 });

const id = text(chars('aZ09_-~.:'));
const v2Ascii = text(fc.constantFrom(...'abXY09_-.'));
const v2Id = text(chars('aZ09_-.'));
const deprecatedPart = text(chars('aZ09_.%-'));
const deprecatedId = text(chars('aZ09_-~.:%'));
const category = text(fc.constantFrom('problem', 'h', '@', ' ', '#', '\u00e9', ':', '+')); // `[^/]+`
const guid = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 24 });
const anyCaseGuid = fc.string({
  unit: fc.constantFrom(...'0123456789abcdefABCDEF'),
  minLength: 24,
  maxLength: 24,
});
const ccxNumber = text(fc.constantFrom('0', '7', '9', '\u0667', '\u096b'));
const upperSpelling = (word: string) =>
  fc.constantFrom(word.toUpperCase(), `${word[0]?.toUpperCase()}${word.slice(1)}`);

const qualified = { branch: id, version: guid };

const ccxTags = fc.record(
  {
    branch: upperSpelling('branch'),
    version: upperSpelling('version'),
    ccx: upperSpelling('ccx'),
    type: upperSpelling('type'),
    block: upperSpelling('block'),
  },
  { requiredKeys: [] },
);

/** Keeps only the tag spellings of parts the key has, and no empty `tags`, as parseKey would. */
function withTags<K extends { branch?: string; version?: string; blockType?: string }>(
  key: K,
  tags: CcxTagSpelling,
): K {
  const kept = Object.fromEntries(
    Object.entries(tags).filter(([tag]) =>
      tag === 'ccx' ? true : tag === 'type' || tag === 'block' ? key.blockType !== undefined : tag in key,
    ),
  );
  return Object.keys(kept).length === 0 ? key : { ...key, tags: kept };
}

const ccxCourse = { org: id, course: id, run: id, branch: id, version: anyCaseGuid, ccx: ccxNumber };

const anyKey: fc.Arbitrary<OpaqueKey> = fc.oneof(
  fc.record(
    { kind: fc.constant('course-v1' as const), org: id, course: id, run: id, ...qualified },
    { requiredKeys: ['kind', 'org', 'course', 'run'] },
  ),
  fc
    .tuple(
      fc.record(
        { kind: fc.constant('ccx-v1' as const), ...ccxCourse },
        { requiredKeys: ['kind', 'org', 'course', 'run', 'ccx'] },
      ),
      ccxTags,
    )
    .map(([key, tags]) => withTags(key, tags)),
  fc.record(
    { kind: fc.constant('library-v1' as const), org: id, library: id, ...qualified },
    { requiredKeys: ['kind', 'org', 'library'] },
  ),
  fc.record({
    kind: fc.constant('course-deprecated' as const),
    org: deprecatedPart,
    course: deprecatedPart,
    run: text(chars('aZ09_.%-'), 0),
  }),
  fc.record(
    {
      kind: fc.constant('block-v1' as const),
      org: id,
      course: id,
      run: id,
      ...qualified,
      blockType: id,
      blockId: id,
    },
    { requiredKeys: ['kind', 'org', 'course', 'run', 'blockType', 'blockId'] },
  ),
  fc
    .tuple(
      fc.record(
        { kind: fc.constant('ccx-block-v1' as const), ...ccxCourse, blockType: id, blockId: id },
        { requiredKeys: ['kind', 'org', 'course', 'run', 'ccx', 'blockType', 'blockId'] },
      ),
      ccxTags,
    )
    .map(([key, tags]) => withTags(key, tags)),
  fc.record(
    {
      kind: fc.constant('lib-block-v1' as const),
      org: id,
      library: id,
      ...qualified,
      blockType: id,
      blockId: id,
    },
    { requiredKeys: ['kind', 'org', 'library', 'blockType', 'blockId'] },
  ),
  fc.record(
    {
      kind: fc.constant('i4x' as const),
      org: deprecatedPart,
      course: deprecatedPart,
      blockType: category,
      blockId: deprecatedId,
      branch: deprecatedId,
    },
    { requiredKeys: ['kind', 'org', 'course', 'blockType', 'blockId'] },
  ),
  fc.record({ kind: fc.constant('lib' as const), org: v2Ascii, slug: v2Id }),
  fc.record({
    kind: fc.constant('lb' as const),
    org: v2Ascii,
    slug: v2Id,
    blockType: v2Ascii,
    blockId: v2Id,
  }),
  fc.record({ kind: fc.constant('lib-collection' as const), org: v2Ascii, slug: v2Id, collectionId: v2Id }),
  fc.record({
    kind: fc.constant('lct' as const),
    org: v2Ascii,
    slug: v2Id,
    containerType: v2Ascii,
    containerId: v2Id,
  }),
);

// Pieces of real keys, so that arbitrary strings often come close to being valid.
const PIECES = [
  'course-v1:',
  'ccx-v1:',
  'block-v1:',
  'i4x://',
  'lib:',
  'lb:',
  'lct:',
  'lib-collection:',
  'library-v1:',
  '+',
  '@',
  '/',
  ':',
  'branch@',
  'version@',
  'type@',
  'block@',
  'ccx@',
  'CCX@',
  '65f3a1b2c3d4e5f6a7b8c9d0',
  'a',
  '\u00e9',
  'e\u0301',
  '7',
  '%',
  '~',
  '#',
  '\ud800',
];
const keyish = fc.string({ unit: fc.constantFrom(...PIECES, ' ', '\n'), maxLength: 14 });

describe('key properties', () => {
  it('round-trips any valid parts through formatKey and parseKey', () => {
    fc.assert(
      fc.property(anyKey, (key) => {
        const text = formatKey(key);
        expect(parseKey(keyTypeOf(key), text)).toEqual(key);
        expect(isValidKey(keyTypeOf(key), text)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects a valid key followed by whitespace', () => {
    fc.assert(
      fc.property(anyKey, fc.constantFrom(' ', '\n', '\t', '\r\n'), (key, space) => {
        expect(isValidKey(keyTypeOf(key), formatKey(key) + space)).toBe(false);
      }),
    );
  });

  it('rejects a space or # anywhere in a key outside an i4x category', () => {
    const notI4x = anyKey.filter((key) => key.kind !== 'i4x');
    fc.assert(
      fc.property(notI4x, fc.nat(), fc.constantFrom(' ', '#'), (key, at, bad) => {
        const text = formatKey(key);
        const i = at % (text.length + 1);
        expect(isValidKey(keyTypeOf(key), text.slice(0, i) + bad + text.slice(i))).toBe(false);
      }),
    );
  });

  it('never throws on arbitrary strings, and isValidKey agrees with tryParseKey', () => {
    const strings = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      keyish,
      anyKey.map((key) => formatKey(key)),
    );
    fc.assert(
      fc.property(strings, (value) => {
        for (const type of KEY_TYPES) {
          const valid = isValidKey(type, value);
          const result = tryParseKey(type, value);
          expect(result.ok).toBe(valid);
          if (result.ok) expect(formatKey(result.key)).toBe(value);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const type of KEY_TYPES) {
          expect(isValidKey(type, value)).toBe(typeof value === 'string' && tryParseKey(type, value).ok);
        }
      }),
    );
  });
});
