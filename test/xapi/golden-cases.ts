// The fixed inputs of the golden statements, shared by test/xapi/golden.test.ts and
// scripts/xapi-golden.ts (which rewrites the files on purpose, never as a side effect of a test).
import { fileURLToPath } from 'node:url';
import { ALL_EVENTS } from '../../src/catalog/registry.js';
import { parseEventData } from '../../src/catalog/validate.js';
import type { OpenEdxEvent } from '../../src/codecs/codec.js';
import { createMetadata } from '../../src/envelope/index.js';
import type { ProfileName } from '../../src/xapi/profiles/profile.js';
import type { Statement } from '../../src/xapi/statement.js';
import { createTransformer, type Transformer, type TransformerOptions } from '../../src/xapi/transform.js';
import { loadAvroFixtures } from '../reference.js';

export const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
export const GOLDEN_PROFILES: readonly ProfileName[] = ['brightspace', 'adl'];
export const GOLDEN_TENANT = '6f1c1b9e-0d5a-4a57-9f3c-2b8e4d1a7c55';
export const GOLDEN_TIME = '2024-05-14T09:30:12.345678+00:00';

export const GOLDEN_OPTIONS: Omit<TransformerOptions, 'profile'> = {
  tenantId: GOLDEN_TENANT,
  secret: 'golden-secret-never-used-in-production',
  platformUrl: 'https://lms.example.com',
};

// The Python reference cannot serialize these three events, so it has no fixture for them.
const HAND_WRITTEN_PAYLOADS: Readonly<Record<string, Record<string, unknown>>> = {
  'org.openedx.content_authoring.course.certificate_config.changed.v1': {
    certificate_config: {
      certificate_type: 'verified',
      course_key: 'course-v1:edX+DemoX+Demo_Course',
      title: 'Verified Certificate of Achievement',
      signatories: [],
      is_active: true,
    },
  },
  'org.openedx.content_authoring.course.certificate_config.deleted.v1': {
    certificate_config: {
      certificate_type: 'verified',
      course_key: 'course-v1:edX+DemoX+Demo_Course',
      title: 'Verified Certificate of Achievement',
      signatories: [],
      is_active: false,
    },
  },
  'org.openedx.learning.external_grader.score.submitted.v1': {
    score: {
      points_possible: 10,
      points_earned: 8,
      course_id: 'course-v1:edX+DemoX+Demo_Course',
      score_msg: '<p>Good work</p>',
      submission_id: 4242,
      user_id: '12345',
      module_id: 'block-v1:edX+DemoX+Demo_Course+type@problem+block@abc123',
      queue_key: 'queue-key-1',
      queue_name: 'python-grader',
    },
  },
};

export interface GoldenCase {
  readonly eventType: string;
  readonly event: OpenEdxEvent;
}

/** One event per catalog type: its `typical` fixture (with defaults filled) and fixed metadata. */
export function goldenCases(): GoldenCase[] {
  const typical = new Map(
    loadAvroFixtures()
      .filter((f) => f.case === 'typical')
      .map((f) => [f.event_type, f.data_json]),
  );
  return ALL_EVENTS.map((definition, index) => {
    const raw = typical.get(definition.eventType) ?? HAND_WRITTEN_PAYLOADS[definition.eventType];
    if (!raw) throw new Error(`no golden payload for ${definition.eventType}`);
    const parsed = parseEventData(definition, raw);
    if (!parsed.ok) throw new Error(`the golden payload of ${definition.eventType} is invalid`);
    const metadata = createMetadata(definition.eventType, {
      id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
      time: GOLDEN_TIME,
      source: definition.subdomain === 'content_authoring' ? 'openedx/cms/web' : 'openedx/lms/web',
      sourcehost: 'edx.example.com',
      sourcelib: [0, 1, 0],
    });
    return { eventType: definition.eventType, event: { metadata, data: parsed.data } };
  });
}

export function goldenTransformer(profile: ProfileName): Transformer {
  return createTransformer({ ...GOLDEN_OPTIONS, profile });
}

export function goldenPath(profile: ProfileName, eventType: string): string {
  return `${GOLDEN_DIR}${profile}/${eventType}.json`;
}

/** The text a golden file is written with (then laid out by Biome, like every JSON file here). */
export function goldenText(statements: readonly Statement[]): string {
  return `${JSON.stringify(statements, null, 2)}\n`;
}

/**
 * A golden file's content in one canonical line: exact in every key, value and key order, blind
 * only to layout, so that the formatter may lay the files out as it does all JSON.
 */
export function canonicalGolden(text: string): string {
  return JSON.stringify(JSON.parse(text));
}
