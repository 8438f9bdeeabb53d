import type { EventsMetadata } from '../../../envelope/metadata.js';
import { serviceActor } from '../actors.js';
import { isCourseKey, parentKeyOf } from '../keys.js';
import type { AuthoringEventType, Rule, RuleTableFor } from '../profile.js';
import type { BrightspaceFacts } from './statement.js';
import type { BrightspaceVerb } from './vocabulary.js';

// Authoring events name no user: the actor is the Open edX service that produced them
// (`metadata.source`, e.g. openedx/cms/web).

type BrightspaceRule<P> = Rule<P, BrightspaceFacts>;

/** OrgUnitEvent: a course run is a Course Offering org unit; the object is the org unit itself. */
function orgUnit(verb: BrightspaceVerb): BrightspaceRule<{ course_key: string }> {
  return {
    verbs: [verb],
    types: ['organization/org_unit'],
    map: (p, m) => ({
      verb,
      type: 'organization/org_unit',
      actor: serviceActor(m.source),
      orgUnit: p.course_key,
      registration: 'context',
    }),
  };
}

// Block types that structure a course (section, subsection, unit) are Content modules; the rest topics.
const MODULE_BLOCK_TYPES = new Set(['course', 'chapter', 'sequential', 'vertical']);

/** Content Events: course blocks are Brightspace Content modules and topics. */
function courseContent(verb: BrightspaceVerb): BrightspaceRule<{ usage_key: string; block_type: string }> {
  return {
    verbs: [verb],
    types: ['tools/content/module', 'tools/content/topic'],
    note: 'module for course, chapter, sequential and vertical blocks; topic for the rest',
    map: (p, m) => ({
      verb,
      type: MODULE_BLOCK_TYPES.has(p.block_type) ? 'tools/content/module' : 'tools/content/topic',
      actor: serviceActor(m.source),
      object: { kind: 'content', id: p.usage_key },
      orgUnit: courseOf(p.usage_key),
      registration: 'orgUnit',
    }),
  };
}

/** Content Service Events: libraries and what they hold, with the holder as `parentObjectId`. */
function contentService<P>(
  verb: BrightspaceVerb,
  idOf: (p: P) => string,
  parentOf?: (p: P) => string | null,
) {
  return {
    verbs: [verb],
    types: ['tools/content_service/activity'],
    map: (p: P, m: EventsMetadata): BrightspaceFacts => {
      const id = idOf(p);
      const parent = parentOf ? parentOf(p) : null;
      return {
        verb,
        type: 'tools/content_service/activity',
        actor: serviceActor(m.source),
        object: {
          kind: 'content_service',
          id,
          extra: parent === null ? undefined : { parentObjectId: parent },
        },
        orgUnit: parent !== null && isCourseKey(parent) ? parent : null,
        registration: 'orgUnit',
      };
    },
  } satisfies BrightspaceRule<P>;
}

/** Award Events: a course's certificate configuration defines the course certificate award. */
function award(verb: BrightspaceVerb): BrightspaceRule<{ course_key: string }> {
  return {
    verbs: [verb],
    types: ['tools/award'],
    map: (p, m) => ({
      verb,
      type: 'tools/award',
      actor: serviceActor(m.source),
      object: { kind: 'award', id: p.course_key },
      orgUnit: p.course_key,
      registration: 'orgUnit',
    }),
  };
}

function courseOf(usageKey: string): string | null {
  const parent = parentKeyOf(usageKey);
  return parent !== null && isCourseKey(parent) ? parent : null;
}

const library = (p: { library_key: string }) => p.library_key;
type LibraryBlock = { library_key: string; usage_key: string };
const libraryBlock = (p: LibraryBlock) => p.usage_key;
const libraryOfBlock = (p: LibraryBlock) => p.library_key;
const collection = (p: { collection_key: string }) => p.collection_key;
const container = (p: { container_key: string }) => p.container_key;
const parentOfCollection = (p: { collection_key: string }) => parentKeyOf(p.collection_key);
const parentOfContainer = (p: { container_key: string }) => parentKeyOf(p.container_key);
const contentObject = (p: { object_id: string }) => p.object_id;
const parentOfObject = (p: { object_id: string }) => parentKeyOf(p.object_id);

export const BRIGHTSPACE_AUTHORING_RULES: RuleTableFor<AuthoringEventType, BrightspaceFacts> = {
  'org.openedx.content_authoring.course.catalog_info.changed.v1': orgUnit('updated'),
  'org.openedx.content_authoring.course.created.v1': orgUnit('created'),
  'org.openedx.content_authoring.course.import.completed.v1': {
    ...orgUnit('updated'),
    note: 'an import replaces the content of an existing org unit',
  },
  'org.openedx.content_authoring.course.rerun.completed.v1': {
    ...orgUnit('created'),
    note: 'a rerun creates a new course run, the org unit named by `course_key`',
  },
  'org.openedx.content_authoring.xblock.created.v1': courseContent('created'),
  'org.openedx.content_authoring.xblock.updated.v1': courseContent('updated'),
  'org.openedx.content_authoring.xblock.published.v1': courseContent('updated'),
  'org.openedx.content_authoring.xblock.deleted.v1': courseContent('deleted'),
  'org.openedx.content_authoring.xblock.duplicated.v1': courseContent('created'),
  'org.openedx.content_authoring.course.certificate_config.changed.v1': award('updated'),
  'org.openedx.content_authoring.course.certificate_config.deleted.v1': award('deleted'),
  'org.openedx.content_authoring.content_library.created.v1': contentService('created', library),
  'org.openedx.content_authoring.content_library.updated.v1': contentService('updated', library),
  'org.openedx.content_authoring.content_library.deleted.v1': contentService('deleted', library),
  'org.openedx.content_authoring.library_block.created.v1': contentService(
    'created',
    libraryBlock,
    libraryOfBlock,
  ),
  'org.openedx.content_authoring.library_block.updated.v1': contentService(
    'updated',
    libraryBlock,
    libraryOfBlock,
  ),
  'org.openedx.content_authoring.library_block.deleted.v1': contentService(
    'deleted',
    libraryBlock,
    libraryOfBlock,
  ),
  'org.openedx.content_authoring.library_block.published.v1': contentService(
    'updated',
    libraryBlock,
    libraryOfBlock,
  ),
  'org.openedx.content_authoring.content.object.associations.changed.v1': contentService(
    'updated',
    contentObject,
    parentOfObject,
  ),
  'org.openedx.content_authoring.content.object.tags.changed.v1': contentService(
    'updated',
    contentObject,
    parentOfObject,
  ),
  'org.openedx.content_authoring.content_library.collection.created.v1': contentService(
    'created',
    collection,
    parentOfCollection,
  ),
  'org.openedx.content_authoring.content_library.collection.updated.v1': contentService(
    'updated',
    collection,
    parentOfCollection,
  ),
  'org.openedx.content_authoring.content_library.collection.deleted.v1': contentService(
    'deleted',
    collection,
    parentOfCollection,
  ),
  'org.openedx.content_authoring.content_library.container.created.v1': contentService(
    'created',
    container,
    parentOfContainer,
  ),
  'org.openedx.content_authoring.content_library.container.updated.v1': contentService(
    'updated',
    container,
    parentOfContainer,
  ),
  'org.openedx.content_authoring.content_library.container.deleted.v1': contentService(
    'deleted',
    container,
    parentOfContainer,
  ),
  'org.openedx.content_authoring.content_library.container.published.v1': contentService(
    'updated',
    container,
    parentOfContainer,
  ),
};
