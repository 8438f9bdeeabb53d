// The small rule builders of the Brightspace learning table: one per Brightspace event family.
import type { CourseEnrollmentData, ExamAttemptData, UserData } from '../../../catalog/learning/data.js';
import { userActor } from '../actors.js';
import type { Rule } from '../profile.js';
import type { BrightspaceFacts } from './statement.js';
import type { BrightspaceVerb } from './vocabulary.js';

type BrightspaceRule<P> = Rule<P, BrightspaceFacts>;

// Enrollment Events (§a.4): the actor is the enrolled user, the object the class, the registration
// the ContextUUID (class × user).
export function classlist(
  verbs: readonly BrightspaceVerb[],
  verbOf: (p: CourseEnrollmentData) => BrightspaceVerb,
) {
  return {
    verbs,
    types: ['tools/classlist'],
    map: (p: CourseEnrollmentData): BrightspaceFacts => ({
      verb: verbOf(p),
      type: 'tools/classlist',
      actor: userActor(p.user),
      role: 'student',
      object: { kind: 'class', id: p.course.course_key },
      orgUnit: p.course.course_key,
      registration: 'context',
    }),
  } satisfies BrightspaceRule<CourseEnrollmentData>;
}

// Award Issued Events: certificates and badges are awards; the issuance is the object.
export interface Issuance {
  user: UserData;
  awardId: string;
  issuanceId: string;
  course: string | null;
}

export function awardIssue<P>(verb: BrightspaceVerb, issuance: (p: P) => Issuance): BrightspaceRule<P> {
  return {
    verbs: [verb],
    types: ['tools/award/issue'],
    map: (p) => {
      const { user, awardId, issuanceId, course } = issuance(p);
      return {
        verb,
        type: 'tools/award/issue',
        actor: userActor(user),
        role: course === null ? undefined : 'student',
        object: {
          kind: 'award_issuance',
          id: issuanceId,
          extra: { awardId, issuanceId, issuedUserId: String(user.id) },
        },
        orgUnit: course,
        registration: 'orgUnit',
      };
    },
  };
}

// QuizAttemptEvent: the object is the attempt, `context/target` the exam. The actor stays the
// student whoever triggered the change (as event-routing-backends does); the verb says what
// happened and `status` keeps the Open edX outcome, which Brightspace verbs cannot tell apart.
export function quizAttempt(
  verb: BrightspaceVerb,
  status: string,
  note: string,
): BrightspaceRule<ExamAttemptData> {
  return {
    verbs: [verb],
    types: ['tools/quiz/attempt'],
    note: `${note}; the actor is the student, \`context/object.status\` is \`${status}\``,
    map: (p) => ({
      verb,
      type: 'tools/quiz/attempt',
      actor: userActor(p.student_user),
      role: 'student',
      object: { kind: 'quiz_attempt', id: `${p.usage_key}/${p.student_user.id}`, extra: { status } },
      target: p.usage_key,
      orgUnit: p.course_key,
      registration: 'orgUnit',
    }),
  };
}

export function identityVerification(verb: BrightspaceVerb) {
  return {
    verbs: [verb],
    types: ['users/identity_verification'],
    map: (p: { attempt_id: number | bigint; user: UserData; status: string }): BrightspaceFacts => ({
      verb,
      type: 'users/identity_verification',
      actor: userActor(p.user),
      object: { kind: 'identity_verification', id: String(p.attempt_id), extra: { status: p.status } },
      orgUnit: null,
      registration: 'orgUnit',
    }),
  };
}

export function forumPost(type: 'tools/discussion/thread' | 'tools/discussion/post') {
  return {
    verbs: ['created'],
    types: [type],
    map: (p: { id: string; course_id: string; user: UserData; user_course_roles?: string[] }) => ({
      verb: 'created',
      type,
      actor: userActor(p.user),
      role: courseRole(p.user_course_roles),
      object: {
        kind: type === 'tools/discussion/thread' ? 'discussion_thread' : 'discussion_post',
        id: p.id,
      },
      orgUnit: p.course_id,
      registration: 'orgUnit',
    }),
  } satisfies BrightspaceRule<{
    id: string;
    course_id: string;
    user: UserData;
    user_course_roles?: string[];
  }>;
}

/** The strongest course role a forum author holds, in `get_user_role` terms. */
function courseRole(roles: readonly string[] | undefined): string {
  const lower = (roles ?? []).map((r) => r.toLowerCase());
  if (lower.includes('instructor')) return 'instructor';
  if (lower.includes('staff')) return 'staff';
  return 'student';
}

export function finalGrade(course: string, user: UserData): BrightspaceFacts {
  return {
    verb: 'updated',
    type: 'tools/grade/final',
    actor: userActor(user),
    role: 'student',
    object: { kind: 'final_grade', id: `${course}/${user.id}` },
    orgUnit: course,
    registration: 'context',
  };
}

export function courseCertificate(p: { user: UserData; course: { course_key: string } }): Issuance {
  const course = p.course.course_key;
  return { user: p.user, awardId: course, issuanceId: `${course}/${p.user.id}`, course };
}

export function programCertificate(p: { user: UserData; uuid: string; program: { uuid: string } }): Issuance {
  return { user: p.user, awardId: p.program.uuid, issuanceId: p.uuid, course: null };
}

export function badge(p: { user: UserData; uuid: string; template: { uuid: string } }): Issuance {
  return { user: p.user, awardId: p.template.uuid, issuanceId: p.uuid, course: null };
}
