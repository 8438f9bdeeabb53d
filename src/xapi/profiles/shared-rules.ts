import { type NotMapped, notMapped, type OtherEventType, type RuleTableFor } from './profile.js';

const TRACKING = notMapped(
  'a raw tracking-log event carried whole; edstream maps the typed events, which name the same actions',
);
const ENTERPRISE = notMapped('enterprise subsidy and ledger accounting; it records no learning activity');
const AUTHZ = notMapped(
  "names its subject by username only (`user^<username>`): personal data, and no user id to match the subject's other statements",
);

/** The analytics, enterprise and authz events: neither profile has a counterpart for them. */
export const OTHER_RULES = {
  'org.openedx.analytics.tracking.event.emitted.v1': TRACKING,
  'org.openedx.enterprise.subsidy.redeemed.v1': ENTERPRISE,
  'org.openedx.enterprise.subsidy.redemption-reversed.v1': ENTERPRISE,
  'org.openedx.enterprise.subsidy_ledger_transaction.created.v1': ENTERPRISE,
  'org.openedx.enterprise.subsidy_ledger_transaction.committed.v1': ENTERPRISE,
  'org.openedx.enterprise.subsidy_ledger_transaction.failed.v1': ENTERPRISE,
  'org.openedx.enterprise.subsidy_ledger_transaction.reversed.v1': ENTERPRISE,
  'org.openedx.enterprise.learner_credit_course_enrollment.revoked.v1': notMapped(
    'revokes the subsidy behind an enrollment; the unenrollment itself arrives as course.unenrollment.completed',
  ),
  'org.openedx.enterprise.enterprise_group.deleted.v1': notMapped(
    'carries only the group uuid: no members, no course',
  ),
  'org.openedx.authz.role_assignment.created': AUTHZ,
  'org.openedx.authz.role_assignment.deleted': AUTHZ,
} satisfies RuleTableFor<OtherEventType, never>;

/** The same reason for every event of a kind, e.g. all authoring events in the ADL profile. */
export function allNotMapped<T extends string>(types: readonly T[], reason: string): Record<T, NotMapped> {
  const rule = notMapped(reason);
  return Object.fromEntries(types.map((t) => [t, rule])) as Record<T, NotMapped>;
}
