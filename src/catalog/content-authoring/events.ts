// Event types of the Open edX `content_authoring` subdomain.
import { defineEvent } from '../event-definition.js';
import {
  CertificateConfigData,
  ContentLibraryData,
  ContentObjectChangedData,
  ContentObjectData,
  CourseCatalogData,
  CourseData,
  DuplicatedXBlockData,
  LibraryBlockData,
  LibraryCollectionData,
  LibraryContainerData,
  XBlockData,
} from './data.js';

export const COURSE_CATALOG_INFO_CHANGED = defineEvent(
  'org.openedx.content_authoring.course.catalog_info.changed.v1',
  'catalog_info',
  CourseCatalogData,
  {
    signalName: 'COURSE_CATALOG_INFO_CHANGED',
    subdomain: 'content_authoring',
    description: 'Fired when a course changes in Studio in a way that is relevant for catalog consumers.',
    eventKeyField: 'catalog_info.course_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const XBLOCK_CREATED = defineEvent(
  'org.openedx.content_authoring.xblock.created.v1',
  'xblock_info',
  XBlockData,
  {
    signalName: 'XBLOCK_CREATED',
    subdomain: 'content_authoring',
    description: 'Fired when an XBlock is created.',
    eventKeyField: 'xblock_info.usage_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const XBLOCK_UPDATED = defineEvent(
  'org.openedx.content_authoring.xblock.updated.v1',
  'xblock_info',
  XBlockData,
  {
    signalName: 'XBLOCK_UPDATED',
    subdomain: 'content_authoring',
    description: 'Fired when an XBlock is updated.',
    eventKeyField: 'xblock_info.usage_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const XBLOCK_PUBLISHED = defineEvent(
  'org.openedx.content_authoring.xblock.published.v1',
  'xblock_info',
  XBlockData,
  {
    signalName: 'XBLOCK_PUBLISHED',
    subdomain: 'content_authoring',
    description:
      'Fired when an XBlock is published. If a parent block with changes in one or more child blocks is published, only a single XBLOCK_PUBLISHED event is fired with parent block details. For example: If a section is published with changes in multiple units, only a single event is fired with section details like : `XBlockData(usage_key="section-usage-key", block_type="chapter")`',
    eventKeyField: 'xblock_info.usage_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const XBLOCK_DELETED = defineEvent(
  'org.openedx.content_authoring.xblock.deleted.v1',
  'xblock_info',
  XBlockData,
  {
    signalName: 'XBLOCK_DELETED',
    subdomain: 'content_authoring',
    description: 'Fired when an XBlock is deleted.',
    eventKeyField: 'xblock_info.usage_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const XBLOCK_DUPLICATED = defineEvent(
  'org.openedx.content_authoring.xblock.duplicated.v1',
  'xblock_info',
  DuplicatedXBlockData,
  {
    signalName: 'XBLOCK_DUPLICATED',
    subdomain: 'content_authoring',
    description: 'Fired when an XBlock is duplicated in Studio.',
    eventKeyField: 'xblock_info.usage_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const COURSE_CERTIFICATE_CONFIG_CHANGED = defineEvent(
  'org.openedx.content_authoring.course.certificate_config.changed.v1',
  'certificate_config',
  CertificateConfigData,
  {
    signalName: 'COURSE_CERTIFICATE_CONFIG_CHANGED',
    subdomain: 'content_authoring',
    description: 'Fired when a course certificate configuration changes in Studio.',
    warning:
      'This event is not being currently used in any of the Open edX services. Review https://github.com/openedx/openedx-events/issues/445 for more information about the future of this event.',
    serializable: false,
  },
);

export const COURSE_CERTIFICATE_CONFIG_DELETED = defineEvent(
  'org.openedx.content_authoring.course.certificate_config.deleted.v1',
  'certificate_config',
  CertificateConfigData,
  {
    signalName: 'COURSE_CERTIFICATE_CONFIG_DELETED',
    subdomain: 'content_authoring',
    description: 'Fired when a course certificate configuration deletes in Studio.',
    warning:
      'This event is not being currently used in any of the Open edX services. Review https://github.com/openedx/openedx-events/issues/445 for more information about the future of this event.',
    serializable: false,
  },
);

export const COURSE_CREATED = defineEvent(
  'org.openedx.content_authoring.course.created.v1',
  'course',
  CourseData,
  {
    signalName: 'COURSE_CREATED',
    subdomain: 'content_authoring',
    description: 'Emitted when a course is created.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const CONTENT_LIBRARY_CREATED = defineEvent(
  'org.openedx.content_authoring.content_library.created.v1',
  'content_library',
  ContentLibraryData,
  {
    signalName: 'CONTENT_LIBRARY_CREATED',
    subdomain: 'content_authoring',
    description: 'Emitted when a content library is created.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const CONTENT_LIBRARY_UPDATED = defineEvent(
  'org.openedx.content_authoring.content_library.updated.v1',
  'content_library',
  ContentLibraryData,
  {
    signalName: 'CONTENT_LIBRARY_UPDATED',
    subdomain: 'content_authoring',
    description:
      'Emitted when a content library is updated, such as its name is changed. This is NOT sent when the only changes are to items within the library, even though that affects the "last updated" and potentially "last published" or "has unpublished changes" aspects of the library overall. To detect those, subscribe to the detailed LIBRARY_* events.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const CONTENT_LIBRARY_DELETED = defineEvent(
  'org.openedx.content_authoring.content_library.deleted.v1',
  'content_library',
  ContentLibraryData,
  {
    signalName: 'CONTENT_LIBRARY_DELETED',
    subdomain: 'content_authoring',
    description: 'Emitted when a content library is deleted.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const LIBRARY_BLOCK_CREATED = defineEvent(
  'org.openedx.content_authoring.library_block.created.v1',
  'library_block',
  LibraryBlockData,
  {
    signalName: 'LIBRARY_BLOCK_CREATED',
    subdomain: 'content_authoring',
    description: 'Emitted when a library XBlock is created.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const LIBRARY_BLOCK_UPDATED = defineEvent(
  'org.openedx.content_authoring.library_block.updated.v1',
  'library_block',
  LibraryBlockData,
  {
    signalName: 'LIBRARY_BLOCK_UPDATED',
    subdomain: 'content_authoring',
    description: 'Emitted when a library XBlock (draft) is updated.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const LIBRARY_BLOCK_DELETED = defineEvent(
  'org.openedx.content_authoring.library_block.deleted.v1',
  'library_block',
  LibraryBlockData,
  {
    signalName: 'LIBRARY_BLOCK_DELETED',
    subdomain: 'content_authoring',
    description: 'Emitted when a library XBlock (draft) is deleted.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const LIBRARY_BLOCK_PUBLISHED = defineEvent(
  'org.openedx.content_authoring.library_block.published.v1',
  'library_block',
  LibraryBlockData,
  {
    signalName: 'LIBRARY_BLOCK_PUBLISHED',
    subdomain: 'content_authoring',
    description:
      'Emitted when a library XBlock is published. Also when a library block draft is deleted and then the deletion is published.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const CONTENT_OBJECT_ASSOCIATIONS_CHANGED = defineEvent(
  'org.openedx.content_authoring.content.object.associations.changed.v1',
  'content_object',
  ContentObjectChangedData,
  {
    signalName: 'CONTENT_OBJECT_ASSOCIATIONS_CHANGED',
    subdomain: 'content_authoring',
    description: "Emitted when an object's associations are changed, e.g tags, collections",
    triggerRepository: 'openedx/edx-platform',
  },
);

export const CONTENT_OBJECT_TAGS_CHANGED = defineEvent(
  'org.openedx.content_authoring.content.object.tags.changed.v1',
  'content_object',
  ContentObjectData,
  {
    signalName: 'CONTENT_OBJECT_TAGS_CHANGED',
    subdomain: 'content_authoring',
    description: "Emitted when an object's tags are changed.",
    warning: '**DEPRECATED** please use CONTENT_OBJECT_ASSOCIATIONS_CHANGED instead.',
    deprecated: true,
  },
);

export const LIBRARY_COLLECTION_CREATED = defineEvent(
  'org.openedx.content_authoring.content_library.collection.created.v1',
  'library_collection',
  LibraryCollectionData,
  {
    signalName: 'LIBRARY_COLLECTION_CREATED',
    subdomain: 'content_authoring',
    description: 'Emitted when a content library collection is created.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const LIBRARY_COLLECTION_UPDATED = defineEvent(
  'org.openedx.content_authoring.content_library.collection.updated.v1',
  'library_collection',
  LibraryCollectionData,
  {
    signalName: 'LIBRARY_COLLECTION_UPDATED',
    subdomain: 'content_authoring',
    description: 'Emitted when when a content library collection is updated.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const LIBRARY_COLLECTION_DELETED = defineEvent(
  'org.openedx.content_authoring.content_library.collection.deleted.v1',
  'library_collection',
  LibraryCollectionData,
  {
    signalName: 'LIBRARY_COLLECTION_DELETED',
    subdomain: 'content_authoring',
    description: 'Emitted when an when a content library collection is deleted.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const LIBRARY_CONTAINER_CREATED = defineEvent(
  'org.openedx.content_authoring.content_library.container.created.v1',
  'library_container',
  LibraryContainerData,
  {
    signalName: 'LIBRARY_CONTAINER_CREATED',
    subdomain: 'content_authoring',
    description: 'Emitted when a content library container is created.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const LIBRARY_CONTAINER_UPDATED = defineEvent(
  'org.openedx.content_authoring.content_library.container.updated.v1',
  'library_container',
  LibraryContainerData,
  {
    signalName: 'LIBRARY_CONTAINER_UPDATED',
    subdomain: 'content_authoring',
    description: 'Emitted when when a content library container is updated.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const LIBRARY_CONTAINER_DELETED = defineEvent(
  'org.openedx.content_authoring.content_library.container.deleted.v1',
  'library_container',
  LibraryContainerData,
  {
    signalName: 'LIBRARY_CONTAINER_DELETED',
    subdomain: 'content_authoring',
    description: 'Emitted when an when a content library container is deleted.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const LIBRARY_CONTAINER_PUBLISHED = defineEvent(
  'org.openedx.content_authoring.content_library.container.published.v1',
  'library_container',
  LibraryContainerData,
  {
    signalName: 'LIBRARY_CONTAINER_PUBLISHED',
    subdomain: 'content_authoring',
    description:
      'Emitted when a library container is published. Also when a library container draft is deleted and then the deletion is published.',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const COURSE_IMPORT_COMPLETED = defineEvent(
  'org.openedx.content_authoring.course.import.completed.v1',
  'course',
  CourseData,
  {
    signalName: 'COURSE_IMPORT_COMPLETED',
    subdomain: 'content_authoring',
    description: 'Fired after a course is imported',
    eventKeyField: 'catalog_info.course_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

export const COURSE_RERUN_COMPLETED = defineEvent(
  'org.openedx.content_authoring.course.rerun.completed.v1',
  'course',
  CourseData,
  {
    signalName: 'COURSE_RERUN_COMPLETED',
    subdomain: 'content_authoring',
    description: 'Fired after a course is re-run',
    eventKeyField: 'catalog_info.course_key',
    triggerRepository: 'openedx/edx-platform',
  },
);

/** Every `content_authoring` event, in the library's order. */
export const CONTENT_AUTHORING_EVENTS = [
  COURSE_CATALOG_INFO_CHANGED,
  XBLOCK_CREATED,
  XBLOCK_UPDATED,
  XBLOCK_PUBLISHED,
  XBLOCK_DELETED,
  XBLOCK_DUPLICATED,
  COURSE_CERTIFICATE_CONFIG_CHANGED,
  COURSE_CERTIFICATE_CONFIG_DELETED,
  COURSE_CREATED,
  CONTENT_LIBRARY_CREATED,
  CONTENT_LIBRARY_UPDATED,
  CONTENT_LIBRARY_DELETED,
  LIBRARY_BLOCK_CREATED,
  LIBRARY_BLOCK_UPDATED,
  LIBRARY_BLOCK_DELETED,
  LIBRARY_BLOCK_PUBLISHED,
  CONTENT_OBJECT_ASSOCIATIONS_CHANGED,
  CONTENT_OBJECT_TAGS_CHANGED,
  LIBRARY_COLLECTION_CREATED,
  LIBRARY_COLLECTION_UPDATED,
  LIBRARY_COLLECTION_DELETED,
  LIBRARY_CONTAINER_CREATED,
  LIBRARY_CONTAINER_UPDATED,
  LIBRARY_CONTAINER_DELETED,
  LIBRARY_CONTAINER_PUBLISHED,
  COURSE_IMPORT_COMPLETED,
  COURSE_RERUN_COMPLETED,
] as const;
