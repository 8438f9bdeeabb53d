import { describe, expect, it } from 'vitest';
import { GOLDEN_TENANT, goldenCases, goldenTransformer } from './golden-cases.js';

// The Enrollment Events example of Brightspace Data Streams (shared/seeds/004_ea90a9ab419a8cb1.txt),
// with its printing defects fixed (§a.1 of shared/reference/xapi.md): the placeholders are strings.
const SEED = {
  id: '<EventUUID>',
  timestamp: '<UTCDateTimeString>',
  actor: { account: { homePage: 'https://<TenantUUID>.lms.d2l.com/', name: 'urn:uuid:<UserUUID>' } },
  verb: { id: 'https://api.brightspace.com/xapi/verbs/<EnrollmentVerbString>' },
  object: {
    objectType: 'Activity',
    id: 'urn:uuid:<ClassUUID>',
    definition: { type: 'https://api.brightspace.com/xapi/activities/tools/classlist' },
  },
  context: {
    contextActivities: {
      category: [{ id: 'https://api.brightspace.com/xapi/profiles/brightspace-activity-v1p0.jsonld' }],
    },
    registration: '<ContextUUID>',
    extensions: {
      'https://api.brightspace.com/xapi/extension_keys/context/actor': {
        userId: '<BrightspaceUserIdNumber>',
        imsRoleIds: ['<IMSRoles>'],
        impersonatingUserId: '<BrightspaceImpersonatingUserIdNumber>',
        roleId: '<BrightspaceRoleIdNumber>',
      },
      'https://api.brightspace.com/xapi/extension_keys/context/object': { id: '<BrightspaceClassIdNumber>' },
      'https://api.brightspace.com/xapi/extension_keys/context/context': {
        tenantId: '<TenantUUID>',
        originalEventId: '<InternalEventUUID>',
        orgUnitType: '<BrightspaceOrgUnitTypeString>',
        orgUnitId: '<BrightspaceOrgUnitIdNumber>',
      },
    },
  },
};

// Present only during impersonation, which Open edX enrollment events never describe.
const CONDITIONAL_KEYS = new Set(['impersonatingUserId']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const enrollment = goldenCases().find((c) => c.eventType.endsWith('.course.enrollment.created.v1'))!;

// What a well-formed value is for each placeholder. Open edX ids are strings (course keys, role
// names), not Brightspace's numbers, so those placeholders take any non-empty string.
const PLACEHOLDERS: Readonly<Record<string, (value: string) => boolean>> = {
  '<EventUUID>': (v) => UUID.test(v),
  '<UTCDateTimeString>': (v) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v),
  'https://<TenantUUID>.lms.d2l.com/': (v) => v === `https://${GOLDEN_TENANT}.lms.d2l.com/`,
  'urn:uuid:<UserUUID>': (v) => v.startsWith('urn:uuid:') && UUID.test(v.slice(9)),
  'https://api.brightspace.com/xapi/verbs/<EnrollmentVerbString>': (v) =>
    /^https:\/\/api\.brightspace\.com\/xapi\/verbs\/(enrolled|unenrolled)$/.test(v),
  'urn:uuid:<ClassUUID>': (v) => v.startsWith('urn:uuid:') && UUID.test(v.slice(9)),
  '<ContextUUID>': (v) => UUID.test(v),
  '<BrightspaceUserIdNumber>': (v) => /^\d+$/.test(v),
  '<IMSRoles>': (v) => v.startsWith('urn:lti:role:ims/lis/'),
  '<BrightspaceRoleIdNumber>': (v) => v !== '',
  '<BrightspaceClassIdNumber>': (v) => v === 'course-v1:edX+DemoX+Demo_Course',
  '<TenantUUID>': (v) => v === GOLDEN_TENANT,
  '<InternalEventUUID>': (v) => v === enrollment.event.metadata.id,
  '<BrightspaceOrgUnitTypeString>': (v) => v === 'Course Offering',
  '<BrightspaceOrgUnitIdNumber>': (v) => v === 'course-v1:edX+DemoX+Demo_Course',
};

/** Every difference between the seed and a statement: keys, constants and placeholder forms. */
function compare(seed: unknown, actual: unknown, path: string, problems: string[]): void {
  if (typeof seed === 'string') {
    const check = PLACEHOLDERS[seed];
    if (typeof actual !== 'string')
      problems.push(`${path}: expected a string, found ${JSON.stringify(actual)}`);
    else if (check ? !check(actual) : actual !== seed)
      problems.push(`${path}: ${JSON.stringify(actual)} for ${seed}`);
    return;
  }
  if (Array.isArray(seed)) {
    if (!Array.isArray(actual) || actual.length === 0) {
      problems.push(`${path}: expected a non-empty array`);
      return;
    }
    for (const [i, item] of actual.entries()) compare(seed[0], item, `${path}[${i}]`, problems);
    return;
  }
  const seedObject = seed as Record<string, unknown>;
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
    problems.push(`${path}: expected an object`);
    return;
  }
  const actualObject = actual as Record<string, unknown>;
  for (const key of Object.keys(seedObject)) {
    if (!(key in actualObject)) {
      if (!CONDITIONAL_KEYS.has(key)) problems.push(`${path}.${key}: missing`);
      continue;
    }
    compare(seedObject[key], actualObject[key], `${path}.${key}`, problems);
  }
  for (const key of Object.keys(actualObject)) {
    if (!(key in seedObject)) problems.push(`${path}.${key}: not in the seed`);
  }
}

describe('the Brightspace enrollment statement', () => {
  const result = goldenTransformer('brightspace')(enrollment.event);

  it('has the seed example’s keys at every level, its constant IRIs and well-formed values', () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.statements).toHaveLength(1);
    const problems: string[] = [];
    compare(SEED, result.statements[0], '$', problems);
    expect(problems).toEqual([]);
  });

  it('notices a missing key, an extra key and a changed constant', () => {
    const problems: string[] = [];
    compare(SEED, { ...SEED, version: '1.0.3', verb: {} }, '$', problems);
    expect(problems).toContain('$.verb.id: missing');
    expect(problems).toContain('$.version: not in the seed');
    compare(SEED.object, { ...SEED.object, objectType: 'Agent' }, '$.object', problems);
    expect(problems).toContain('$.object.objectType: "Agent" for Activity');
  });
});
