export { describeKey } from './describe-key.js';
export { formatKey } from './format-key.js';
export { INVALID_KEY_CODES } from './invalid-key-error.js';
export { isValidKey } from './is-valid-key.js';
export { keyTypeOf } from './key-type-of.js';
export type {
  BlockUsageLocatorKey,
  CcxBlockUsageLocatorKey,
  CcxLocatorKey,
  CcxTagSpelling,
  CourseLocatorKey,
  DeprecatedCourseKey,
  DeprecatedLocationKey,
  KeyKind,
  KeyOfType,
  KeyType,
  LibraryCollectionLocatorKey,
  LibraryContainerLocatorKey,
  LibraryLocatorKey,
  LibraryLocatorV2Key,
  LibraryUsageLocatorKey,
  LibraryUsageLocatorV2Key,
  OpaqueKey,
} from './key-types.js';
export { KEY_TYPES } from './key-types.js';
export type { ParseKeyResult } from './parse-key.js';
export {
  parseCCXLocator,
  parseCourseKey,
  parseKey,
  parseLibraryCollectionLocator,
  parseLibraryContainerLocator,
  parseLibraryLocatorV2,
  parseLibraryUsageLocatorV2,
  parseUsageKey,
  tryParseKey,
} from './parse-key.js';
