import { anonymousActor, userActor, userIdActor } from '../actors.js';
import { parentKeyOf } from '../keys.js';
import { type LearningEventType, notMapped, type RuleTableFor } from '../profile.js';
import {
  awardIssue,
  badge,
  classlist,
  courseCertificate,
  finalGrade,
  forumPost,
  identityVerification,
  programCertificate,
  quizAttempt,
} from './rule-builders.js';
import type { BrightspaceFacts } from './statement.js';
import { imsRolesOfLti } from './vocabulary.js';

export const BRIGHTSPACE_LEARNING_RULES: RuleTableFor<LearningEventType, BrightspaceFacts> = {
  'org.openedx.learning.student.registration.completed.v1': {
    verbs: ['created'],
    types: ['users'],
    note: 'Brightspace documents no user event; `users` follows its `users/impersonation` naming',
    map: (p) => ({
      verb: 'created',
      type: 'users',
      actor: userActor(p),
      object: { kind: 'user', id: String(p.id) },
      orgUnit: null,
      registration: 'orgUnit',
    }),
  },
  'org.openedx.learning.auth.session.login.completed.v1': {
    verbs: ['logged_in'],
    types: ['organization'],
    map: (p) => ({
      verb: 'logged_in',
      type: 'organization',
      actor: userActor(p),
      orgUnit: null,
      registration: 'orgUnit',
      contextRoles: [],
    }),
  },
  'org.openedx.learning.course.enrollment.created.v1': classlist(['enrolled'], () => 'enrolled'),
  'org.openedx.learning.course.enrollment.changed.v1': {
    ...classlist(['enrolled', 'unenrolled'], (p) => (p.is_active ? 'enrolled' : 'unenrolled')),
    note: '`enrolled` while `is_active`, else `unenrolled`',
  },
  'org.openedx.learning.course.unenrollment.completed.v1': classlist(['unenrolled'], () => 'unenrolled'),
  'org.openedx.learning.certificate.created.v1': awardIssue('created', courseCertificate),
  'org.openedx.learning.certificate.changed.v1': awardIssue('updated', courseCertificate),
  'org.openedx.learning.certificate.revoked.v1': awardIssue('revoked', courseCertificate),
  'org.openedx.learning.program.certificate.awarded.v1': awardIssue('created', programCertificate),
  'org.openedx.learning.program.certificate.revoked.v1': awardIssue('revoked', programCertificate),
  'org.openedx.learning.badge.awarded.v1': awardIssue('created', badge),
  'org.openedx.learning.badge.revoked.v1': awardIssue('revoked', badge),
  'org.openedx.learning.cohort_membership.changed.v1': {
    verbs: ['enrolled'],
    types: ['tools/groups'],
    note: 'Brightspace groups are org units learners are enrolled in',
    map: (p) => ({
      verb: 'enrolled',
      type: 'tools/groups',
      actor: userActor(p.user),
      role: 'student',
      object: { kind: 'group', id: `${p.course.course_key}/${p.name}` },
      orgUnit: p.course.course_key,
      registration: 'context',
    }),
  },
  'org.openedx.learning.discussions.configuration.changed.v1': notMapped(
    "a course's discussion provider settings, naming no user; Brightspace discussion events describe forums, topics, threads and posts",
  ),
  'org.openedx.learning.course.persistent_grade_summary.changed.v1': {
    verbs: ['updated'],
    types: ['tools/grade'],
    map: (p) => ({
      verb: 'updated',
      type: 'tools/grade',
      actor: userIdActor(p.user_id),
      role: 'student',
      object: { kind: 'grade', id: `${p.course.course_key}/${p.user_id}` },
      orgUnit: p.course.course_key,
      registration: 'context',
    }),
  },
  'org.openedx.learning.xblock.skill.verified.v1': notMapped(
    'names no user, only a block and skill ids; Brightspace has no skill-tagging event',
  ),
  'org.openedx.learning.user.notification.requested.v1': notMapped(
    'a request to notify users: messaging, not a learning record',
  ),
  'org.openedx.learning.course.notification.requested.v1': notMapped(
    'a request to notify a course audience: messaging, not a learning record',
  ),
  'org.openedx.learning.exam.attempt.submitted.v1': quizAttempt(
    'submitted',
    'submitted',
    'the learner hands the attempt in',
  ),
  'org.openedx.learning.exam.attempt.verified.v1': quizAttempt(
    'evaluated',
    'verified',
    'a proctoring review evaluated the attempt and accepted it',
  ),
  'org.openedx.learning.exam.attempt.rejected.v1': quizAttempt(
    'evaluated',
    'rejected',
    'a proctoring review evaluated the attempt and rejected it',
  ),
  'org.openedx.learning.exam.attempt.errored.v1': quizAttempt(
    'updated',
    'error',
    'the attempt changed state on a proctoring failure; Brightspace has no failure verb',
  ),
  'org.openedx.learning.exam.attempt.reset.v1': quizAttempt(
    'deleted',
    'reset',
    'a reset removes the attempt so that the learner can start again',
  ),
  'org.openedx.learning.user.course_access_role.added.v1': {
    verbs: ['enrolled'],
    types: ['tools/classlist'],
    note: 'Brightspace enrolls staff in a class with a role; `roleId` is the Open edX role',
    map: (p) => ({
      verb: 'enrolled',
      type: 'tools/classlist',
      actor: userActor(p.user),
      role: p.role,
      object: { kind: 'class', id: p.course_key },
      orgUnit: p.course_key,
      registration: 'context',
    }),
  },
  'org.openedx.learning.user.course_access_role.removed.v1': {
    verbs: ['unenrolled'],
    types: ['tools/classlist'],
    map: (p) => ({
      verb: 'unenrolled',
      type: 'tools/classlist',
      actor: userActor(p.user),
      role: p.role,
      object: { kind: 'class', id: p.course_key },
      orgUnit: p.course_key,
      registration: 'context',
    }),
  },
  'org.openedx.learning.forum.thread.created.v1': forumPost('tools/discussion/thread'),
  'org.openedx.learning.forum.thread.response.created.v1': forumPost('tools/discussion/post'),
  'org.openedx.learning.forum.thread.response.comment.created.v1': forumPost('tools/discussion/post'),
  'org.openedx.learning.ora.submission.created.v1': {
    verbs: ['submitted'],
    types: ['tools/assignment/folder'],
    note: 'the learner is known only by `anonymous_user_id`, so the actor is a different pseudonym',
    map: (p) => ({
      verb: 'submitted',
      type: 'tools/assignment/folder',
      actor: anonymousActor(p.anonymous_user_id),
      role: 'student',
      object: { kind: 'assignment_folder', id: p.location },
      orgUnit: parentKeyOf(p.location),
      registration: 'orgUnit',
    }),
  },
  'org.openedx.learning.course.passing.status.updated.v1': {
    verbs: ['updated'],
    types: ['tools/grade/final'],
    note: 'not `released`: Open edX computes passing, no one releases it',
    map: (p) => finalGrade(p.course.course_key, p.user),
  },
  'org.openedx.learning.ccx.course.passing.status.updated.v1': {
    verbs: ['updated'],
    types: ['tools/grade/final'],
    note: 'the CCX course is its own org unit',
    map: (p) => finalGrade(p.course.ccx_course_key, p.user),
  },
  'org.openedx.learning.idv_attempt.created.v1': identityVerification('started'),
  'org.openedx.learning.idv_attempt.pending.v1': identityVerification('submitted'),
  'org.openedx.learning.idv_attempt.approved.v1': identityVerification('evaluated'),
  'org.openedx.learning.idv_attempt.denied.v1': identityVerification('evaluated'),
  'org.openedx.learning.external_grader.score.submitted.v1': notMapped(
    "a grader's score that the Python library cannot put on the bus; the learner's grade arrives as persistent_grade_summary.changed",
  ),
  'org.openedx.learning.lti_provider.launch.success.v1': {
    verbs: ['launched'],
    types: ['tools/lti/link/launch'],
    map: (p) => ({
      verb: 'launched',
      type: 'tools/lti/link/launch',
      actor: userActor(p.user),
      imsRoles: imsRolesOfLti(p.launch_params.roles),
      object: { kind: 'lti_link', id: p.usage_key },
      orgUnit: p.course_key,
      registration: 'orgUnit',
    }),
  },
};
