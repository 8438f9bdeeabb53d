// Data classes of the Open edX `content_authoring` subdomain, fields in attrs (Avro) order.
import {
  array,
  binaryFile,
  boolean,
  type DataOf,
  dataClass,
  datetime,
  defaulted,
  key,
  nullable,
  record,
  string,
} from '../fields.js';

/** Data related to a course object. */
export const CourseData = dataClass(
  'CourseData',
  { subdomain: 'content_authoring', doc: 'Data related to a course object.' },
  {
    course_key: key('CourseKey'),
  },
);
export type CourseData = DataOf<typeof CourseData>;

/** Data related to a course schedule. */
export const CourseScheduleData = dataClass(
  'CourseScheduleData',
  { subdomain: 'content_authoring', doc: 'Data related to a course schedule.' },
  {
    start: datetime(),
    pacing: string(),
    end: nullable(datetime()),
    enrollment_start: nullable(datetime()),
    enrollment_end: nullable(datetime()),
  },
);
export type CourseScheduleData = DataOf<typeof CourseScheduleData>;

/** Data related to a course catalog entry. */
export const CourseCatalogData = dataClass(
  'CourseCatalogData',
  { subdomain: 'content_authoring', doc: 'Data related to a course catalog entry.' },
  {
    course_key: key('CourseKey'),
    name: string(),
    schedule_data: record(CourseScheduleData),
    hidden: defaulted(boolean(), () => false, 'False'),
    invitation_only: defaulted(boolean(), () => false, 'False'),
  },
);
export type CourseCatalogData = DataOf<typeof CourseCatalogData>;

/** Data related to an XBlock object. */
export const XBlockData = dataClass(
  'XBlockData',
  { subdomain: 'content_authoring', doc: 'Data related to an XBlock object.' },
  {
    usage_key: key('UsageKey'),
    block_type: string(),
    version: nullable(key('UsageKey')),
  },
);
export type XBlockData = DataOf<typeof XBlockData>;

/** Data related to an XBlock object that has been duplicated. */
export const DuplicatedXBlockData = dataClass(
  'DuplicatedXBlockData',
  {
    subdomain: 'content_authoring',
    doc: 'Data related to an XBlock object that has been duplicated.',
    bases: ['XBlockData'],
  },
  {
    usage_key: key('UsageKey'),
    block_type: string(),
    version: nullable(key('UsageKey')),
    source_usage_key: key('UsageKey'),
  },
);
export type DuplicatedXBlockData = DataOf<typeof DuplicatedXBlockData>;

/** Data related to a certificate signatory. Subset of CertificateSignatory object from the LMS. */
export const CertificateSignatoryData = dataClass(
  'CertificateSignatoryData',
  {
    subdomain: 'content_authoring',
    doc: 'Data related to a certificate signatory. Subset of CertificateSignatory object from the LMS.',
  },
  {
    image: binaryFile(),
    name: string(),
    organization: string(),
    title: string(),
  },
);
export type CertificateSignatoryData = DataOf<typeof CertificateSignatoryData>;

/** Data related to a certificate configuration. Subset of CertificateConfig object from the LMS. */
export const CertificateConfigData = dataClass(
  'CertificateConfigData',
  {
    subdomain: 'content_authoring',
    doc: 'Data related to a certificate configuration. Subset of CertificateConfig object from the LMS.',
  },
  {
    certificate_type: string(),
    course_key: key('CourseKey'),
    title: string(),
    signatories: defaulted(array(record(CertificateSignatoryData)), () => [], 'list'),
    is_active: defaulted(boolean(), () => false, 'False'),
  },
);
export type CertificateConfigData = DataOf<typeof CertificateConfigData>;

/** Data related to a content library that has changed. */
export const ContentLibraryData = dataClass(
  'ContentLibraryData',
  { subdomain: 'content_authoring', doc: 'Data related to a content library that has changed.' },
  {
    library_key: key('LibraryLocatorV2'),
    update_blocks: defaulted(boolean(), () => false, 'False'),
  },
);
export type ContentLibraryData = DataOf<typeof ContentLibraryData>;

/** Data related to a library block that has changed. */
export const LibraryBlockData = dataClass(
  'LibraryBlockData',
  { subdomain: 'content_authoring', doc: 'Data related to a library block that has changed.' },
  {
    library_key: key('LibraryLocatorV2'),
    usage_key: key('LibraryUsageLocatorV2'),
  },
);
export type LibraryBlockData = DataOf<typeof LibraryBlockData>;

/** Data related to a content object. */
export const ContentObjectData = dataClass(
  'ContentObjectData',
  { subdomain: 'content_authoring', doc: 'Data related to a content object.' },
  {
    object_id: string(),
  },
);
export type ContentObjectData = DataOf<typeof ContentObjectData>;

/** Data related to a content object that has changed. */
export const ContentObjectChangedData = dataClass(
  'ContentObjectChangedData',
  {
    subdomain: 'content_authoring',
    doc: 'Data related to a content object that has changed.',
    bases: ['ContentObjectData'],
  },
  {
    object_id: string(),
    changes: defaulted(array(string()), () => [], 'list'),
  },
);
export type ContentObjectChangedData = DataOf<typeof ContentObjectChangedData>;

/** Data related to a library collection that has changed. */
export const LibraryCollectionData = dataClass(
  'LibraryCollectionData',
  { subdomain: 'content_authoring', doc: 'Data related to a library collection that has changed.' },
  {
    collection_key: key('LibraryCollectionLocator'),
    background: defaulted(boolean(), () => false, 'False'),
  },
);
export type LibraryCollectionData = DataOf<typeof LibraryCollectionData>;

/** Data related to a library container that has changed. */
export const LibraryContainerData = dataClass(
  'LibraryContainerData',
  { subdomain: 'content_authoring', doc: 'Data related to a library container that has changed.' },
  {
    container_key: key('LibraryContainerLocator'),
    background: defaulted(boolean(), () => false, 'False'),
  },
);
export type LibraryContainerData = DataOf<typeof LibraryContainerData>;
