import { describe, expect, it } from 'vitest';
import { isCourseKey, parentKeyOf } from './keys.js';

describe('parentKeyOf', () => {
  it('finds the course of a block, without branch or version', () => {
    expect(parentKeyOf('block-v1:edX+DemoX+Demo_Course+type@problem+block@abc')).toBe(
      'course-v1:edX+DemoX+Demo_Course',
    );
    expect(
      parentKeyOf(
        'block-v1:edX+DemoX+Demo_Course+branch@published-branch+version@65f3a1b2c3d4e5f6a7b8c9d0+type@problem+block@abc',
      ),
    ).toBe('course-v1:edX+DemoX+Demo_Course');
    expect(parentKeyOf('ccx-block-v1:edX+DemoX+Demo_Course+ccx@7+type@problem+block@abc')).toBe(
      'ccx-v1:edX+DemoX+Demo_Course+ccx@7',
    );
  });

  it('finds the library of a library block, collection or container', () => {
    expect(parentKeyOf('lb:MITx:lib1:problem:p1')).toBe('lib:MITx:lib1');
    expect(parentKeyOf('lib-collection:MITx:lib1:col1')).toBe('lib:MITx:lib1');
    expect(parentKeyOf('lct:MITx:lib1:unit:u1')).toBe('lib:MITx:lib1');
  });

  it('returns null for keys that name no holder', () => {
    expect(parentKeyOf('i4x://edX/DemoX/problem/abc')).toBeNull();
    expect(parentKeyOf('not a key')).toBeNull();
  });
});

describe('isCourseKey', () => {
  it('tells courses from libraries', () => {
    expect(isCourseKey('course-v1:edX+DemoX+Demo_Course')).toBe(true);
    expect(isCourseKey('ccx-v1:edX+DemoX+Demo_Course+ccx@7')).toBe(true);
    expect(isCourseKey('edX/DemoX/2014')).toBe(true);
    expect(isCourseKey('lib:MITx:lib1')).toBe(false);
  });
});
