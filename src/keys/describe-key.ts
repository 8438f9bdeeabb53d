import type { KeyType } from './key-types.js';

const DESCRIPTIONS: Readonly<Record<KeyType, string>> = {
  CourseKey:
    'course-v1:ORG+COURSE+RUN (optionally +branch@BRANCH, +version@GUID), ' +
    'ccx-v1:ORG+COURSE+RUN+ccx@N, library-v1:ORG+LIBRARY, or ORG/COURSE/RUN',
  UsageKey:
    'block-v1:ORG+COURSE+RUN+type@TYPE+block@ID (optionally +branch@BRANCH, +version@GUID before type@), ' +
    'ccx-block-v1:ORG+COURSE+RUN+ccx@N+type@TYPE+block@ID, lib-block-v1:ORG+LIBRARY+type@TYPE+block@ID, ' +
    'lb:ORG:LIBRARY:TYPE:ID, or i4x://ORG/COURSE/TYPE/ID[@REVISION]',
  CCXLocator: 'ccx-v1:ORG+COURSE+RUN+ccx@N (optionally +branch@BRANCH, +version@GUID before ccx@)',
  LibraryLocatorV2: 'lib:ORG:SLUG',
  LibraryUsageLocatorV2: 'lb:ORG:LIBRARY:TYPE:ID',
  LibraryCollectionLocator: 'lib-collection:ORG:LIBRARY:ID',
  LibraryContainerLocator: 'lct:ORG:LIBRARY:TYPE:ID',
};

/** A one-line description of the forms a key type accepts, for error messages. */
export function describeKey(type: KeyType): string {
  return DESCRIPTIONS[type];
}
