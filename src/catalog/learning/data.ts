// Data classes of the Open edX `learning` subdomain, fields in attrs (Avro) order.
import {
  array,
  boolean,
  type DataOf,
  dataClass,
  datetime,
  defaulted,
  double,
  key,
  long,
  map,
  nullable,
  record,
  string,
} from '../fields.js';

/** Data related to a user object that does not contain personal information (PII). */
export const UserNonPersonalData = dataClass(
  'UserNonPersonalData',
  {
    subdomain: 'learning',
    doc: 'Data related to a user object that does not contain personal information (PII).',
  },
  {
    id: long(),
    is_active: boolean(),
  },
);
export type UserNonPersonalData = DataOf<typeof UserNonPersonalData>;

/** Data related to a user object that contains personal information (PII). */
export const UserPersonalData = dataClass(
  'UserPersonalData',
  { subdomain: 'learning', doc: 'Data related to a user object that contains personal information (PII).' },
  {
    username: string(),
    email: string(),
    name: defaulted(string(), () => '', 'str'),
  },
);
export type UserPersonalData = DataOf<typeof UserPersonalData>;

/** Data related to a user object, including personal information and non-personal information. */
export const UserData = dataClass(
  'UserData',
  {
    subdomain: 'learning',
    doc: 'Data related to a user object, including personal information and non-personal information.',
    bases: ['UserNonPersonalData'],
  },
  {
    id: long(),
    is_active: boolean(),
    pii: record(UserPersonalData),
  },
);
export type UserData = DataOf<typeof UserData>;

/** Data related to a course object. */
export const CourseData = dataClass(
  'CourseData',
  { subdomain: 'learning', doc: 'Data related to a course object.' },
  {
    course_key: key('CourseKey'),
    display_name: defaulted(string(), () => '', 'str'),
    start: nullable(datetime()),
    end: nullable(datetime()),
  },
);
export type CourseData = DataOf<typeof CourseData>;

/** Represents data for a CCX (Custom Courses for edX) course. */
export const CcxCourseData = dataClass(
  'CcxCourseData',
  { subdomain: 'learning', doc: 'Represents data for a CCX (Custom Courses for edX) course.' },
  {
    ccx_course_key: key('CCXLocator'),
    master_course_key: key('CourseKey'),
    display_name: defaulted(string(), () => '', 'str'),
    coach_email: defaulted(string(), () => '', 'str'),
    start: nullable(string()),
    end: nullable(string()),
    max_students_allowed: nullable(long()),
  },
);
export type CcxCourseData = DataOf<typeof CcxCourseData>;

/** Data related to a course enrollment object. */
export const CourseEnrollmentData = dataClass(
  'CourseEnrollmentData',
  { subdomain: 'learning', doc: 'Data related to a course enrollment object.' },
  {
    user: record(UserData),
    course: record(CourseData),
    mode: string(),
    is_active: boolean(),
    creation_date: datetime(),
    created_by: nullable(record(UserData)),
  },
);
export type CourseEnrollmentData = DataOf<typeof CourseEnrollmentData>;

/** Data related to a certificate object. */
export const CertificateData = dataClass(
  'CertificateData',
  { subdomain: 'learning', doc: 'Data related to a certificate object.' },
  {
    user: record(UserData),
    course: record(CourseData),
    mode: string(),
    grade: string(),
    download_url: string(),
    name: string(),
    current_status: string(),
    previous_status: defaulted(string(), () => '', 'str'),
  },
);
export type CertificateData = DataOf<typeof CertificateData>;

/** Attributes defined for cohort membership object. */
export const CohortData = dataClass(
  'CohortData',
  { subdomain: 'learning', doc: 'Attributes defined for cohort membership object.' },
  {
    user: record(UserData),
    course: record(CourseData),
    name: string(),
  },
);
export type CohortData = DataOf<typeof CohortData>;

/** Data related to a discussion topic context. */
export const DiscussionTopicContext = dataClass(
  'DiscussionTopicContext',
  { subdomain: 'learning', doc: 'Data related to a discussion topic context.' },
  {
    title: string(),
    usage_key: nullable(key('UsageKey')),
    group_id: nullable(long()),
    external_id: nullable(string()),
    ordering: nullable(long()),
    context: defaulted(map(string()), () => ({}), 'dict'),
  },
);
export type DiscussionTopicContext = DataOf<typeof DiscussionTopicContext>;

/** Data related to a course discussion configuration object. */
export const CourseDiscussionConfigurationData = dataClass(
  'CourseDiscussionConfigurationData',
  { subdomain: 'learning', doc: 'Data related to a course discussion configuration object.' },
  {
    course_key: key('CourseKey'),
    provider_type: string(),
    enabled: defaulted(boolean(), () => true, 'True'),
    enable_in_context: defaulted(boolean(), () => true, 'True'),
    enable_graded_units: defaulted(boolean(), () => false, 'False'),
    unit_level_visibility: defaulted(boolean(), () => false, 'False'),
    plugin_configuration: defaulted(map(boolean()), () => ({}), 'dict'),
    contexts: defaulted(array(record(DiscussionTopicContext)), () => [], 'list'),
  },
);
export type CourseDiscussionConfigurationData = DataOf<typeof CourseDiscussionConfigurationData>;

