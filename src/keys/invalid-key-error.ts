import { EdstreamError } from '../errors.js';
import { describeKey } from './describe-key.js';
import type { KeyType } from './key-types.js';

/** The error code for a value that is not a key of the given type: `key.invalid_<snake case of type>`. */
export const INVALID_KEY_CODES: Readonly<Record<KeyType, string>> = {
  CourseKey: 'key.invalid_course_key',
  UsageKey: 'key.invalid_usage_key',
  CCXLocator: 'key.invalid_ccx_locator',
  LibraryLocatorV2: 'key.invalid_library_locator_v2',
  LibraryUsageLocatorV2: 'key.invalid_library_usage_locator_v2',
  LibraryCollectionLocator: 'key.invalid_library_collection_locator',
  LibraryContainerLocator: 'key.invalid_library_container_locator',
};

// Keys are short; anything longer is quoted in part so that a huge payload field cannot flood a log line.
const MAX_QUOTED = 200;

function quote(value: string): string {
  return JSON.stringify(value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * The error for a value that is not a valid key of `type`. Non-string values are described by their
 * type only, so that an arbitrary object (circular, huge, personal data) never lands in `details`.
 */
export function invalidKeyError(type: KeyType, value: unknown): EdstreamError {
  const code = INVALID_KEY_CODES[type];
  if (typeof value !== 'string') {
    const valueType = typeName(value);
    return new EdstreamError(
      code,
      `A ${type} must be a string, got ${valueType}: expected ${describeKey(type)}`,
      {
        details: { keyType: type, valueType },
      },
    );
  }
  return new EdstreamError(code, `${quote(value)} is not a valid ${type}: expected ${describeKey(type)}`, {
    details: { keyType: type, value },
  });
}
