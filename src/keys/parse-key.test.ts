import { describe, expect, it } from 'vitest';
import {
  formatKey,
  isValidKey,
  type KeyType,
  type OpaqueKey,
  parseCCXLocator,
  parseCourseKey,
  parseKey,
  parseLibraryCollectionLocator,
  parseLibraryContainerLocator,
  parseLibraryLocatorV2,
  parseLibraryUsageLocatorV2,
  parseUsageKey,
  tryParseKey,
} from './index.js';

const GUID = '65f3a1b2c3d4e5f6a7b8c9d0';

// The forms our fixtures use, plus the corners of the Python grammar (see grammar.ts for the sources).
const VALID: ReadonlyArray<readonly [KeyType, string, OpaqueKey]> = [
  [
    'CourseKey',
    'course-v1:edX+DemoX+Demo_Course',
    { kind: 'course-v1', org: 'edX', course: 'DemoX', run: 'Demo_Course' },
  ],
  [
    'CourseKey',
    'course-v1:Org.with-dots+Num~tilde+run_2024-T1',
    { kind: 'course-v1', org: 'Org.with-dots', course: 'Num~tilde', run: 'run_2024-T1' },
  ],
  ['CourseKey', 'course-v1:édX+Démo+2024', { kind: 'course-v1', org: 'édX', course: 'Démo', run: '2024' }],
  [
    'CourseKey',
    `course-v1:mit.eecs+~6002x+2014_T2+branch@draft-1+version@${GUID}`,
    {
      kind: 'course-v1',
      org: 'mit.eecs',
      course: '~6002x',
      run: '2014_T2',
      branch: 'draft-1',
      version: GUID,
    },
  ],
  ['CourseKey', 'course-v1:a:b+c+d', { kind: 'course-v1', org: 'a:b', course: 'c', run: 'd' }],
  [
    'CourseKey',
    'edX/DemoX/Demo_Course',
    { kind: 'course-deprecated', org: 'edX', course: 'DemoX', run: 'Demo_Course' },
  ],
  ['CourseKey', 'foo/bar/', { kind: 'course-deprecated', org: 'foo', course: 'bar', run: '' }],
  ['CourseKey', 'o%2F/c.d-e/r_1', { kind: 'course-deprecated', org: 'o%2F', course: 'c.d-e', run: 'r_1' }],
  [
    'CourseKey',
    'ccx-v1:edX+DemoX+Demo_Course+ccx@7',
    { kind: 'ccx-v1', org: 'edX', course: 'DemoX', run: 'Demo_Course', ccx: '7' },
  ],
  ['CourseKey', 'library-v1:UniX+PhysicsProbs', { kind: 'library-v1', org: 'UniX', library: 'PhysicsProbs' }],
  [
    'CourseKey',
    `library-v1:UniX+PhysicsProbs+branch@b+version@${GUID}`,
    { kind: 'library-v1', org: 'UniX', library: 'PhysicsProbs', branch: 'b', version: GUID },
  ],
  [
    'CCXLocator',
    'ccx-v1:edX+DemoX+Demo_Course+ccx@7',
    { kind: 'ccx-v1', org: 'edX', course: 'DemoX', run: 'Demo_Course', ccx: '7' },
  ],
  [
    'CCXLocator',
    `ccx-v1:mit.eecs+6002x+2014_T2+branch@draft-1+version@${GUID}+ccx@007`,
    {
      kind: 'ccx-v1',
      org: 'mit.eecs',
      course: '6002x',
      run: '2014_T2',
      branch: 'draft-1',
      version: GUID,
      ccx: '007',
    },
  ],
  // ccx-keys compiles its pattern with re.IGNORECASE: tags and guid digits in any case, kept as written.
  [
    'CCXLocator',
    `ccx-v1:a+b+c+Branch@x+VERSION@${GUID.toUpperCase()}+CCX@\u0667`,
    {
      kind: 'ccx-v1',
      org: 'a',
      course: 'b',
      run: 'c',
      branch: 'x',
      version: GUID.toUpperCase(),
      ccx: '\u0667',
      tags: { branch: 'Branch', version: 'VERSION', ccx: 'CCX' },
    },
  ],
  [
    'UsageKey',
    `block-v1:edX+DemoX+Demo_Course+branch@published-branch+version@${GUID}+type@problem+block@abc123`,
    {
      kind: 'block-v1',
      org: 'edX',
      course: 'DemoX',
      run: 'Demo_Course',
      branch: 'published-branch',
      version: GUID,
      blockType: 'problem',
      blockId: 'abc123',
    },
  ],
  [
    'UsageKey',
    'block-v1:edX+DemoX+Demo_Course+type@problem+block@d9f3c2a1e0b94c1d8a7b6c5d4e3f2a10',
    {
      kind: 'block-v1',
      org: 'edX',
      course: 'DemoX',
      run: 'Demo_Course',
      blockType: 'problem',
      blockId: 'd9f3c2a1e0b94c1d8a7b6c5d4e3f2a10',
    },
  ],
  [
    'UsageKey',
    'block-v1:org+course+run+type@problem+block@problem:with-colon~2',
    {
      kind: 'block-v1',
      org: 'org',
      course: 'course',
      run: 'run',
      blockType: 'problem',
      blockId: 'problem:with-colon~2',
    },
  ],
  [
    'UsageKey',
    'ccx-block-v1:edX+DemoX+Demo_Course+ccx@7+type@problem+block@abc123',
    {
      kind: 'ccx-block-v1',
      org: 'edX',
      course: 'DemoX',
      run: 'Demo_Course',
      ccx: '7',
      blockType: 'problem',
      blockId: 'abc123',
    },
  ],
  [
    'UsageKey',
    'ccx-block-v1:a+b+c+ccx@1+Type@t+BLOCK@x',
    {
      kind: 'ccx-block-v1',
      org: 'a',
      course: 'b',
      run: 'c',
      ccx: '1',
      blockType: 't',
      blockId: 'x',
      tags: { type: 'Type', block: 'BLOCK' },
    },
  ],
  [
    'UsageKey',
    'lib-block-v1:UniX+PhysicsProbs+type@problem+block@p1',
    { kind: 'lib-block-v1', org: 'UniX', library: 'PhysicsProbs', blockType: 'problem', blockId: 'p1' },
  ],
  [
    'UsageKey',
    'i4x://edX/DemoX/problem/abc123',
    { kind: 'i4x', org: 'edX', course: 'DemoX', blockType: 'problem', blockId: 'abc123' },
  ],
  [
    'UsageKey',
    'i4x://org.dept%sub-prof/course.num%section-4/category/name:12%33-44@draft',
    {
      kind: 'i4x',
      org: 'org.dept%sub-prof',
      course: 'course.num%section-4',
      blockType: 'category',
      blockId: 'name:12%33-44',
      branch: 'draft',
    },
  ],
  [
    'UsageKey',
    'lb:MITx:lib1:html:\u00dcn\u00ef',
    { kind: 'lb', org: 'MITx', slug: 'lib1', blockType: 'html', blockId: '\u00dcn\u00ef' },
  ],
  [
    'LibraryUsageLocatorV2',
    'lb:MITx:lib1:problem:p1',
    { kind: 'lb', org: 'MITx', slug: 'lib1', blockType: 'problem', blockId: 'p1' },
  ],
  [
    'LibraryContainerLocator',
    'lct:MITx:lib1:section:s-1',
    { kind: 'lct', org: 'MITx', slug: 'lib1', containerType: 'section', containerId: 's-1' },
  ],
  [
    'LibraryContainerLocator',
    'lct:MITx:lib1:unit:u1',
    { kind: 'lct', org: 'MITx', slug: 'lib1', containerType: 'unit', containerId: 'u1' },
  ],
  [
    'LibraryCollectionLocator',
    'lib-collection:Org-1:lib_2.x:col-2_x',
    { kind: 'lib-collection', org: 'Org-1', slug: 'lib_2.x', collectionId: 'col-2_x' },
  ],
  ['LibraryLocatorV2', 'lib:Org-1:lib_2.x', { kind: 'lib', org: 'Org-1', slug: 'lib_2.x' }],
  [
    'LibraryLocatorV2',
    'lib:MITx:reallyhardproblems',
    { kind: 'lib', org: 'MITx', slug: 'reallyhardproblems' },
  ],
  [
    'LibraryLocatorV2',
    'lib:hogwarts:p300-potions-\u00e9',
    { kind: 'lib', org: 'hogwarts', slug: 'p300-potions-\u00e9' },
  ],
];

