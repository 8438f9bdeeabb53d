// The Brightspace Data Streams vocabulary (shared/reference/xapi.md §a): IRIs, verbs, org unit types.

export const BRIGHTSPACE_XAPI = 'https://api.brightspace.com/xapi/';
export const BRIGHTSPACE_PROFILE_IRI = `${BRIGHTSPACE_XAPI}profiles/brightspace-activity-v1p0.jsonld`;
export const BRIGHTSPACE_VERB_PREFIX = `${BRIGHTSPACE_XAPI}verbs/`;
export const BRIGHTSPACE_ACTIVITY_PREFIX = `${BRIGHTSPACE_XAPI}activities/`;

// Literal types, so that the statement builder can spell the keys out and tsc still checks them.
export const EXT_ACTOR = `${BRIGHTSPACE_XAPI}extension_keys/context/actor` as const;
export const EXT_OBJECT = `${BRIGHTSPACE_XAPI}extension_keys/context/object` as const;
export const EXT_CONTEXT = `${BRIGHTSPACE_XAPI}extension_keys/context/context` as const;
export const EXT_TARGET = `${BRIGHTSPACE_XAPI}extension_keys/context/target`;

/** The complete Brightspace verb list (§a.3). */
export const BRIGHTSPACE_VERBS = [
  'accessed',
  'associated',
  'awarded',
  'created',
  'completed',
  'deleted',
  'downloaded',
  'drafted',
  'enrolled',
  'evaluated',
  'exempted',
  'expired',
  'impersonation_ended',
  'impersonation_started',
  'launched',
  'logged_in',
  'logged_out',
  'predicted',
  'read',
  'recycled',
  'released',
  'replied',
  'restored',
  'revoked',
  'started',
  'submitted',
  'timed_out',
  'unenrolled',
  'unexempted',
  'unread',
  'updated',
  'viewed',
] as const;
export type BrightspaceVerb = (typeof BRIGHTSPACE_VERBS)[number];

/** Org unit types as Brightspace names them: a course run is a "Course Offering". */
export const ORG_UNIT_COURSE = 'Course Offering';
export const ORG_UNIT_ORGANIZATION = 'Organization';

const LIS = 'urn:lti:role:ims/lis/';
export const IMS_LEARNER = `${LIS}Learner`;

// Open edX course roles (`get_user_role` and CourseAccessRole names) as LIS context roles, following
// xblock-lti-consumer (staff → Administrator). Roles with no LIS meaning map to no role.
const IMS_BY_ROLE: Readonly<Record<string, readonly string[]>> = {
  student: [IMS_LEARNER],
  beta_testers: [IMS_LEARNER],
  instructor: [`${LIS}Instructor`],
  ccx_coach: [`${LIS}Instructor`],
  staff: [`${LIS}Administrator`],
};
const NO_ROLES: readonly string[] = [];

/** The LIS roles of an Open edX course role; none for roles LIS has no name for. */
export function imsRolesOf(role: string | undefined): readonly string[] {
  return role === undefined ? NO_ROLES : (IMS_BY_ROLE[role] ?? NO_ROLES);
}

/** LTI launch roles (`Learner,urn:lti:role:ims/lis/Instructor`) as full LIS role URNs. */
export function imsRolesOfLti(roles: string): string[] {
  const out: string[] = [];
  for (const part of roles.split(',')) {
    const role = part.trim();
    if (role !== '') out.push(role.includes(':') ? role : `${LIS}${role}`);
  }
  return out;
}
