// The events an LMS emits most, weighted roughly as they occur: the mix every bench uses.
export const MIX: ReadonlyArray<readonly [string, number]> = [
  ['org.openedx.learning.auth.session.login.completed.v1', 20],
  ['org.openedx.learning.course.enrollment.created.v1', 12],
  ['org.openedx.learning.course.persistent_grade_summary.changed.v1', 15],
  ['org.openedx.learning.course.passing.status.updated.v1', 8],
  ['org.openedx.learning.forum.thread.created.v1', 6],
  ['org.openedx.learning.forum.thread.response.created.v1', 6],
  ['org.openedx.learning.certificate.created.v1', 4],
  ['org.openedx.learning.ora.submission.created.v1', 5],
  ['org.openedx.learning.exam.attempt.submitted.v1', 4],
  ['org.openedx.content_authoring.xblock.published.v1', 8],
  ['org.openedx.learning.course.unenrollment.completed.v1', 4],
  ['org.openedx.learning.student.registration.completed.v1', 4],
  ['org.openedx.learning.badge.awarded.v1', 2],
  ['org.openedx.learning.cohort_membership.changed.v1', 2],
];