/** Data related to a persistent course grade object. */
export const PersistentCourseGradeData = dataClass(
  'PersistentCourseGradeData',
  { subdomain: 'learning', doc: 'Data related to a persistent course grade object.' },
  {
    user_id: long(),
    course: record(CourseData),
    course_edited_timestamp: datetime(),
    course_version: string(),
    grading_policy_hash: string(),
    percent_grade: double(),
    letter_grade: string(),
    passed_timestamp: datetime(),
  },
);
export type PersistentCourseGradeData = DataOf<typeof PersistentCourseGradeData>;

/** Data needed to update verification count of tags/skills for an XBlock. */
export const XBlockSkillVerificationData = dataClass(
  'XBlockSkillVerificationData',
  { subdomain: 'learning', doc: 'Data needed to update verification count of tags/skills for an XBlock.' },
  {
    usage_key: key('UsageKey'),
    verified_skills: defaulted(array(long()), () => [], 'list'),
    ignored_skills: defaulted(array(long()), () => [], 'list'),
  },
);
export type XBlockSkillVerificationData = DataOf<typeof XBlockSkillVerificationData>;

/** Data related to a user notification object. */
export const UserNotificationData = dataClass(
  'UserNotificationData',
  { subdomain: 'learning', doc: 'Data related to a user notification object.' },
  {
    user_ids: array(long()),
    notification_type: string(),
    content_url: string(),
    app_name: string(),
    course_key: key('CourseKey'),
    context: defaulted(map(string()), () => ({}), 'dict'),
  },
);
export type UserNotificationData = DataOf<typeof UserNotificationData>;

/** Data related to a program object. */
export const ProgramData = dataClass(
  'ProgramData',
  { subdomain: 'learning', doc: 'Data related to a program object.' },
  {
    uuid: string(),
    title: string(),
    program_type: string(),
  },
);
export type ProgramData = DataOf<typeof ProgramData>;

/** Data related to a Program Certificate object. */
export const ProgramCertificateData = dataClass(
  'ProgramCertificateData',
  { subdomain: 'learning', doc: 'Data related to a Program Certificate object.' },
  {
    user: record(UserData),
    program: record(ProgramData),
    uuid: string(),
    status: string(),
    url: string(),
    certificate_available_date: nullable(datetime()),
  },
);
export type ProgramCertificateData = DataOf<typeof ProgramCertificateData>;

/** Data for the Open edX Exam downstream effects. */
export const ExamAttemptData = dataClass(
  'ExamAttemptData',
  { subdomain: 'learning', doc: 'Data for the Open edX Exam downstream effects.' },
  {
    student_user: record(UserData),
    course_key: key('CourseKey'),
    usage_key: key('UsageKey'),
    exam_type: string(),
    requesting_user: nullable(record(UserData)),
  },
);
export type ExamAttemptData = DataOf<typeof ExamAttemptData>;

/** Data related to a user's access role in a course. */
export const CourseAccessRoleData = dataClass(
  'CourseAccessRoleData',
  { subdomain: 'learning', doc: "Data related to a user's access role in a course." },
  {
    user: record(UserData),
    org_key: string(),
    course_key: key('CourseKey'),
    role: string(),
  },
);
export type CourseAccessRoleData = DataOf<typeof CourseAccessRoleData>;

/** Data related to a discussion thread object, used to represent Forum events such as comments, responses, and threads. */
export const DiscussionThreadData = dataClass(
  'DiscussionThreadData',
  {
    subdomain: 'learning',
    doc: 'Data related to a discussion thread object, used to represent Forum events such as comments, responses, and threads.',
  },
  {
    body: string(),
    commentable_id: string(),
    id: string(),
    truncated: boolean(),
    url: string(),
    user: record(UserData),
    course_id: key('CourseKey'),
    thread_type: nullable(string()),
    anonymous: nullable(boolean()),
    anonymous_to_peers: nullable(boolean()),
    title: nullable(string()),
    title_truncated: nullable(boolean()),
    group_id: nullable(long()),
    team_id: nullable(long()),
    category_id: nullable(long()),
    category_name: nullable(string()),
    discussion: nullable(map(string())),
    user_course_roles: defaulted(array(string()), () => [], 'list'),
    user_forums_roles: defaulted(array(string()), () => [], 'list'),
    options: defaulted(map(boolean()), () => ({}), 'dict'),
  },
);
export type DiscussionThreadData = DataOf<typeof DiscussionThreadData>;

/** Data related to a course notification object. */
export const CourseNotificationData = dataClass(
  'CourseNotificationData',
  { subdomain: 'learning', doc: 'Data related to a course notification object.' },
  {
    course_key: key('CourseKey'),
    app_name: string(),
    notification_type: string(),
    content_url: string(),
    content_context: defaulted(map(string()), () => ({}), 'dict'),
    audience_filters: defaulted(map(array(string())), () => ({}), 'dict'),
  },
);
export type CourseNotificationData = DataOf<typeof CourseNotificationData>;

