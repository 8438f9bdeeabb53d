import { describe, expect, it } from 'vitest';
import { examActivityType, iriSegment } from './vocabulary.js';

describe('iriSegment', () => {
  it('keeps Open edX keys as they are', () => {
    expect(iriSegment('course-v1:edX+DemoX+Demo_Course')).toBe('course-v1:edX+DemoX+Demo_Course');
    expect(iriSegment('edX/DemoX/2014')).toBe('edX/DemoX/2014');
    expect(iriSegment('課程')).toBe('課程');
  });

  it('percent-encodes what an IRI cannot hold, and a lone surrogate as U+FFFD', () => {
    expect(iriSegment('a b<c>%')).toBe('a%20b%3Cc%3E%25');
    expect(iriSegment('x\uD800y')).toBe('x%EF%BF%BDy');
    expect(iriSegment('🎓')).toBe('%F0%9F%8E%93');
  });
});

describe('examActivityType', () => {
  it('uses the event-routing-backends type for known exam types', () => {
    expect(examActivityType('proctored')).toBe('https://w3id.org/xapi/openedx/activity/proctored-assessment');
    expect(examActivityType('onboarding')).toBe('http://adlnet.gov/expapi/activities/assessment');
  });
});