describe('parseKey', () => {
  it.each(VALID)('parses the %s %j into its parts', (type, text, parts) => {
    expect(parseKey(type, text)).toEqual(parts);
  });

  it.each(VALID)('gives back the %s %j exactly through formatKey', (type, text) => {
    expect(formatKey(parseKey(type, text))).toBe(text);
  });

  it.each(VALID)('reports the %s %j valid and parses it without throwing', (type, text, parts) => {
    expect(isValidKey(type, text)).toBe(true);
    expect(tryParseKey(type, text)).toEqual({ ok: true, key: parts });
  });

  it('leaves optional parts absent rather than undefined', () => {
    const key = parseKey('CourseKey', 'course-v1:edX+DemoX+Demo_Course');
    expect(Object.keys(key)).toEqual(['kind', 'org', 'course', 'run']);
    expect(Object.keys(parseKey('UsageKey', 'i4x://edX/DemoX/problem/abc123'))).not.toContain('branch');
  });

  it('accepts a ccx-v1 key both as a CourseKey and as a CCXLocator', () => {
    const text = 'ccx-v1:edX+DemoX+Demo_Course+ccx@7';
    expect(parseKey('CourseKey', text)).toEqual(parseKey('CCXLocator', text));
  });

  it('accepts an lb key both as a UsageKey and as a LibraryUsageLocatorV2', () => {
    const text = 'lb:MITx:lib1:problem:p1';
    expect(parseKey('UsageKey', text)).toEqual(parseKey('LibraryUsageLocatorV2', text));
  });

  it('offers typed wrappers that narrow the result', () => {
    expect(parseCourseKey('edX/DemoX/Demo_Course').kind).toBe('course-deprecated');
    expect(parseUsageKey('i4x://edX/DemoX/problem/abc123').kind).toBe('i4x');
    expect(parseCCXLocator('ccx-v1:a+b+c+ccx@1').ccx).toBe('1');
    expect(parseLibraryLocatorV2('lib:MITx:lib1').slug).toBe('lib1');
    expect(parseLibraryUsageLocatorV2('lb:MITx:lib1:html:h1').blockId).toBe('h1');
    expect(parseLibraryCollectionLocator('lib-collection:MITx:lib1:c1').collectionId).toBe('c1');
    expect(parseLibraryContainerLocator('lct:MITx:lib1:unit:u1').containerType).toBe('unit');
  });
});
