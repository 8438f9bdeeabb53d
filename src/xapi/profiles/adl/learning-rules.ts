import type { CourseData, CourseEnrollmentData, UserData } from '../../../catalog/learning/data.js';
import { anonymousActor, userActor, userIdActor } from '../actors.js';
import { parentKeyOf } from '../keys.js';
import {
  type LearningEventType,
  type NotMapped,
  notMapped,
  type Rule,
  type RuleTableFor,
} from '../profile.js';
import { type AdlFacts, type AdlObject, coursePath, xblockPath } from './statement.js';
import {
  ADL_TYPES,
  ADL_VERBS,
  type AdlVerbName,
  EXT_ACROSSX_TYPE,
  EXT_ATTEMPT_ID,
  EXT_GRADE_CLASSIFICATION,
  examActivityType,
  iriSegment,
} from './vocabulary.js';

type AdlRule<P> = Rule<P, AdlFacts>;

function facts(verb: AdlVerbName, rest: Omit<AdlFacts, 'verb' | 'role'>): AdlFacts {
  const v = ADL_VERBS[verb];
  return { verb: v, role: v.display.en, ...rest };
}

const LMS: AdlObject = { path: '', type: ADL_TYPES.lms };

function courseRef(course: CourseData): AdlFacts['course'] {
  return { key: course.course_key, name: course.display_name || undefined };
}

function courseObject(course: CourseData, extensions?: AdlObject['extensions']): AdlObject {
  return {
    path: coursePath(course.course_key),
    type: ADL_TYPES.course,
    name: course.display_name || undefined,
    extensions,
  };
}

// Enrollment as event-routing-backends maps it: registered/unregistered on the course, with the mode.
function enrollment(verbs: readonly AdlVerbName[], verbOf: (p: CourseEnrollmentData) => AdlVerbName) {
  return {
    verbs: verbs.map((v) => ADL_VERBS[v].id),
    types: [ADL_TYPES.course],
    map: (p: CourseEnrollmentData) =>
      facts(verbOf(p), {
        actor: userActor(p.user),
        object: courseObject(p.course, { [EXT_ACROSSX_TYPE]: p.mode }),
      }),
  } satisfies AdlRule<CourseEnrollmentData>;
}

function earnedCertificate(p: { user: UserData; course: CourseData }): AdlFacts {
  return facts('earned', {
    actor: userActor(p.user),
    object: {
      path: `${coursePath(p.course.course_key)}/certificate`,
      type: ADL_TYPES.certificate,
      name: p.course.display_name || undefined,
    },
    course: courseRef(p.course),
  });
}

function passing(
  p: { is_passing: boolean; user: UserData },
  key: string,
  name: string | undefined,
): AdlFacts {
  return facts(p.is_passing ? 'passed' : 'failed', {
    actor: userActor(p.user),
    object: { path: coursePath(key), type: ADL_TYPES.course, name },
  });
}

type ForumPost = { id: string; course_id: string; user: UserData; thread_type?: string | null };
function posted(collection: 'threads' | 'comments'): AdlRule<ForumPost> {
  return {
    verbs: [ADL_VERBS.posted.id],
    types: [ADL_TYPES.discussion],
    map: (p) =>
      facts('posted', {
        actor: userActor(p.user),
        object: { path: `/api/discussion/v1/${collection}/${iriSegment(p.id)}`, type: ADL_TYPES.discussion },
        course: { key: p.course_id },
        extensions: p.thread_type ? { [EXT_ACROSSX_TYPE]: p.thread_type } : undefined,
      }),
  };
}

type IdvAttempt = { attempt_id: number | bigint; user: UserData };
function identityVerification(verb: AdlVerbName): AdlRule<IdvAttempt> {
  return {
    verbs: [ADL_VERBS[verb].id],
    types: [ADL_TYPES.assessment],
    map: (p) =>
      facts(verb, {
        actor: userActor(p.user),
        object: { path: '/verify_student', type: ADL_TYPES.assessment, name: 'Identity verification' },
        extensions: { [EXT_ATTEMPT_ID]: String(p.attempt_id) },
      }),
  };
}

