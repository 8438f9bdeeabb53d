// Event types of the Open edX `learning` subdomain.
import { defineEvent } from '../event-definition.js';
import {
  BadgeData,
  CcxCoursePassingStatusData,
  CertificateData,
  CohortData,
  CourseAccessRoleData,
  CourseDiscussionConfigurationData,
  CourseEnrollmentData,
  CourseNotificationData,
  CoursePassingStatusData,
  DiscussionThreadData,
  ExamAttemptData,
  ExternalGraderScoreData,
  LtiProviderLaunchData,
  ORASubmissionData,
  PersistentCourseGradeData,
  ProgramCertificateData,
  UserData,
  UserNotificationData,
  VerificationAttemptData,
  XBlockSkillVerificationData,
} from './data.js';

export const STUDENT_REGISTRATION_COMPLETED = defineEvent(
  'org.openedx.learning.student.registration.completed.v1',
  'user',
  UserData,
  {
    signalName: 'STUDENT_REGISTRATION_COMPLETED',
    subdomain: 'learning',
    description: 'Emitted when a user completes registration in Open edX.',
    eventKeyField: 'user.pii.username',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const SESSION_LOGIN_COMPLETED = defineEvent(
  'org.openedx.learning.auth.session.login.completed.v1',
  'user',
  UserData,
  {
    signalName: 'SESSION_LOGIN_COMPLETED',
    subdomain: 'learning',
    description: 'Emitted when a user logs in to Open edX.',
    eventKeyField: 'user.pii.username',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const COURSE_ENROLLMENT_CREATED = defineEvent(
  'org.openedx.learning.course.enrollment.created.v1',
  'enrollment',
  CourseEnrollmentData,
  {
    signalName: 'COURSE_ENROLLMENT_CREATED',
    subdomain: 'learning',
    description: 'Emitted when the user enrolls in a course.',
    eventKeyField: 'enrollment.course.course_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const COURSE_ENROLLMENT_CHANGED = defineEvent(
  'org.openedx.learning.course.enrollment.changed.v1',
  'enrollment',
  CourseEnrollmentData,
  {
    signalName: 'COURSE_ENROLLMENT_CHANGED',
    subdomain: 'learning',
    description: 'Emitted when the enrollment for a user in a course changes.',
    eventKeyField: 'enrollment.course.course_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const COURSE_UNENROLLMENT_COMPLETED = defineEvent(
  'org.openedx.learning.course.unenrollment.completed.v1',
  'enrollment',
  CourseEnrollmentData,
  {
    signalName: 'COURSE_UNENROLLMENT_COMPLETED',
    subdomain: 'learning',
    description: 'Emitted when the user unenrolls from a course.',
    eventKeyField: 'enrollment.course.course_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const CERTIFICATE_CREATED = defineEvent(
  'org.openedx.learning.certificate.created.v1',
  'certificate',
  CertificateData,
  {
    signalName: 'CERTIFICATE_CREATED',
    subdomain: 'learning',
    description: 'Emitted when a certificate is created for a user.',
    eventKeyField: 'certificate.course.course_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const PROGRAM_CERTIFICATE_AWARDED = defineEvent(
  'org.openedx.learning.program.certificate.awarded.v1',
  'program_certificate',
  ProgramCertificateData,
  {
    signalName: 'PROGRAM_CERTIFICATE_AWARDED',
    subdomain: 'learning',
    description: 'Emitted when a program certificate is awarded to a learner.',
    eventKeyField: 'program_certificate.program.uuid',
    triggerRepository: 'openedx/credentials',
  },
);

export const CERTIFICATE_CHANGED = defineEvent(
  'org.openedx.learning.certificate.changed.v1',
  'certificate',
  CertificateData,
  {
    signalName: 'CERTIFICATE_CHANGED',
    subdomain: 'learning',
    description: "Emitted when the user's certificate changes.",
    triggerRepository: 'openedx/edx-platform',
  },
);

export const CERTIFICATE_REVOKED = defineEvent(
  'org.openedx.learning.certificate.revoked.v1',
  'certificate',
  CertificateData,
  {
    signalName: 'CERTIFICATE_REVOKED',
    subdomain: 'learning',
    description: 'Emitted when a certificate is revoked from a user.',
    eventKeyField: 'certificate.course.course_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const PROGRAM_CERTIFICATE_REVOKED = defineEvent(
  'org.openedx.learning.program.certificate.revoked.v1',
  'program_certificate',
  ProgramCertificateData,
  {
    signalName: 'PROGRAM_CERTIFICATE_REVOKED',
    subdomain: 'learning',
    description: 'Emit when a program certificate is revoked from a learner.',
    eventKeyField: 'program_certificate.program.uuid',
    triggerRepository: 'openedx/credentials',
  },
);

export const COHORT_MEMBERSHIP_CHANGED = defineEvent(
  'org.openedx.learning.cohort_membership.changed.v1',
  'cohort',
  CohortData,
  {
    signalName: 'COHORT_MEMBERSHIP_CHANGED',
    subdomain: 'learning',
    description: "Emitted when a user's cohort membership changes.",
    triggerRepository: 'openedx/edx-platform',
  },
);

export const COURSE_DISCUSSIONS_CHANGED = defineEvent(
  'org.openedx.learning.discussions.configuration.changed.v1',
  'configuration',
  CourseDiscussionConfigurationData,
  {
    signalName: 'COURSE_DISCUSSIONS_CHANGED',
    subdomain: 'learning',
    description: "Emitted when the configuration for a course's discussions changes in the course.",
    warning:
      'This event is currently incompatible with the event bus, list with complex types like ``List[DiscussionTopicContext]`` cannot be serialized yet.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const PERSISTENT_GRADE_SUMMARY_CHANGED = defineEvent(
  'org.openedx.learning.course.persistent_grade_summary.changed.v1',
  'grade',
  PersistentCourseGradeData,
  {
    signalName: 'PERSISTENT_GRADE_SUMMARY_CHANGED',
    subdomain: 'learning',
    description: "Emitted when a course's persistent grade summary changes for a user.",
    triggerRepository: 'openedx/edx-platform',
  },
);

export const XBLOCK_SKILL_VERIFIED = defineEvent(
  'org.openedx.learning.xblock.skill.verified.v1',
  'xblock_info',
  XBlockSkillVerificationData,
  {
    signalName: 'XBLOCK_SKILL_VERIFIED',
    subdomain: 'learning',
    description: 'Emitted when an XBlock skill is verified.',
    eventKeyField: 'xblock_info.usage_key',
    triggerRepository: 'openedx/xblock-skill-tagging',
  },
);

export const USER_NOTIFICATION_REQUESTED = defineEvent(
  'org.openedx.learning.user.notification.requested.v1',
  'notification_data',
  UserNotificationData,
  {
    signalName: 'USER_NOTIFICATION_REQUESTED',
    subdomain: 'learning',
    description: 'Can be emitted from apps to send user notifications.',
    warning:
      'This event is currently incompatible with the event bus, list without annotations are not serializable.',
    triggerRepository: 'openedx/edx-platform openedx/edx-ora2',
  },
);

export const EXAM_ATTEMPT_SUBMITTED = defineEvent(
  'org.openedx.learning.exam.attempt.submitted.v1',
  'exam_attempt',
  ExamAttemptData,
  {
    signalName: 'EXAM_ATTEMPT_SUBMITTED',
    subdomain: 'learning',
    description: 'Emitted when an exam attempt is submitted by a learner in edx-exams.',
    triggerRepository: 'edx/edx-exams',
  },
);

export const EXAM_ATTEMPT_REJECTED = defineEvent(
  'org.openedx.learning.exam.attempt.rejected.v1',
  'exam_attempt',
  ExamAttemptData,
  {
    signalName: 'EXAM_ATTEMPT_REJECTED',
    subdomain: 'learning',
    description: 'Emitted when an exam attempt is marked rejected in edx-exams.',
    triggerRepository: 'edx/edx-exams',
  },
);

export const EXAM_ATTEMPT_VERIFIED = defineEvent(
  'org.openedx.learning.exam.attempt.verified.v1',
  'exam_attempt',
  ExamAttemptData,
  {
    signalName: 'EXAM_ATTEMPT_VERIFIED',
    subdomain: 'learning',
    description: 'Emitted when an exam attempt is marked verified in edx-exams.',
    triggerRepository: 'edx/edx-exams',
  },
);

export const EXAM_ATTEMPT_ERRORED = defineEvent(
  'org.openedx.learning.exam.attempt.errored.v1',
  'exam_attempt',
  ExamAttemptData,
  {
    signalName: 'EXAM_ATTEMPT_ERRORED',
    subdomain: 'learning',
    description: "Emitted when a learner's exam attempt errors out in edx-exams.",
    triggerRepository: 'edx/edx-exams',
  },
);

export const EXAM_ATTEMPT_RESET = defineEvent(
  'org.openedx.learning.exam.attempt.reset.v1',
  'exam_attempt',
  ExamAttemptData,
  {
    signalName: 'EXAM_ATTEMPT_RESET',
    subdomain: 'learning',
    description: 'Emitted when an exam attempt is reset in edx-exams.',
    triggerRepository: 'edx/edx-exams',
  },
);

export const COURSE_ACCESS_ROLE_ADDED = defineEvent(
  'org.openedx.learning.user.course_access_role.added.v1',
  'course_access_role_data',
  CourseAccessRoleData,
  {
    signalName: 'COURSE_ACCESS_ROLE_ADDED',
    subdomain: 'learning',
    description: 'Emitted when a user is given a course access role.',
    eventKeyField: 'course_access_role_data.course_key',
  },
);

export const COURSE_ACCESS_ROLE_REMOVED = defineEvent(
  'org.openedx.learning.user.course_access_role.removed.v1',
  'course_access_role_data',
  CourseAccessRoleData,
  {
    signalName: 'COURSE_ACCESS_ROLE_REMOVED',
    subdomain: 'learning',
    description: 'Emitted when a course access role is removed from a user.',
    eventKeyField: 'course_access_role_data.course_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const FORUM_THREAD_CREATED = defineEvent(
  'org.openedx.learning.forum.thread.created.v1',
  'thread',
  DiscussionThreadData,
  {
    signalName: 'FORUM_THREAD_CREATED',
    subdomain: 'learning',
    description: 'Emitted when a new thread is created in a discussion.',
    warning:
      'This event is currently incompatible with the event bus, dict without annotations are not serializable.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const FORUM_THREAD_RESPONSE_CREATED = defineEvent(
  'org.openedx.learning.forum.thread.response.created.v1',
  'thread',
  DiscussionThreadData,
  {
    signalName: 'FORUM_THREAD_RESPONSE_CREATED',
    subdomain: 'learning',
    description: 'Emitted when a new response is added to a thread.',
    warning:
      'This event is currently incompatible with the event bus, dict without annotations are not serializable.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const FORUM_RESPONSE_COMMENT_CREATED = defineEvent(
  'org.openedx.learning.forum.thread.response.comment.created.v1',
  'thread',
  DiscussionThreadData,
  {
    signalName: 'FORUM_RESPONSE_COMMENT_CREATED',
    subdomain: 'learning',
    description: 'Emitted when a new comment is added to a response.',
    warning:
      'This event is currently incompatible with the event bus, dict without annotations are not serializable.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const COURSE_NOTIFICATION_REQUESTED = defineEvent(
  'org.openedx.learning.course.notification.requested.v1',
  'course_notification_data',
  CourseNotificationData,
  {
    signalName: 'COURSE_NOTIFICATION_REQUESTED',
    subdomain: 'learning',
    description: 'Emitted when a notification is requested for a course.',
    warning:
      'This event is currently incompatible with the event bus, dict without annotations are not serializable.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const ORA_SUBMISSION_CREATED = defineEvent(
  'org.openedx.learning.ora.submission.created.v1',
  'submission',
  ORASubmissionData,
  {
    signalName: 'ORA_SUBMISSION_CREATED',
    subdomain: 'learning',
    description: 'Emitted when a user submits an ORA assignment.',
    warning: 'This event is currently incompatible with the event bus, list[dict] cannot be serialized yet.',
    triggerRepository: 'openedx/edx-ora2',
  },
);

export const COURSE_PASSING_STATUS_UPDATED = defineEvent(
  'org.openedx.learning.course.passing.status.updated.v1',
  'course_passing_status',
  CoursePassingStatusData,
  {
    signalName: 'COURSE_PASSING_STATUS_UPDATED',
    subdomain: 'learning',
    description: 'Emitted when course grade updates.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const CCX_COURSE_PASSING_STATUS_UPDATED = defineEvent(
  'org.openedx.learning.ccx.course.passing.status.updated.v1',
  'course_passing_status',
  CcxCoursePassingStatusData,
  {
    signalName: 'CCX_COURSE_PASSING_STATUS_UPDATED',
    subdomain: 'learning',
    description: 'Emitted when a CCX course grade updates.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const BADGE_AWARDED = defineEvent('org.openedx.learning.badge.awarded.v1', 'badge', BadgeData, {
  signalName: 'BADGE_AWARDED',
  subdomain: 'learning',
  description: 'Emit when a badge is awarded to a learner.',
  triggerRepository: 'openedx/credentials',
});

export const BADGE_REVOKED = defineEvent('org.openedx.learning.badge.revoked.v1', 'badge', BadgeData, {
  signalName: 'BADGE_REVOKED',
  subdomain: 'learning',
  description: 'Emit when a badge is revoked for a learner,',
  triggerRepository: 'openedx/credentials',
});

export const IDV_ATTEMPT_CREATED = defineEvent(
  'org.openedx.learning.idv_attempt.created.v1',
  'idv_attempt',
  VerificationAttemptData,
  {
    signalName: 'IDV_ATTEMPT_CREATED',
    subdomain: 'learning',
    description: 'Emitted when an IDV attempt is created.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const IDV_ATTEMPT_PENDING = defineEvent(
  'org.openedx.learning.idv_attempt.pending.v1',
  'idv_attempt',
  VerificationAttemptData,
  {
    signalName: 'IDV_ATTEMPT_PENDING',
    subdomain: 'learning',
    description: 'Emitted when an IDV attempt is marked as pending.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const IDV_ATTEMPT_APPROVED = defineEvent(
  'org.openedx.learning.idv_attempt.approved.v1',
  'idv_attempt',
  VerificationAttemptData,
  {
    signalName: 'IDV_ATTEMPT_APPROVED',
    subdomain: 'learning',
    description: 'Emitted when an IDV attempt is approved.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const IDV_ATTEMPT_DENIED = defineEvent(
  'org.openedx.learning.idv_attempt.denied.v1',
  'idv_attempt',
  VerificationAttemptData,
  {
    signalName: 'IDV_ATTEMPT_DENIED',
    subdomain: 'learning',
    description: 'Emitted when an IDV attempt is denied.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const EXTERNAL_GRADER_SCORE_SUBMITTED = defineEvent(
  'org.openedx.learning.external_grader.score.submitted.v1',
  'score',
  ExternalGraderScoreData,
  {
    signalName: 'EXTERNAL_GRADER_SCORE_SUBMITTED',
    subdomain: 'learning',
    description: 'emitted when an external grader provides a score for a submission',
    serializable: false,
  },
);

export const LTI_PROVIDER_LAUNCH_SUCCESS = defineEvent(
  'org.openedx.learning.lti_provider.launch.success.v1',
  'launch_data',
  LtiProviderLaunchData,
  {
    signalName: 'LTI_PROVIDER_LAUNCH_SUCCESS',
    subdomain: 'learning',
    description: 'emitted when a student accesses learning content via LTI',
  },
);

/** Every `learning` event, in the library's order. */
export const LEARNING_EVENTS = [
  STUDENT_REGISTRATION_COMPLETED,
  SESSION_LOGIN_COMPLETED,
  COURSE_ENROLLMENT_CREATED,
  COURSE_ENROLLMENT_CHANGED,
  COURSE_UNENROLLMENT_COMPLETED,
  CERTIFICATE_CREATED,
  PROGRAM_CERTIFICATE_AWARDED,
  CERTIFICATE_CHANGED,
  CERTIFICATE_REVOKED,
  PROGRAM_CERTIFICATE_REVOKED,
  COHORT_MEMBERSHIP_CHANGED,
  COURSE_DISCUSSIONS_CHANGED,
  PERSISTENT_GRADE_SUMMARY_CHANGED,
  XBLOCK_SKILL_VERIFIED,
  USER_NOTIFICATION_REQUESTED,
  EXAM_ATTEMPT_SUBMITTED,
  EXAM_ATTEMPT_REJECTED,
  EXAM_ATTEMPT_VERIFIED,
  EXAM_ATTEMPT_ERRORED,
  EXAM_ATTEMPT_RESET,
  COURSE_ACCESS_ROLE_ADDED,
  COURSE_ACCESS_ROLE_REMOVED,
  FORUM_THREAD_CREATED,
  FORUM_THREAD_RESPONSE_CREATED,
  FORUM_RESPONSE_COMMENT_CREATED,
  COURSE_NOTIFICATION_REQUESTED,
  ORA_SUBMISSION_CREATED,
  COURSE_PASSING_STATUS_UPDATED,
  CCX_COURSE_PASSING_STATUS_UPDATED,
  BADGE_AWARDED,
  BADGE_REVOKED,
  IDV_ATTEMPT_CREATED,
  IDV_ATTEMPT_PENDING,
  IDV_ATTEMPT_APPROVED,
  IDV_ATTEMPT_DENIED,
  EXTERNAL_GRADER_SCORE_SUBMITTED,
  LTI_PROVIDER_LAUNCH_SUCCESS,
] as const;
