import { EdstreamError } from '../errors.js';
import { decodeKey } from './decode-key.js';
import { FORM_PATTERNS, KINDS_BY_TYPE } from './grammar.js';
import { invalidKeyError } from './invalid-key-error.js';
import type { KeyKind, KeyOfType, KeyType } from './key-types.js';

export type ParseKeyResult<T extends KeyType = KeyType> =
  | { readonly ok: true; readonly key: KeyOfType[T] }
  | { readonly ok: false; readonly error: EdstreamError };

function kindsOf(type: KeyType): readonly KeyKind[] {
  // `type` may come from plain JavaScript, where nothing checked it.
  const kinds: readonly KeyKind[] | undefined = KINDS_BY_TYPE[type];
  if (kinds === undefined) {
    throw new EdstreamError('key.unknown_type', `Unknown key type ${JSON.stringify(type)}`, {
      details: { keyType: type },
    });
  }
  return kinds;
}

/** Parses `text` as a key of `type`, or returns the `key.invalid_*` error without throwing it. */
export function tryParseKey<T extends KeyType>(type: T, text: unknown): ParseKeyResult<T> {
  const kinds = kindsOf(type);
  if (typeof text === 'string') {
    for (const kind of kinds) {
      if (FORM_PATTERNS[kind].test(text)) {
        // KINDS_BY_TYPE lists exactly the kinds of KeyOfType[T].
        return { ok: true, key: decodeKey(kind, text) as KeyOfType[T] };
      }
    }
  }
  return { ok: false, error: invalidKeyError(type, text) };
}

/** Parses `text` as a key of `type`; throws an EdstreamError `key.invalid_<type>` if it is not one. */
export function parseKey<T extends KeyType>(type: T, text: unknown): KeyOfType[T] {
  const result = tryParseKey(type, text);
  if (!result.ok) throw result.error;
  return result.key;
}

export const parseCourseKey = (text: unknown): KeyOfType['CourseKey'] => parseKey('CourseKey', text);
export const parseUsageKey = (text: unknown): KeyOfType['UsageKey'] => parseKey('UsageKey', text);
export const parseCCXLocator = (text: unknown): KeyOfType['CCXLocator'] => parseKey('CCXLocator', text);
export const parseLibraryLocatorV2 = (text: unknown): KeyOfType['LibraryLocatorV2'] =>
  parseKey('LibraryLocatorV2', text);
export const parseLibraryUsageLocatorV2 = (text: unknown): KeyOfType['LibraryUsageLocatorV2'] =>
  parseKey('LibraryUsageLocatorV2', text);
export const parseLibraryCollectionLocator = (text: unknown): KeyOfType['LibraryCollectionLocator'] =>
  parseKey('LibraryCollectionLocator', text);
export const parseLibraryContainerLocator = (text: unknown): KeyOfType['LibraryContainerLocator'] =>
  parseKey('LibraryContainerLocator', text);