/** Data related to the answer submitted by the user in an ORA submission. */
export const ORASubmissionAnswer = dataClass(
  'ORASubmissionAnswer',
  { subdomain: 'learning', doc: 'Data related to the answer submitted by the user in an ORA submission.' },
  {
    parts: defaulted(array(map(string())), () => [], 'list'),
    file_keys: defaulted(array(string()), () => [], 'list'),
    file_descriptions: defaulted(array(string()), () => [], 'list'),
    file_names: defaulted(array(string()), () => [], 'list'),
    file_sizes: defaulted(array(long()), () => [], 'list'),
    file_urls: defaulted(array(string()), () => [], 'list'),
  },
);
export type ORASubmissionAnswer = DataOf<typeof ORASubmissionAnswer>;

/** Data associated to the ORA assessment submitted by a user. */
export const ORASubmissionData = dataClass(
  'ORASubmissionData',
  { subdomain: 'learning', doc: 'Data associated to the ORA assessment submitted by a user.' },
  {
    uuid: string(),
    anonymous_user_id: string(),
    location: string(),
    attempt_number: long(),
    created_at: datetime(),
    submitted_at: datetime(),
    answer: record(ORASubmissionAnswer),
  },
);
export type ORASubmissionData = DataOf<typeof ORASubmissionData>;

/** Represents the event data when a user's grade is updated, indicates if current grade is enough for course passing. */
export const CoursePassingStatusData = dataClass(
  'CoursePassingStatusData',
  {
    subdomain: 'learning',
    doc: "Represents the event data when a user's grade is updated, indicates if current grade is enough for course passing.",
  },
  {
    is_passing: boolean(),
    course: record(CourseData),
    user: record(UserData),
  },
);
export type CoursePassingStatusData = DataOf<typeof CoursePassingStatusData>;

/** Extends CoursePassingStatusData for CCX courses, specifying CCX course data. */
export const CcxCoursePassingStatusData = dataClass(
  'CcxCoursePassingStatusData',
  {
    subdomain: 'learning',
    doc: 'Extends CoursePassingStatusData for CCX courses, specifying CCX course data.',
    bases: ['CoursePassingStatusData'],
  },
  {
    is_passing: boolean(),
    user: record(UserData),
    course: record(CcxCourseData),
  },
);
export type CcxCoursePassingStatusData = DataOf<typeof CcxCoursePassingStatusData>;

/** Data related to a badge template object. */
export const BadgeTemplateData = dataClass(
  'BadgeTemplateData',
  { subdomain: 'learning', doc: 'Data related to a badge template object.' },
  {
    uuid: string(),
    origin: string(),
    name: nullable(string()),
    description: nullable(string()),
    image_url: nullable(string()),
  },
);
export type BadgeTemplateData = DataOf<typeof BadgeTemplateData>;

/** Data related to a badge object. */
export const BadgeData = dataClass(
  'BadgeData',
  { subdomain: 'learning', doc: 'Data related to a badge object.' },
  {
    uuid: string(),
    user: record(UserData),
    template: record(BadgeTemplateData),
  },
);
export type BadgeData = DataOf<typeof BadgeData>;

/** Data related to a IDV attempt object. */
export const VerificationAttemptData = dataClass(
  'VerificationAttemptData',
  { subdomain: 'learning', doc: 'Data related to a IDV attempt object.' },
  {
    attempt_id: long(),
    user: record(UserData),
    status: string(),
    name: nullable(string()),
    expiration_date: nullable(datetime()),
  },
);
export type VerificationAttemptData = DataOf<typeof VerificationAttemptData>;

/** Class that encapsulates score data provided by an external grader. */
export const ExternalGraderScoreData = dataClass(
  'ExternalGraderScoreData',
  { subdomain: 'learning', doc: 'Class that encapsulates score data provided by an external grader.' },
  {
    points_possible: long(),
    points_earned: long(),
    course_id: string(),
    score_msg: string(),
    submission_id: long(),
    user_id: string(),
    module_id: string(),
    queue_key: string(),
    queue_name: string(),
  },
);
export type ExternalGraderScoreData = DataOf<typeof ExternalGraderScoreData>;

/** Data required for a successful LTI launch. */
export const LtiProviderLaunchParamsData = dataClass(
  'LtiProviderLaunchParamsData',
  { subdomain: 'learning', doc: 'Data required for a successful LTI launch.' },
  {
    roles: string(),
    context_id: string(),
    user_id: string(),
    extra_params: defaulted(map(string()), () => ({}), 'dict'),
  },
);
export type LtiProviderLaunchParamsData = DataOf<typeof LtiProviderLaunchParamsData>;

/** Class that encapsulates LTI data for an LTI launch event. */
export const LtiProviderLaunchData = dataClass(
  'LtiProviderLaunchData',
  { subdomain: 'learning', doc: 'Class that encapsulates LTI data for an LTI launch event.' },
  {
    user: record(UserData),
    course_key: key('CourseKey'),
    usage_key: key('UsageKey'),
    launch_params: record(LtiProviderLaunchParamsData),
  },
);
export type LtiProviderLaunchData = DataOf<typeof LtiProviderLaunchData>;
