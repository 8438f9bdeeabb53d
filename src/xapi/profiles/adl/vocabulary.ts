// The ADL / Open edX vocabulary of event-routing-backends (shared/reference/xapi.md §b).
import type { Verb } from '../../statement.js';

function verb(id: string, en: string): Readonly<Verb> & { readonly display: { readonly en: string } } {
  return Object.freeze({ id, display: Object.freeze({ en }) });
}

export const ADL_VERBS = {
  registered: verb('http://adlnet.gov/expapi/verbs/registered', 'registered'),
  unregistered: verb('http://id.tincanapi.com/verb/unregistered', 'unregistered'),
  passed: verb('http://adlnet.gov/expapi/verbs/passed', 'passed'),
  failed: verb('http://adlnet.gov/expapi/verbs/failed', 'failed'),
  earned: verb('http://id.tincanapi.com/verb/earned', 'earned'),
  posted: verb('https://w3id.org/xapi/acrossx/verbs/posted', 'posted'),
  terminated: verb('http://adlnet.gov/expapi/verbs/terminated', 'terminated'),
  loggedIn: verb('https://w3id.org/xapi/adl/verbs/logged-in', 'logged-in'),
  launched: verb('http://adlnet.gov/expapi/verbs/launched', 'launched'),
  answered: verb('http://adlnet.gov/expapi/verbs/answered', 'answered'),
  attempted: verb('http://adlnet.gov/expapi/verbs/attempted', 'attempted'),
} as const;
export type AdlVerbName = keyof typeof ADL_VERBS;

export const ADL_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  lms: 'http://id.tincanapi.com/activitytype/lms',
  discussion: 'http://id.tincanapi.com/activitytype/discussion',
  certificate: 'http://id.tincanapi.com/activitytype/certificate',
  badge: 'http://activitystrea.ms/schema/1.0/badge',
  question: 'http://adlnet.gov/expapi/activities/question',
  resource: 'http://id.tincanapi.com/activitytype/resource',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
} as const;

/** event-routing-backends' special-exam activity types, by Open edX `exam_type`. */
const EXAM_TYPES: Readonly<Record<string, string>> = {
  timed: 'https://w3id.org/xapi/openedx/activity/timed-assessment',
  practice: 'https://w3id.org/xapi/openedx/activity/practice-assessment',
  proctored: 'https://w3id.org/xapi/openedx/activity/proctored-assessment',
};

export function examActivityType(examType: string): string {
  return EXAM_TYPES[examType] ?? ADL_TYPES.assessment;
}

export const EXT_TRANSFORMER_VERSION = 'https://w3id.org/xapi/openedx/extension/transformer-version';
export const EXT_ACROSSX_TYPE = 'https://w3id.org/xapi/acrossx/extensions/type';
export const EXT_ATTEMPT_ID = 'http://id.tincanapi.com/extension/attempt-id';
export const EXT_GRADE_CLASSIFICATION = 'http://www.tincanapi.co.uk/activitytypes/grade_classification';

// Characters an IRI path segment may hold as they are (RFC 3987 ipchar without pct-encoded), plus
// `/` which Open edX's deprecated keys contain; everything else in a platform id is %-encoded.
const SAFE_SEGMENT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]*$/;

/** A platform id made safe as the tail of an IRI; the ids Open edX uses pass through unchanged (a lone surrogate becomes U+FFFD). */
export function iriSegment(id: string): string {
  if (SAFE_SEGMENT.test(id)) return id;
  let out = '';
  for (const char of id) {
    if (SAFE_SEGMENT.test(char)) out += char;
    else if (char.length === 1 && char >= '\uD800' && char <= '\uDFFF') out += '%EF%BF%BD';
    else out += encodeURIComponent(char);
  }
  return out;
}
