import { describe, expect, it } from 'vitest';
import { EdstreamError } from '../errors.js';
import {
  describeKey,
  INVALID_KEY_CODES,
  isValidKey,
  KEY_TYPES,
  type KeyType,
  parseKey,
  tryParseKey,
} from './index.js';

const GUID = '65f3a1b2c3d4e5f6a7b8c9d0';
const COURSE = 'edX+DemoX+Demo_Course';

// Each entry is rejected by edx-opaque-keys 4 / ccx-keys, unless its comment says we reject on purpose.
const INVALID: Readonly<Record<KeyType, readonly string[]>> = {
  CourseKey: [
    '',
    'course-v1:',
    'course-v1:edX+DemoX',
    `course-v1:${COURSE}+extra`,
    'course-v1:edX+Demo X+run',
    'course-v1:edX+Demo#X+run',
    'course-v1:edX+Demo/X+run',
    'course-v1:edX+DemoX+run%20',
    `course-v1:${COURSE}+version@65f3a1b2c3`,
    `course-v1:${COURSE}+version@${GUID.toUpperCase()}`,
    `course-v1:${COURSE}+version@${GUID.slice(1)}z`,
    `course-v1:${COURSE}+Branch@b`,
    `course-v1:${COURSE}+version@${GUID}+branch@b`,
    `Course-v1:${COURSE}`,
    `COURSE-V1:${COURSE}`,
    `course-v2:${COURSE}`,
    `course-v1:${COURSE}\n`,
    ` course-v1:${COURSE}`,
    `course-v1:${COURSE}+`,
    'course-v1:e\u0301dX+DemoX+run',
    // Python parses these but rewrites them, so they cannot round-trip: rejected on purpose.
    `course-v1:${COURSE}+type@problem+block@abc`,
    `course-v1:edX+DemoX+version@${GUID}`,
    // Version-only (course-agnostic) keys name no course: rejected on purpose.
    `course-v1:version@${GUID}`,
    // The legacy `slashes:` namespace re-serializes as course-v1: rejected on purpose.
    `slashes:${COURSE}`,
    'edX/DemoX',
    'edX/DemoX/Demo/Course',
    'foo!/bar/baz',
    'edX/Demo~X/run',
    '/DemoX/run',
    'edX:x/DemoX/run',
    'lib:MITx:lib1',
    'library-v1:UniX',
    'library-v1:UniX+Lib+run',
    `ccx-v1:${COURSE}`,
    `ccx-v1:${COURSE}+ccx@`,
    `ccx-v1:${COURSE}+ccx@x7`,
  ],
  UsageKey: [
    '',
    `block-v1:${COURSE}+type@problem`,
    `block-v1:${COURSE}+block@abc`,
    'block-v1:edX+DemoX+type@problem+block@abc',
    `block-v1:${COURSE}+type@problem+block@a b`,
    `block-v1:${COURSE}+type@problem+block@a#b`,
    `block-v1:${COURSE}+type@problem+block@a/b`,
    `block-v1:${COURSE}+type@problem+block@a%20b`,
    `block-v1:${COURSE}+type@problem+block@abc\n`,
    `block-v1:${COURSE}+type@problem+block@abc `,
    `block-v1:${COURSE}+type@problem+block@abc+extra`,
    `block-v1:${COURSE}+TYPE@problem+block@abc`,
    `block-v1:${COURSE}+version@abc+type@problem+block@abc`,
    `Block-v1:${COURSE}+type@problem+block@abc`,
    `ccx-block-v1:${COURSE}+type@problem+block@abc`,
    'lib-block-v1:UniX+Lib+type@problem',
    'i4x://edX/DemoX/problem',
    'i4x://edX/DemoX/problem/abc/def',
    'i4x:/edX/DemoX/problem/abc',
    'I4X://edX/DemoX/problem/abc',
    '0i4x://edX/DemoX/problem/abc',
    'i4x://edX/DemoX/problem/a b',
    'i4x://edX/DemoX/problem/abc@',
    'i4x://edX/DemoX/problem/abc@rev/x',
    'i4x://ed~X/DemoX/problem/abc',
    'i4x://edX/DemoX//abc',
    'lb:MITx:lib1:html',
    'lb:MITx:lib1:html:a:b',
    'lb:MITx:lib1:ht ml:a',
    'lb:M\u00cfTx:lib1:html:a',
    'lb:MITx:lib1:pr\u00f6blem:a',
    'lb:MITx:lib1:html:a~b',
    'lct:MITx:lib1:unit:u1',
    'edX/DemoX/Demo_Course',
  ],
  CCXLocator: [
    'course-v1:edX+DemoX+Demo_Course',
    // Python's CCXLocator.from_string falls back to a plain CourseLocator here.
    'edX/DemoX/Demo_Course',
    // ccx-keys ends its pattern with `$`, which lets a final newline through and then drops it: rejected on purpose.
    `ccx-v1:${COURSE}+ccx@7\n`,
    `ccx-v1:${COURSE}+ccx@7+type@problem+block@abc`,
    `CCX-v1:${COURSE}+ccx@7`,
    `ccx-v1:${COURSE}+ccx@-1`,
    `ccx-v1:${COURSE}+version@${GUID.slice(1)}+ccx@7`,
    'ccx-v1:edX+DemoX+ccx@7',
    `ccx-v1:version@${GUID}+ccx@7`,
  ],
  LibraryLocatorV2: [
    'lib:MITx',
    'lib:MITx:',
    'lib::lib1',
    'lib:MITx:lib1:extra',
    'lib:MI Tx:lib1',
    'lib:MITx:lib 1',
    'lib:MITx:lib#1',
    'lib:MITx:lib/1',
    'lib:MITx:lib~1',
    'lib:MITx:lib%1',
    'lib:M\u00cfTx:lib1',
    'lib:MITx:e\u0301',
    'Lib:MITx:lib1',
    'library-v1:MITx+lib1',
    // Python's `^...$` field checks let one trailing newline through each field: rejected on purpose.
    'lib:MITx:lib1\n',
    'lib:MITx\n:lib1',
  ],
  LibraryUsageLocatorV2: [
    'lb:MITx:lib1:html',
    'lb:MITx:lib1:html:',
    'lb:MITx:lib1::h1',
    'lb:MITx:lib1:html:h 1',
    'lb:MITx:lib1:html:h#1',
    'LB:MITx:lib1:html:h1',
    `block-v1:${COURSE}+type@html+block@h1`,
    'lb:MITx:lib1:html:h1\n',
  ],
  LibraryCollectionLocator: [
    'lib-collection:MITx:lib1',
    'lib-collection:MITx:lib1:c 1',
    'lib-collection:MITx:lib1:c1:x',
    'lib-collection:MITx:lib1:c/1',
    'Lib-Collection:MITx:lib1:c1',
    'lib-collection:M\u00cfTx:lib1:c1',
    'lib-collection:org/lib/id',
    'lib-collection:org+lib+id',
    'lib-collection:per%ent+sign',
  ],
  LibraryContainerLocator: [
    'lct:MITx:lib1:unit',
    'lct:MITx:lib1:unit:u1:x',
    'lct:MITx:lib1:\u00fcnit:u1',
    'lct:MITx:lib1:unit:u 1',
    'lct:TestX:lib1:unit:usage-!@#{$%^&*}',
    'lct:TestX:lib1:unit-!@#{$%^&*}:usage',
    'LCT:MITx:lib1:unit:u1',
    'lct:org+lib++id@library',
  ],
};

