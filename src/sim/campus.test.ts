import { describe, expect, it } from 'vitest';
import { ALL_EVENTS } from '../catalog/registry.js';
import { createSignalRegistry } from '../signals/index.js';
import { createCampus } from './campus.js';

describe('the campus simulator', () => {
  it('sends only valid events through the public signals, at realistic proportions', async () => {
    const signals = createSignalRegistry();
    const received = new Map<string, number>();
    for (const definition of ALL_EVENTS) {
      signals.get(definition.eventType).connect(({ metadata }) => {
        received.set(metadata.event_type, (received.get(metadata.event_type) ?? 0) + 1);
      });
    }
    const campus = createCampus(signals, { learners: 50, courses: 5, seed: 7 });
    for (let i = 0; i < 2000; i++) await campus.step();
    const total = [...received.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(2000);
    const share = (type: string) => (received.get(type) ?? 0) / total;
    expect(share('org.openedx.learning.auth.session.login.completed.v1')).toBeGreaterThan(0.05);
    expect(share('org.openedx.learning.course.enrollment.created.v1')).toBeGreaterThan(0.08);
    expect(share('org.openedx.learning.course.unenrollment.completed.v1')).toBeLessThan(0.05);
    for (const type of [
      'org.openedx.learning.student.registration.completed.v1',
      'org.openedx.learning.course.persistent_grade_summary.changed.v1',
      'org.openedx.learning.course.passing.status.updated.v1',
      'org.openedx.learning.certificate.created.v1',
      'org.openedx.learning.badge.awarded.v1',
      'org.openedx.learning.forum.thread.created.v1',
      'org.openedx.learning.ora.submission.created.v1',
      'org.openedx.learning.exam.attempt.submitted.v1',
      'org.openedx.learning.cohort_membership.changed.v1',
      'org.openedx.content_authoring.xblock.published.v1',
    ]) {
      expect(received.get(type), type).toBeGreaterThan(0);
    }
  });

  it('gives the same sequence of events for the same seed', async () => {
    const run = async () => {
      const campus = createCampus(createSignalRegistry(), { learners: 20, courses: 3, seed: 42 });
      const types: string[] = [];
      for (let i = 0; i < 200; i++) types.push((await campus.step()).eventType);
      return types;
    };
    expect(await run()).toEqual(await run());
  });
});
