import { describe, expect, it } from 'vitest';
import { formatKey, keyTypeOf, type OpaqueKey, parseKey } from './index.js';

describe('formatKey', () => {
  it('serializes hand-built parts in the order edx-opaque-keys writes them', () => {
    expect(
      formatKey({
        kind: 'block-v1',
        org: 'edX',
        course: 'DemoX',
        run: '2024',
        version: '65f3a1b2c3d4e5f6a7b8c9d0',
        branch: 'draft',
        blockType: 'problem',
        blockId: 'p1',
      }),
    ).toBe('block-v1:edX+DemoX+2024+branch@draft+version@65f3a1b2c3d4e5f6a7b8c9d0+type@problem+block@p1');
    expect(
      formatKey({ kind: 'i4x', org: 'edX', course: 'DemoX', blockType: 'html', blockId: 'h1', branch: 'r' }),
    ).toBe('i4x://edX/DemoX/html/h1@r');
    expect(formatKey({ kind: 'course-deprecated', org: 'edX', course: 'DemoX', run: '' })).toBe('edX/DemoX/');
    expect(
      formatKey({ kind: 'lct', org: 'MITx', slug: 'lib1', containerType: 'unit', containerId: 'u1' }),
    ).toBe('lct:MITx:lib1:unit:u1');
  });

  it('writes ccx tags in lowercase unless the key says how they were spelled', () => {
    const key = { kind: 'ccx-v1', org: 'a', course: 'b', run: 'c', ccx: '7' } as const;
    expect(formatKey(key)).toBe('ccx-v1:a+b+c+ccx@7');
    expect(formatKey({ ...key, tags: { ccx: 'CCX' } })).toBe('ccx-v1:a+b+c+CCX@7');
  });

  it('throws the key type code when the parts would not form a valid key', () => {
    const bad: ReadonlyArray<readonly [OpaqueKey, string]> = [
      [{ kind: 'course-v1', org: 'edX', course: 'Demo X', run: 'r' }, 'key.invalid_course_key'],
      [{ kind: 'course-v1', org: 'a+b', course: 'c', run: 'd' }, 'key.invalid_course_key'],
      [{ kind: 'course-v1', org: 'a', course: 'b', run: 'c', branch: '' }, 'key.invalid_course_key'],
      [{ kind: 'course-v1', org: 'a', course: 'b', run: 'c', version: 'ABC' }, 'key.invalid_course_key'],
      [
        { kind: 'ccx-v1', org: 'a', course: 'b', run: 'c', ccx: '7', tags: { ccx: 'cxx' } },
        'key.invalid_ccx_locator',
      ],
      [
        { kind: 'lb', org: 'MITx', slug: 'lib1', blockType: 'html', blockId: 'a:b' },
        'key.invalid_library_usage_locator_v2',
      ],
      [
        { kind: 'i4x', org: 'edX', course: 'DemoX', blockType: 'html', blockId: 'a/b' },
        'key.invalid_usage_key',
      ],
    ];
    for (const [key, code] of bad) {
      expect(() => formatKey(key)).toThrow(expect.objectContaining({ code }));
    }
  });

  it('throws key.unknown_kind for a kind it does not know', () => {
    const key = { kind: 'asset-v1', org: 'a' } as unknown as OpaqueKey;
    expect(() => formatKey(key)).toThrow(expect.objectContaining({ code: 'key.unknown_kind' }));
  });
});

describe('keyTypeOf', () => {
  it('names the most specific declared type of a parsed key', () => {
    expect(keyTypeOf(parseKey('CourseKey', 'ccx-v1:a+b+c+ccx@1'))).toBe('CCXLocator');
    expect(keyTypeOf(parseKey('CourseKey', 'library-v1:a+b'))).toBe('CourseKey');
    expect(keyTypeOf(parseKey('UsageKey', 'lb:a:b:c:d'))).toBe('LibraryUsageLocatorV2');
    expect(keyTypeOf(parseKey('UsageKey', 'i4x://a/b/c/d'))).toBe('UsageKey');
    expect(keyTypeOf(parseKey('LibraryCollectionLocator', 'lib-collection:a:b:c'))).toBe(
      'LibraryCollectionLocator',
    );
  });
});
