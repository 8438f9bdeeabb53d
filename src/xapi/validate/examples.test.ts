import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../errors.js';
import type { XapiVersion } from '../statement.js';
import { validateStatement, validateStatements } from './statement.js';

// xAPI 1.0.3, Data Appendix A: the simple statement (its line breaks are "for display purposes only").
const SPEC_SIMPLE = {
  id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
  timestamp: '2015-11-18T12:17:00+00:00',
  actor: { objectType: 'Agent', name: 'Project Tin Can API', mbox: 'mailto:user@example.com' },
  verb: { id: 'http://example.com/xapi/verbs#sent-a-statement', display: { 'en-US': 'sent' } },
  object: {
    id: 'http://example.com/xapi/activity/simplestatement',
    definition: {
      name: { 'en-US': 'simple statement' },
      description: {
        'en-US':
          'A simple Experience API statement. Note that the LRS does not need to have any prior information about the Actor (learner), the verb, or the Activity/object.',
      },
    },
  },
};

// Data 2.4: "the simplest possible Statement" (its id is not an RFC 4122 variant-2 UUID).
const SPEC_SIMPLEST = {
  id: '12345678-1234-5678-1234-567812345678',
  actor: { mbox: 'mailto:xapi@adlnet.gov' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/created', display: { 'en-US': 'created' } },
  object: { id: 'http://example.adlnet.gov/xapi/example/activity' },
};

// Appendix A: completion with a duration in seconds.
const SPEC_ATTEMPTED = {
  id: '7ccd3322-e1a5-411a-a67d-6a735c76f119',
  timestamp: '2015-12-18T12:17:00+00:00',
  actor: { objectType: 'Agent', name: 'Example Learner', mbox: 'mailto:example.learner@adlnet.gov' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
  object: {
    id: 'http://example.adlnet.gov/xapi/example/simpleCBT',
    definition: {
      name: { 'en-US': 'simple CBT course' },
      description: { 'en-US': 'A fictitious example CBT course.' },
    },
  },
  result: { score: { scaled: 0.95 }, success: true, completion: true, duration: 'PT1234S' },
};

// Appendix A: the long example, as returned by an LRS (with authority and stored).
const SPEC_LONG = {
  id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee',
  actor: {
    name: 'Team PB',
    mbox: 'mailto:teampb@example.com',
    member: [
      {
        name: 'Andrew Downes',
        account: { homePage: 'http://www.example.com', name: '13936749' },
        objectType: 'Agent',
      },
      { name: 'Toby Nichols', openid: 'http://toby.openid.example.org/', objectType: 'Agent' },
      { name: 'Ena Hills', mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9', objectType: 'Agent' },
    ],
    objectType: 'Group',
  },
  verb: {
    id: 'http://adlnet.gov/expapi/verbs/attended',
    display: { 'en-GB': 'attended', 'en-US': 'attended' },
  },
  result: {
    extensions: {
      'http://example.com/profiles/meetings/resultextensions/minuteslocation':
        'X:\\meetings\\minutes\\examplemeeting.one',
    },
    success: true,
    completion: true,
    response: 'We agreed on some example actions.',
    duration: 'PT1H0M0S',
  },
  context: {
    registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
    contextActivities: {
      parent: [{ id: 'http://www.example.com/meetings/series/267', objectType: 'Activity' }],
      category: [
        {
          id: 'http://www.example.com/meetings/categories/teammeeting',
          objectType: 'Activity',
          definition: {
            name: { en: 'team meeting' },
            description: { en: 'A category of meeting used for regular team meetings.' },
            type: 'http://example.com/expapi/activities/meetingcategory',
          },
        },
      ],
      other: [
        { id: 'http://www.example.com/meetings/occurances/34257', objectType: 'Activity' },
        { id: 'http://www.example.com/meetings/occurances/3425567', objectType: 'Activity' },
      ],
    },
    instructor: {
      name: 'Andrew Downes',
      account: { homePage: 'http://www.example.com', name: '13936749' },
      objectType: 'Agent',
    },
    team: { name: 'Team PB', mbox: 'mailto:teampb@example.com', objectType: 'Group' },
    platform: 'Example virtual meeting software',
    language: 'tlh',
    statement: { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' },
  },
  timestamp: '2013-05-18T05:32:34.804+00:00',
  stored: '2013-05-18T05:32:34.804+00:00',
  authority: { account: { homePage: 'http://cloud.scorm.com/', name: 'anonymous' }, objectType: 'Agent' },
  version: '1.0.0',
  object: {
    id: 'http://www.example.com/meetings/occurances/34534',
    definition: {
      extensions: {
        'http://example.com/profiles/meetings/activitydefinitionextensions/room': {
          name: 'Kilby',
          id: 'http://example.com/rooms/342',
        },
      },
      name: { 'en-GB': 'example meeting', 'en-US': 'example meeting' },
      description: {
        'en-GB': 'An example meeting that happened on a specific occasion with certain people present.',
        'en-US': 'An example meeting that happened on a specific occasion with certain people present.',
      },
      type: 'http://adlnet.gov/expapi/activities/meeting',
      moreInfo: 'http://virtualmeeting.example.com/345256',
    },
    objectType: 'Activity',
  },
};

// Appendix B (a SubStatement whose object is a StatementRef) and Appendix D (the signed statement).
const SPEC_SUBSTATEMENT = {
  actor: { objectType: 'Agent', mbox: 'mailto:test@example.com' },
  verb: { id: 'http://example.com/planned', display: { 'en-US': 'planned' } },
  object: {
    objectType: 'SubStatement',
    actor: { objectType: 'Agent', mbox: 'mailto:agent@example.com' },
    verb: { id: 'http://example.com/confirmed', display: { en: 'confirmed' } },
    object: { objectType: 'StatementRef', id: '9e13cefd-53d3-4eac-b5ed-2cf6693903bb' },
  },
};
const SPEC_SIGNED = {
  version: '1.0.0',
  id: '33cff416-e331-4c9d-969e-5373a1756120',
  actor: { mbox: 'mailto:example@example.com', name: 'Example Learner', objectType: 'Agent' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
  object: {
    id: 'https://www.youtube.com/watch?v=xh4kIiH3Sm8',
    objectType: 'Activity',
    definition: { name: { 'en-US': 'Tax Tips & Information : How to File a Tax Return ' } },
  },
  timestamp: '2013-04-01T12:00:00Z',
  attachments: [
    {
      usageType: 'http://adlnet.gov/expapi/attachments/signature',
      display: { 'en-US': 'Signature' },
      description: { 'en-US': 'A test signature' },
      contentType: 'application/octet-stream',
      length: 4235,
      sha2: '672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634',
    },
  ],
};

// The Brightspace Data Streams enrollment envelope (seed 004), placeholders filled with real values.
const TENANT = '0b4e9f3c-52a1-4d6e-9a57-3c1f8e2d7b60';
const BRIGHTSPACE_ENROLLED = {
  id: '5d7e2a0c-9f41-4b8e-a3c6-1e2f3a4b5c6d',
  timestamp: '2023-07-14T15:04:05.123Z',
  actor: {
    account: {
      homePage: `https://${TENANT}.lms.d2l.com/`,
      name: 'urn:uuid:8c1f4e2a-7b3d-4c5e-9f60-a1b2c3d4e5f6',
    },
  },
  verb: { id: 'https://api.brightspace.com/xapi/verbs/enrolled' },
  object: {
    objectType: 'Activity',
    id: 'urn:uuid:2f3e4d5c-6b7a-4891-a2b3-c4d5e6f70819',
    definition: { type: 'https://api.brightspace.com/xapi/activities/tools/classlist' },
  },
  context: {
    contextActivities: {
      category: [{ id: 'https://api.brightspace.com/xapi/profiles/brightspace-activity-v1p0.jsonld' }],
    },
    registration: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    extensions: {
      'https://api.brightspace.com/xapi/extension_keys/context/actor': {
        userId: '12345',
        imsRoleIds: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
        impersonatingUserId: '678',
        roleId: '110',
      },
      'https://api.brightspace.com/xapi/extension_keys/context/object': { id: '6606' },
      'https://api.brightspace.com/xapi/extension_keys/context/context': {
        tenantId: TENANT,
        originalEventId: 'c0ffee00-1234-4abc-9def-0123456789ab',
        orgUnitType: 'Course Offering',
        orgUnitId: '6606',
      },
    },
  },
};

const VALID: Record<string, object> = {
  'the simple example statement (Appendix A)': SPEC_SIMPLE,
  'the simplest possible statement (Data 2.4)': SPEC_SIMPLEST,
  'the attempted example with a duration in seconds (Appendix A)': SPEC_ATTEMPTED,
  'the long example statement (Appendix A)': SPEC_LONG,
  'the SubStatement example (Appendix B)': SPEC_SUBSTATEMENT,
  'the signed statement with its signature attachment (Appendix D)': SPEC_SIGNED,
  'a Brightspace Data Streams enrollment statement (seed 004)': BRIGHTSPACE_ENROLLED,
};

/** The statement as a 2.0 producer would send it: a `version` it carries becomes 2.0.0. */
function as2(statement: object): object {
  return 'version' in statement ? { ...statement, version: '2.0.0' } : statement;
}

describe('valid examples', () => {
  it.each(Object.entries(VALID))('accepts %s in 1.0.3 and 2.0', (_, statement) => {
    expect(validateStatement(statement, { version: '1.0.3' })).toEqual([]);
    expect(validateStatement(as2(statement), { version: '2.0.0' })).toEqual([]);
  });

  it('accepts a whole batch of valid statements', () => {
    expect(validateStatements(Object.values(VALID), { version: '1.0.3' })).toEqual([]);
  });
});

const anything = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: true,
  withTypedArray: true,
  withObjectString: true,
  withUnicodeString: true,
});
const versions = fc.constantFrom<XapiVersion>('1.0.3', '2.0.0');

function expectIssueList(issues: Issue[]): void {
  expect(Array.isArray(issues)).toBe(true);
  for (const issue of issues) {
    expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'path']);
    expect(issue.code).toMatch(/^xapi\.[a-z0-9_]+$/);
    expect(typeof issue.path).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

type PathKeys = Array<string | number>;

/** Every path to a value inside `value`, and whether it lies inside an extensions map. */
function pathsOf(value: unknown, prefix: PathKeys = [], out: Array<[PathKeys, boolean]> = []) {
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    out.push([path, prefix.includes('extensions')]);
    pathsOf(child, path, out);
  }
  return out;
}

function setAt(root: unknown, path: PathKeys, value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

const examples = Object.values(VALID);
const mutation = fc
  .constantFrom(...examples)
  .chain((statement) =>
    fc.tuple(fc.constant(statement), fc.constantFrom(...pathsOf(statement)), anything, versions),
  );

describe('robustness', () => {
  it('never throws on any value, and returns only well-formed issues', () => {
    fc.assert(
      fc.property(anything, versions, (value, version) => {
        expectIssueList(validateStatement(value, { version }));
        expectIssueList(validateStatements(value, { version }));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on a valid statement with any one value replaced by anything', () => {
    fc.assert(
      fc.property(mutation, ([statement, [path], value, version]) => {
        const mutated = setAt(statement, path, value);
        expectIssueList(validateStatement(mutated, { version }));
        expectIssueList(validateStatements([statement, mutated], { version }));
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects null in place of any value outside extensions, and accepts it inside them', () => {
    fc.assert(
      fc.property(mutation, ([statement, [path, inExtensions]]) => {
        const issues = validateStatement(setAt(statement, path, null), { version: '1.0.3' });
        if (inExtensions) expect(issues).toEqual([]);
        else expect(issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('reports an unreadable statement instead of throwing', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no');
        },
      },
    );
    expect(validateStatement(hostile, { version: '1.0.3' })).toEqual([
      expect.objectContaining({ code: 'xapi.unreadable_value', path: '' }),
    ]);
  });
});