const CASES = KEY_TYPES.flatMap((type) => INVALID[type].map((text) => [type, text] as const));

describe('invalid keys', () => {
  it.each(CASES)('rejects the %s %j with its code and a message quoting it', (type, text) => {
    const error = (() => {
      try {
        parseKey(type, text);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(EdstreamError);
    expect(error).toMatchObject({
      code: INVALID_KEY_CODES[type],
      message: `${JSON.stringify(text)} is not a valid ${type}: expected ${describeKey(type)}`,
      details: { keyType: type, value: text },
    });
  });

  it.each(CASES)('reports the %s %j invalid without throwing', (type, text) => {
    expect(isValidKey(type, text)).toBe(false);
    const result = tryParseKey(type, text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(INVALID_KEY_CODES[type]);
  });

  it('names codes key.invalid_<snake case of the type>', () => {
    expect(INVALID_KEY_CODES).toEqual({
      CourseKey: 'key.invalid_course_key',
      UsageKey: 'key.invalid_usage_key',
      CCXLocator: 'key.invalid_ccx_locator',
      LibraryLocatorV2: 'key.invalid_library_locator_v2',
      LibraryUsageLocatorV2: 'key.invalid_library_usage_locator_v2',
      LibraryCollectionLocator: 'key.invalid_library_collection_locator',
      LibraryContainerLocator: 'key.invalid_library_container_locator',
    });
  });

  it('quotes only the start of a very long value in the message, and all of it in details', () => {
    const text = `course-v1:${'x'.repeat(5000)}`;
    const result = tryParseKey('CourseKey', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message.length).toBeLessThan(600);
    expect(result.error.message.startsWith(JSON.stringify(text).slice(0, 100))).toBe(true);
    expect(result.error.details).toEqual({ keyType: 'CourseKey', value: text });
  });
});

describe('non-string input', () => {
  const VALUES: readonly unknown[] = [
    42,
    0,
    Number.NaN,
    null,
    undefined,
    true,
    {},
    [],
    ['lib:a:b'],
    10n,
    Symbol('k'),
  ];

  it.each(KEY_TYPES)('is never a valid %s, and isValidKey does not throw on it', (type) => {
    for (const value of VALUES) expect(isValidKey(type, value)).toBe(false);
  });

  it.each(KEY_TYPES)(
    'fails to parse as a %s with the same code and a message asking for a string',
    (type) => {
      for (const value of VALUES) {
        const result = tryParseKey(type, value);
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.error.code).toBe(INVALID_KEY_CODES[type]);
        expect(result.error.message).toMatch(new RegExp(`^A ${type} must be a string, got \\w+: expected `));
        expect(() => parseKey(type, value)).toThrow(
          expect.objectContaining({ code: INVALID_KEY_CODES[type] }),
        );
      }
    },
  );

  it('describes a non-string by its type only', () => {
    const result = tryParseKey('UsageKey', { secret: 'x' });
    expect(result.ok ? undefined : result.error.details).toEqual({
      keyType: 'UsageKey',
      valueType: 'object',
    });
    expect(result.ok ? undefined : result.error.message).not.toContain('secret');
  });
});

describe('unknown key types from untyped callers', () => {
  it('validates nothing and throws key.unknown_type when parsing', () => {
    const type = 'AssetKey' as KeyType;
    expect(isValidKey(type, 'asset-v1:a+b+c+type@asset+block@x')).toBe(false);
    expect(() => parseKey(type, 'x')).toThrow(expect.objectContaining({ code: 'key.unknown_type' }));
  });
});
