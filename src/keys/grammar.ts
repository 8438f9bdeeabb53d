import type { KeyKind, KeyType } from './key-types.js';

// The grammar of every accepted form, transcribed from edx-opaque-keys (src/opaque_keys/edx/locator.py,
// locations.py, pyproject.toml entry points) and ccx-keys (ccx_keys/locator.py). A string is accepted
// when Python's `from_string` accepts it AND the parsed key serializes back to that same string: forms
// that Python parses but then rewrites (ignored trailing parts, a dropped trailing newline) are rejected,
// because formatKey must give back exactly what parseKey was given.

// Python's `\w` on str patterns is "str.isalnum() or _", which is exactly the Unicode letters (L*) and
// numbers (N*) plus `_`: no combining marks, no other connector punctuation.
const WORD = String.raw`\p{L}\p{N}_`;

/** Locator.ALLOWED_ID_CHARS `[\w\-~.:]`: org, course, run, branch, block type and block id. */
const ID = String.raw`[${WORD}\-~.:]+`;

// Locator.DEPRECATED_ALLOWED_ID_CHARS `[\w\-~.:%]`: the NAME and REVISION of an i4x location. The `%`
// that BLOCK_ALLOWED_ID_CHARS lets through URL_RE is refused again for new-style ids by
// BlockUsageLocator._parse_block_ref, so block-v1 ids use ID.
const DEPRECATED_ID = String.raw`[${WORD}\-~.:%]+`;

/** What CourseLocator.INVALID_CHARS_DEPRECATED `[^\w.%-]` leaves: ORG and COURSE of the old forms. */
const DEPRECATED_PART = String.raw`[${WORD}.%\-]`;

/** `[a-f0-9]+` in URL_RE, then bson's ObjectId(str) insists on exactly 24 digits. */
const GUID = '[0-9a-f]{24}';

/** ccx-keys compiles its URL_RE with re.IGNORECASE, so `[A-F0-9]` also takes lowercase. */
const CCX_GUID = '[0-9a-fA-F]{24}';

/** CheckFieldMixin's default `^[a-zA-Z0-9_\-.]+$`: v2 org, block type and container type, ASCII only. */
const V2_ASCII = String.raw`[a-zA-Z0-9_.\-]+`;

/** SLUG_REGEXP, USAGE_ID_REGEXP, COLLECTION_ID_REGEXP, CONTAINER_ID_REGEXP: `^[\w\-.]+$`. */
const V2_ID = String.raw`[${WORD}.\-]+`;

/** `\d` on a str pattern: any Unicode decimal digit (Nd). */
const DIGITS = String.raw`\p{Nd}+`;

/** An ASCII word matched case-insensitively, without making the whole pattern case-insensitive. */
function anyCase(word: string): string {
  return [...word].map((c) => `[${c}${c.toUpperCase()}]`).join('');
}

const COURSE_RUN = String.raw`${ID}\+${ID}\+${ID}`;
const LIBRARY = String.raw`${ID}\+${ID}`;
const QUALIFIERS = String.raw`(?:\+branch@${ID})?(?:\+version@${GUID})?`;
const BLOCK = String.raw`\+type@${ID}\+block@${ID}`;
const CCX_QUALIFIERS =
  String.raw`(?:\+${anyCase('branch')}@${ID})?(?:\+${anyCase('version')}@${CCX_GUID})?` +
  String.raw`\+${anyCase('ccx')}@${DIGITS}`;
const CCX_BLOCK = String.raw`\+${anyCase('type')}@${ID}\+${anyCase('block')}@${ID}`;

// Namespaces are stevedore entry-point names, looked up exactly: `Course-v1:` is not a course key.
const FORM_SOURCES: Readonly<Record<KeyKind, string>> = {
  'course-v1': `course-v1:${COURSE_RUN}${QUALIFIERS}`,
  'ccx-v1': `ccx-v1:${COURSE_RUN}${CCX_QUALIFIERS}`,
  'library-v1': `library-v1:${LIBRARY}${QUALIFIERS}`,
  // CourseLocator._from_deprecated_string: exactly two slashes; Python lets RUN be empty.
  'course-deprecated': `${DEPRECATED_PART}+/${DEPRECATED_PART}+/${DEPRECATED_PART}*`,
  'block-v1': `block-v1:${COURSE_RUN}${QUALIFIERS}${BLOCK}`,
  'ccx-block-v1': `ccx-block-v1:${COURSE_RUN}${CCX_QUALIFIERS}${CCX_BLOCK}`,
  'lib-block-v1': `lib-block-v1:${LIBRARY}${QUALIFIERS}${BLOCK}`,
  // BlockUsageLocator.DEPRECATED_URL_RE; CATEGORY is `[^/]+` and nothing checks it further.
  i4x: `i4x://${DEPRECATED_PART}+/${DEPRECATED_PART}+/[^/]+/${DEPRECATED_ID}(?:@${DEPRECATED_ID})?`,
  lib: `lib:${V2_ASCII}:${V2_ID}`,
  lb: `lb:${V2_ASCII}:${V2_ID}:${V2_ASCII}:${V2_ID}`,
  'lib-collection': `lib-collection:${V2_ASCII}:${V2_ID}:${V2_ID}`,
  lct: `lct:${V2_ASCII}:${V2_ID}:${V2_ASCII}:${V2_ID}`,
};

/** The forms each declared type accepts, in the order parseKey tries them. */
export const KINDS_BY_TYPE: Readonly<Record<KeyType, readonly KeyKind[]>> = {
  CourseKey: ['course-v1', 'ccx-v1', 'library-v1', 'course-deprecated'],
  UsageKey: ['block-v1', 'ccx-block-v1', 'lib-block-v1', 'lb', 'i4x'],
  CCXLocator: ['ccx-v1'],
  LibraryLocatorV2: ['lib'],
  LibraryUsageLocatorV2: ['lb'],
  LibraryCollectionLocator: ['lib-collection'],
  LibraryContainerLocator: ['lct'],
};

// `u` for \p{..} and code-point matching; no `g`/`y`, so `test` keeps no lastIndex state between calls.
function whole(source: string): RegExp {
  return new RegExp(`^(?:${source})$`, 'u');
}

function mapValues<K extends string, A, B>(record: Readonly<Record<K, A>>, f: (a: A) => B): Record<K, B> {
  const out: Partial<Record<K, B>> = {};
  for (const key of Object.keys(record) as K[]) out[key] = f(record[key]);
  // Every key of `record` was just assigned.
  return out as Record<K, B>;
}

/** One anchored pattern per form. */
export const FORM_PATTERNS: Readonly<Record<KeyKind, RegExp>> = mapValues(FORM_SOURCES, whole);

/** One anchored pattern per declared type: the alternation of its forms, for the hot validation path. */
export const TYPE_PATTERNS: Readonly<Record<KeyType, RegExp>> = mapValues(KINDS_BY_TYPE, (kinds) =>
  whole(kinds.map((kind) => FORM_SOURCES[kind]).join('|')),
);
