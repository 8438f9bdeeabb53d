// Event types of the Open edX `enterprise` subdomain.
import { defineEvent } from '../event-definition.js';
import {
  EnterpriseGroup,
  LearnerCreditEnterpriseCourseEnrollment,
  LedgerTransaction,
  SubsidyRedemption,
} from './data.js';

export const SUBSIDY_REDEEMED = defineEvent(
  'org.openedx.enterprise.subsidy.redeemed.v1',
  'redemption',
  SubsidyRedemption,
  {
    signalName: 'SUBSIDY_REDEEMED',
    subdomain: 'enterprise',
    description: 'emitted when an enterprise subsidy is utilized.',
    warning:
      'This event is not being currently used in any of the Open edX services. Review https://github.com/openedx/openedx-events/issues/445 for more information about the future of this event.',
  },
);

export const SUBSIDY_REDEMPTION_REVERSED = defineEvent(
  'org.openedx.enterprise.subsidy.redemption-reversed.v1',
  'redemption',
  SubsidyRedemption,
  {
    signalName: 'SUBSIDY_REDEMPTION_REVERSED',
    subdomain: 'enterprise',
    description: 'emitted when an enterprise subsidy is reversed.',
    warning:
      'This event is not being currently used in any of the Open edX services. Review https://github.com/openedx/openedx-events/issues/445 for more information about the future of this event.',
  },
);

export const LEDGER_TRANSACTION_CREATED = defineEvent(
  'org.openedx.enterprise.subsidy_ledger_transaction.created.v1',
  'ledger_transaction',
  LedgerTransaction,
  {
    signalName: 'LEDGER_TRANSACTION_CREATED',
    subdomain: 'enterprise',
    description:
      'emitted when an enterprise ledger transaction is created. See: https://github.com/openedx/openedx-ledger/tree/main/docs/decisions',
    triggerRepository: 'openedx/enterprise-subsidy',
  },
);

export const LEDGER_TRANSACTION_COMMITTED = defineEvent(
  'org.openedx.enterprise.subsidy_ledger_transaction.committed.v1',
  'ledger_transaction',
  LedgerTransaction,
  {
    signalName: 'LEDGER_TRANSACTION_COMMITTED',
    subdomain: 'enterprise',
    description:
      'emitted when an enterprise ledger transaction is committed. See: https://github.com/openedx/openedx-ledger/tree/main/docs/decisions',
    triggerRepository: 'openedx/enterprise-subsidy',
  },
);

export const LEDGER_TRANSACTION_FAILED = defineEvent(
  'org.openedx.enterprise.subsidy_ledger_transaction.failed.v1',
  'ledger_transaction',
  LedgerTransaction,
  {
    signalName: 'LEDGER_TRANSACTION_FAILED',
    subdomain: 'enterprise',
    description:
      'emitted when an enterprise ledger transaction fails. See: https://github.com/openedx/openedx-ledger/tree/main/docs/decisions',
    triggerRepository: 'openedx/enterprise-subsidy',
  },
);

export const LEDGER_TRANSACTION_REVERSED = defineEvent(
  'org.openedx.enterprise.subsidy_ledger_transaction.reversed.v1',
  'ledger_transaction',
  LedgerTransaction,
  {
    signalName: 'LEDGER_TRANSACTION_REVERSED',
    subdomain: 'enterprise',
    description:
      'emitted when an enterprise ledger transaction is reversed. See: https://github.com/openedx/openedx-ledger/tree/main/docs/decisions',
    triggerRepository: 'openedx/enterprise-subsidy',
  },
);

export const LEARNER_CREDIT_COURSE_ENROLLMENT_REVOKED = defineEvent(
  'org.openedx.enterprise.learner_credit_course_enrollment.revoked.v1',
  'learner_credit_course_enrollment',
  LearnerCreditEnterpriseCourseEnrollment,
  {
    signalName: 'LEARNER_CREDIT_COURSE_ENROLLMENT_REVOKED',
    subdomain: 'enterprise',
    description:
      'emitted when a LearnerCreditEnterpriseCourseEnrollment is revoked. This most often happens when an enterprise learner unenrolls from a course which was LC-subsidized.',
    triggerRepository: 'openedx/edx-enterprise',
  },
);

export const ENTERPRISE_GROUP_DELETED = defineEvent(
  'org.openedx.enterprise.enterprise_group.deleted.v1',
  'enterprise_group',
  EnterpriseGroup,
  {
    signalName: 'ENTERPRISE_GROUP_DELETED',
    subdomain: 'enterprise',
    description: 'emitted when an EnterpriseGroup is deleted.',
    triggerRepository: 'openedx/edx-enterprise',
  },
);

/** Every `enterprise` event, in the library's order. */
export const ENTERPRISE_EVENTS = [
  SUBSIDY_REDEEMED,
  SUBSIDY_REDEMPTION_REVERSED,
  LEDGER_TRANSACTION_CREATED,
  LEDGER_TRANSACTION_COMMITTED,
  LEDGER_TRANSACTION_FAILED,
  LEDGER_TRANSACTION_REVERSED,
  LEARNER_CREDIT_COURSE_ENROLLMENT_REVOKED,
  ENTERPRISE_GROUP_DELETED,
] as const;
