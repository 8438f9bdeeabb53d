import type { KeyKind, KeyType, OpaqueKey } from './key-types.js';

// A ccx-v1 key is also a CourseKey and an lb key also a UsageKey; this names the narrowest class.
const TYPE_OF_KIND: Readonly<Record<KeyKind, KeyType>> = {
  'course-v1': 'CourseKey',
  'ccx-v1': 'CCXLocator',
  'library-v1': 'CourseKey',
  'course-deprecated': 'CourseKey',
  'block-v1': 'UsageKey',
  'ccx-block-v1': 'UsageKey',
  'lib-block-v1': 'UsageKey',
  i4x: 'UsageKey',
  lib: 'LibraryLocatorV2',
  lb: 'LibraryUsageLocatorV2',
  'lib-collection': 'LibraryCollectionLocator',
  lct: 'LibraryContainerLocator',
};

/** The most specific declared type a parsed key belongs to. */
export function keyTypeOf(key: OpaqueKey): KeyType {
  return TYPE_OF_KIND[key.kind];
}