const REVOKED = notMapped(
  'a revocation is an administrative act with no ADL verb; the earned statement would have to be voided, and its id is not known here',
);
const EXAM_REVIEW = notMapped(
  "a proctoring outcome or reset is a reviewer's or staff member's act, not the learner's; the score arrives with the grade events",
);
const NOT_DOWNLOADABLE = notMapped('the certificate is not downloadable, so nothing was earned');

export const ADL_LEARNING_RULES: RuleTableFor<LearningEventType, AdlFacts> = {
  'org.openedx.learning.student.registration.completed.v1': {
    verbs: [ADL_VERBS.registered.id],
    types: [ADL_TYPES.lms],
    note: 'registered with the platform (the object is the LMS, not a course)',
    map: (p) => facts('registered', { actor: userActor(p), object: LMS }),
  },
  'org.openedx.learning.auth.session.login.completed.v1': {
    verbs: [ADL_VERBS.loggedIn.id],
    types: [ADL_TYPES.lms],
    map: (p) => facts('loggedIn', { actor: userActor(p), object: LMS }),
  },
  'org.openedx.learning.course.enrollment.created.v1': enrollment(['registered'], () => 'registered'),
  'org.openedx.learning.course.enrollment.changed.v1': {
    ...enrollment(['registered', 'unregistered'], (p) => (p.is_active ? 'registered' : 'unregistered')),
    note: '`registered` while `is_active` (a mode change re-registers, as in event-routing-backends), else `unregistered`',
  },
  'org.openedx.learning.course.unenrollment.completed.v1': enrollment(['unregistered'], () => 'unregistered'),
  'org.openedx.learning.certificate.created.v1': {
    verbs: [ADL_VERBS.earned.id],
    types: [ADL_TYPES.certificate],
    map: earnedCertificate,
  },
  'org.openedx.learning.certificate.changed.v1': {
    verbs: [ADL_VERBS.earned.id],
    types: [ADL_TYPES.certificate],
    note: 'only when `current_status` is `downloadable`; other changes are not mapped',
    map: (p): AdlFacts | NotMapped =>
      p.current_status === 'downloadable' ? earnedCertificate(p) : NOT_DOWNLOADABLE,
  },
  'org.openedx.learning.certificate.revoked.v1': REVOKED,
  'org.openedx.learning.program.certificate.awarded.v1': {
    verbs: [ADL_VERBS.earned.id],
    types: [ADL_TYPES.certificate],
    map: (p) =>
      facts('earned', {
        actor: userActor(p.user),
        object: {
          path: `/program/${iriSegment(p.program.uuid)}/certificate`,
          type: ADL_TYPES.certificate,
          name: p.program.title || undefined,
        },
      }),
  },
  'org.openedx.learning.program.certificate.revoked.v1': REVOKED,
  'org.openedx.learning.cohort_membership.changed.v1': notMapped(
    'cohort placement is done by staff or automatically, not by the learner; ADL has no group-membership verb',
  ),
  'org.openedx.learning.discussions.configuration.changed.v1': notMapped(
    "a course's discussion provider settings, naming no user",
  ),
  'org.openedx.learning.course.persistent_grade_summary.changed.v1': {
    verbs: [ADL_VERBS.earned.id],
    types: [ADL_TYPES.course],
    note: 'result.score from `percent_grade`; success when the learner has passed; the letter grade as grade_classification',
    map: (p) =>
      facts('earned', {
        actor: userIdActor(p.user_id),
        object: courseObject(p.course),
        result: {
          // A fraction of 1 by definition; anything else would make the statement invalid.
          ...(p.percent_grade >= 0 && p.percent_grade <= 1
            ? { score: { scaled: p.percent_grade, raw: p.percent_grade, min: 0, max: 1 } }
            : {}),
          success: p.passed_timestamp !== '',
          ...(p.letter_grade ? { extensions: { [EXT_GRADE_CLASSIFICATION]: p.letter_grade } } : {}),
        },
      }),
  },
  'org.openedx.learning.xblock.skill.verified.v1': notMapped('names no user, only a block and skill ids'),
  'org.openedx.learning.user.notification.requested.v1': notMapped(
    'a request to notify users: messaging, not a learning record',
  ),
  'org.openedx.learning.course.notification.requested.v1': notMapped(
    'a request to notify a course audience: messaging, not a learning record',
  ),
  'org.openedx.learning.exam.attempt.submitted.v1': {
    verbs: [ADL_VERBS.terminated.id],
    types: ['https://w3id.org/xapi/openedx/activity/{timed,practice,proctored}-assessment'],
    note: 'as event-routing-backends maps a submitted special exam; Open edX emits no attempt-started event, so there is no `initialized`',
    map: (p) =>
      facts('terminated', {
        actor: userActor(p.student_user),
        object: { path: xblockPath(p.usage_key), type: examActivityType(p.exam_type) },
        course: { key: p.course_key },
      }),
  },
  'org.openedx.learning.exam.attempt.verified.v1': EXAM_REVIEW,
  'org.openedx.learning.exam.attempt.rejected.v1': EXAM_REVIEW,
  'org.openedx.learning.exam.attempt.errored.v1': notMapped(
    'a proctoring software failure, not an act of the learner',
  ),
  'org.openedx.learning.exam.attempt.reset.v1': EXAM_REVIEW,
  'org.openedx.learning.user.course_access_role.added.v1': notMapped(
    'a staff role granted in a course: administration, not a learning experience',
  ),
  'org.openedx.learning.user.course_access_role.removed.v1': notMapped(
    'a staff role removed in a course: administration, not a learning experience',
  ),
  'org.openedx.learning.forum.thread.created.v1': posted('threads'),
  'org.openedx.learning.forum.thread.response.created.v1': posted('comments'),
  'org.openedx.learning.forum.thread.response.comment.created.v1': posted('comments'),
  'org.openedx.learning.ora.submission.created.v1': {
    verbs: [ADL_VERBS.answered.id],
    types: [ADL_TYPES.question],
    note: 'ADL has no `submitted`; an open response answers a prompt. The answer text stays out (it is the learner’s own writing)',
    map: (p) => {
      const course = parentKeyOf(p.location);
      return facts('answered', {
        actor: anonymousActor(p.anonymous_user_id),
        object: { path: xblockPath(p.location), type: ADL_TYPES.question },
        course: course === null ? undefined : { key: course },
        extensions: { [EXT_ATTEMPT_ID]: String(p.attempt_number) },
      });
    },
  },
  'org.openedx.learning.course.passing.status.updated.v1': {
    verbs: [ADL_VERBS.passed.id, ADL_VERBS.failed.id],
    types: [ADL_TYPES.course],
    note: '`passed` when `is_passing`, else `failed`',
    map: (p) => passing(p, p.course.course_key, p.course.display_name || undefined),
  },
  'org.openedx.learning.ccx.course.passing.status.updated.v1': {
    verbs: [ADL_VERBS.passed.id, ADL_VERBS.failed.id],
    types: [ADL_TYPES.course],
    note: 'the object is the CCX course',
    map: (p) => passing(p, p.course.ccx_course_key, p.course.display_name || undefined),
  },
  'org.openedx.learning.badge.awarded.v1': {
    verbs: [ADL_VERBS.earned.id],
    types: [ADL_TYPES.badge],
    map: (p) =>
      facts('earned', {
        actor: userActor(p.user),
        object: {
          path: `/badges/${iriSegment(p.template.uuid)}`,
          type: ADL_TYPES.badge,
          name: p.template.name || undefined,
        },
      }),
  },
  'org.openedx.learning.badge.revoked.v1': REVOKED,
  'org.openedx.learning.idv_attempt.created.v1': identityVerification('attempted'),
  'org.openedx.learning.idv_attempt.pending.v1': notMapped(
    'the attempt was handed to the verification service: a system step, not an act of the learner',
  ),
  'org.openedx.learning.idv_attempt.approved.v1': identityVerification('passed'),
  'org.openedx.learning.idv_attempt.denied.v1': identityVerification('failed'),
  'org.openedx.learning.external_grader.score.submitted.v1': notMapped(
    "a grader's score that the Python library cannot put on the bus; the learner's grade arrives as persistent_grade_summary.changed",
  ),
  'org.openedx.learning.lti_provider.launch.success.v1': {
    verbs: [ADL_VERBS.launched.id],
    types: [ADL_TYPES.resource],
    map: (p) =>
      facts('launched', {
        actor: userActor(p.user),
        object: { path: xblockPath(p.usage_key), type: ADL_TYPES.resource },
        course: { key: p.course_key },
      }),
  },
};
