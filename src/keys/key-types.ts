/** The declared key types of edx-opaque-keys that payload fields are typed with. */
export type KeyType =
  | 'CourseKey'
  | 'UsageKey'
  | 'CCXLocator'
  | 'LibraryLocatorV2'
  | 'LibraryUsageLocatorV2'
  | 'LibraryCollectionLocator'
  | 'LibraryContainerLocator';

export const KEY_TYPES: readonly KeyType[] = Object.freeze([
  'CourseKey',
  'UsageKey',
  'CCXLocator',
  'LibraryLocatorV2',
  'LibraryUsageLocatorV2',
  'LibraryCollectionLocator',
  'LibraryContainerLocator',
]);

/** One serialized form; the namespace of the key, or the name of its deprecated form. */
export type KeyKind = OpaqueKey['kind'];

/** `course-v1:ORG+COURSE+RUN[+branch@B][+version@V]` (Python CourseLocator). */
export interface CourseLocatorKey {
  readonly kind: 'course-v1';
  readonly org: string;
  readonly course: string;
  readonly run: string;
  readonly branch?: string;
  /** 24 lowercase hex digits (a bson ObjectId). */
  readonly version?: string;
}

/**
 * How a ccx key spelled its qualifier tags, kept only for tags not written in lowercase:
 * ccx-keys matches them case-insensitively, and formatKey must give back the exact input.
 */
export interface CcxTagSpelling {
  readonly branch?: string;
  readonly version?: string;
  readonly ccx?: string;
  readonly type?: string;
  readonly block?: string;
}

/** `ccx-v1:ORG+COURSE+RUN[+branch@B][+version@V]+ccx@N` (ccx-keys CCXLocator). */
export interface CcxLocatorKey {
  readonly kind: 'ccx-v1';
  readonly org: string;
  readonly course: string;
  readonly run: string;
  readonly branch?: string;
  /** 24 hex digits, either case (ccx-keys matches case-insensitively). */
  readonly version?: string;
  /** Decimal digits, kept as written. */
  readonly ccx: string;
  readonly tags?: CcxTagSpelling;
}

/** `library-v1:ORG+LIBRARY[+branch@B][+version@V]` (Python LibraryLocator, legacy libraries). */
export interface LibraryLocatorKey {
  readonly kind: 'library-v1';
  readonly org: string;
  readonly library: string;
  readonly branch?: string;
  readonly version?: string;
}

/** `ORG/COURSE/RUN`, the slash-separated course id of old modulestores; RUN may be empty. */
export interface DeprecatedCourseKey {
  readonly kind: 'course-deprecated';
  readonly org: string;
  readonly course: string;
  readonly run: string;
}

/** `block-v1:ORG+COURSE+RUN[+branch@B][+version@V]+type@TYPE+block@ID` (Python BlockUsageLocator). */
export interface BlockUsageLocatorKey {
  readonly kind: 'block-v1';
  readonly org: string;
  readonly course: string;
  readonly run: string;
  readonly branch?: string;
  readonly version?: string;
  readonly blockType: string;
  readonly blockId: string;
}

/** `ccx-block-v1:ORG+COURSE+RUN[+branch@B][+version@V]+ccx@N+type@TYPE+block@ID` (CCXBlockUsageLocator). */
export interface CcxBlockUsageLocatorKey {
  readonly kind: 'ccx-block-v1';
  readonly org: string;
  readonly course: string;
  readonly run: string;
  readonly branch?: string;
  readonly version?: string;
  readonly ccx: string;
  readonly blockType: string;
  readonly blockId: string;
  readonly tags?: CcxTagSpelling;
}

/** `lib-block-v1:ORG+LIBRARY[+branch@B][+version@V]+type@TYPE+block@ID` (Python LibraryUsageLocator). */
export interface LibraryUsageLocatorKey {
  readonly kind: 'lib-block-v1';
  readonly org: string;
  readonly library: string;
  readonly branch?: string;
  readonly version?: string;
  readonly blockType: string;
  readonly blockId: string;
}

/** `i4x://ORG/COURSE/CATEGORY/NAME[@REVISION]`, the deprecated Location form of a usage key. */
export interface DeprecatedLocationKey {
  readonly kind: 'i4x';
  readonly org: string;
  readonly course: string;
  /** The CATEGORY part. */
  readonly blockType: string;
  /** The NAME part. */
  readonly blockId: string;
  /** The `@REVISION` suffix, which Python stores as the course key's branch. */
  readonly branch?: string;
}

/** `lib:ORG:SLUG` (Python LibraryLocatorV2, Learning-Core content libraries). */
export interface LibraryLocatorV2Key {
  readonly kind: 'lib';
  readonly org: string;
  readonly slug: string;
}

/** `lb:ORG:SLUG:TYPE:ID` (Python LibraryUsageLocatorV2; Python calls the id `usage_id`). */
export interface LibraryUsageLocatorV2Key {
  readonly kind: 'lb';
  readonly org: string;
  readonly slug: string;
  readonly blockType: string;
  readonly blockId: string;
}

/** `lib-collection:ORG:SLUG:ID` (Python LibraryCollectionLocator). */
export interface LibraryCollectionLocatorKey {
  readonly kind: 'lib-collection';
  readonly org: string;
  readonly slug: string;
  readonly collectionId: string;
}

/** `lct:ORG:SLUG:TYPE:ID` (Python LibraryContainerLocator). */
export interface LibraryContainerLocatorKey {
  readonly kind: 'lct';
  readonly org: string;
  readonly slug: string;
  readonly containerType: string;
  readonly containerId: string;
}

/** The parts of a parsed key, told apart by `kind`; optional parts are absent, never undefined. */
export type OpaqueKey =
  | CourseLocatorKey
  | CcxLocatorKey
  | LibraryLocatorKey
  | DeprecatedCourseKey
  | BlockUsageLocatorKey
  | CcxBlockUsageLocatorKey
  | LibraryUsageLocatorKey
  | DeprecatedLocationKey
  | LibraryLocatorV2Key
  | LibraryUsageLocatorV2Key
  | LibraryCollectionLocatorKey
  | LibraryContainerLocatorKey;

/** The parsed forms each declared type accepts, as Python's `from_string` on that class does. */
export interface KeyOfType {
  CourseKey: CourseLocatorKey | CcxLocatorKey | LibraryLocatorKey | DeprecatedCourseKey;
  UsageKey:
    | BlockUsageLocatorKey
    | CcxBlockUsageLocatorKey
    | LibraryUsageLocatorKey
    | DeprecatedLocationKey
    | LibraryUsageLocatorV2Key;
  CCXLocator: CcxLocatorKey;
  LibraryLocatorV2: LibraryLocatorV2Key;
  LibraryUsageLocatorV2: LibraryUsageLocatorV2Key;
  LibraryCollectionLocator: LibraryCollectionLocatorKey;
  LibraryContainerLocator: LibraryContainerLocatorKey;
}
