// Data classes of the Open edX `enterprise` subdomain, fields in attrs (Avro) order.
import {
  boolean,
  type DataOf,
  dataClass,
  datetime,
  key,
  long,
  nullable,
  record,
  string,
  uuid,
} from '../fields.js';

/** Data related to a Subsidy Redemption object. */
export const SubsidyRedemption = dataClass(
  'SubsidyRedemption',
  { subdomain: 'enterprise', doc: 'Data related to a Subsidy Redemption object.' },
  {
    subsidy_identifier: string(),
    content_key: string(),
    lms_user_id: long(),
  },
);
export type SubsidyRedemption = DataOf<typeof SubsidyRedemption>;

/** Data related to a Ledger Transaction object. */
export const BaseLedgerTransaction = dataClass(
  'BaseLedgerTransaction',
  { subdomain: 'enterprise', doc: 'Data related to a Ledger Transaction object.' },
  {
    uuid: uuid(),
    created: datetime(),
    modified: datetime(),
    idempotency_key: string(),
    quantity: long(),
    state: string(),
  },
);
export type BaseLedgerTransaction = DataOf<typeof BaseLedgerTransaction>;

/** Attributes of an ``openedx_ledger.Reversal`` record. */
export const LedgerTransactionReversal = dataClass(
  'LedgerTransactionReversal',
  {
    subdomain: 'enterprise',
    doc: 'Attributes of an ``openedx_ledger.Reversal`` record.',
    bases: ['BaseLedgerTransaction'],
  },
  {
    uuid: uuid(),
    created: datetime(),
    modified: datetime(),
    idempotency_key: string(),
    quantity: long(),
    state: string(),
  },
);
export type LedgerTransactionReversal = DataOf<typeof LedgerTransactionReversal>;

/** Attributes of an ``openedx_ledger.Transaction`` record. */
export const LedgerTransaction = dataClass(
  'LedgerTransaction',
  {
    subdomain: 'enterprise',
    doc: 'Attributes of an ``openedx_ledger.Transaction`` record.',
    bases: ['BaseLedgerTransaction'],
  },
  {
    uuid: uuid(),
    created: datetime(),
    modified: datetime(),
    idempotency_key: string(),
    quantity: long(),
    state: string(),
    ledger_uuid: uuid(),
    subsidy_access_policy_uuid: uuid(),
    lms_user_id: long(),
    content_key: key('CourseKey'),
    parent_content_key: nullable(string()),
    fulfillment_identifier: nullable(string()),
    reversal: nullable(record(LedgerTransactionReversal)),
  },
);
export type LedgerTransaction = DataOf<typeof LedgerTransaction>;

/** Data related to an Enterprise Customer User object. */
export const EnterpriseCustomerUser = dataClass(
  'EnterpriseCustomerUser',
  { subdomain: 'enterprise', doc: 'Data related to an Enterprise Customer User object.' },
  {
    id: long(),
    created: datetime(),
    modified: datetime(),
    enterprise_customer_uuid: uuid(),
    user_id: long(),
    active: boolean(),
    linked: boolean(),
    is_relinkable: boolean(),
    should_inactivate_other_customers: boolean(),
    invite_key: nullable(uuid()),
  },
);
export type EnterpriseCustomerUser = DataOf<typeof EnterpriseCustomerUser>;

/** Data related to an Enterprise Course Enrollment object. */
export const EnterpriseCourseEnrollment = dataClass(
  'EnterpriseCourseEnrollment',
  { subdomain: 'enterprise', doc: 'Data related to an Enterprise Course Enrollment object.' },
  {
    id: long(),
    created: datetime(),
    modified: datetime(),
    enterprise_customer_user: record(EnterpriseCustomerUser),
    course_id: key('CourseKey'),
    saved_for_later: boolean(),
    source_slug: nullable(string()),
    unenrolled: nullable(boolean()),
    unenrolled_at: nullable(datetime()),
  },
);
export type EnterpriseCourseEnrollment = DataOf<typeof EnterpriseCourseEnrollment>;

/** Defines the common attributes of enterprise fulfillment classes, i.e. ``enterprise.EnterpriseFulfillmentSource``. */
export const BaseEnterpriseFulfillment = dataClass(
  'BaseEnterpriseFulfillment',
  {
    subdomain: 'enterprise',
    doc: 'Defines the common attributes of enterprise fulfillment classes, i.e. ``enterprise.EnterpriseFulfillmentSource``.',
  },
  {
    uuid: uuid(),
    created: datetime(),
    modified: datetime(),
    fulfillment_type: string(),
    is_revoked: boolean(),
    enterprise_course_entitlement_uuid: nullable(uuid()),
    enterprise_course_enrollment: nullable(record(EnterpriseCourseEnrollment)),
  },
);
export type BaseEnterpriseFulfillment = DataOf<typeof BaseEnterpriseFulfillment>;

/** Attributes of an ``enterprise.LearnerCreditEnterpriseCourseEnrollment`` record. */
export const LearnerCreditEnterpriseCourseEnrollment = dataClass(
  'LearnerCreditEnterpriseCourseEnrollment',
  {
    subdomain: 'enterprise',
    doc: 'Attributes of an ``enterprise.LearnerCreditEnterpriseCourseEnrollment`` record.',
    bases: ['BaseEnterpriseFulfillment'],
  },
  {
    uuid: uuid(),
    created: datetime(),
    modified: datetime(),
    fulfillment_type: string(),
    is_revoked: boolean(),
    enterprise_course_entitlement_uuid: nullable(uuid()),
    enterprise_course_enrollment: nullable(record(EnterpriseCourseEnrollment)),
    transaction_id: nullable(uuid()),
  },
);
export type LearnerCreditEnterpriseCourseEnrollment = DataOf<typeof LearnerCreditEnterpriseCourseEnrollment>;

/** Attributes of an ``enterprise.LicensedEnterpriseCourseEnrollment`` record. */
export const LicensedEnterpriseCourseEnrollment = dataClass(
  'LicensedEnterpriseCourseEnrollment',
  {
    subdomain: 'enterprise',
    doc: 'Attributes of an ``enterprise.LicensedEnterpriseCourseEnrollment`` record.',
    bases: ['BaseEnterpriseFulfillment'],
  },
  {
    uuid: uuid(),
    created: datetime(),
    modified: datetime(),
    fulfillment_type: string(),
    is_revoked: boolean(),
    enterprise_course_entitlement_uuid: nullable(uuid()),
    enterprise_course_enrollment: nullable(record(EnterpriseCourseEnrollment)),
    license_uuid: nullable(uuid()),
  },
);
export type LicensedEnterpriseCourseEnrollment = DataOf<typeof LicensedEnterpriseCourseEnrollment>;

/** Attributes of an ``enterprise.EnterpriseGroup`` record. */
export const EnterpriseGroup = dataClass(
  'EnterpriseGroup',
  { subdomain: 'enterprise', doc: 'Attributes of an ``enterprise.EnterpriseGroup`` record.' },
  {
    uuid: uuid(),
  },
);
export type EnterpriseGroup = DataOf<typeof EnterpriseGroup>;
