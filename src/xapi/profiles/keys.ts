import { tryParseKey } from '../../keys/parse-key.js';
import { LruCache } from './lru-cache.js';

// Parsing a key costs a few regular expressions; events repeat the same few thousand keys.
const parents = new LruCache<string, string | null>(10_000);

/**
 * The course or library that holds a block, collection or container key (`block-v1:…` →
 * `course-v1:…`, `lb:…`/`lct:…`/`lib-collection:…` → `lib:…`), or null when the key names none.
 */
export function parentKeyOf(objectKey: string): string | null {
  return parents.getOrCompute(objectKey, () => computeParent(objectKey));
}

function computeParent(objectKey: string): string | null {
  const usage = tryParseKey('UsageKey', objectKey);
  if (usage.ok) {
    const key = usage.key;
    switch (key.kind) {
      case 'block-v1':
        return `course-v1:${key.org}+${key.course}+${key.run}`;
      case 'ccx-block-v1':
        return `ccx-v1:${key.org}+${key.course}+${key.run}+ccx@${key.ccx}`;
      case 'lib-block-v1':
        return `library-v1:${key.org}+${key.library}`;
      case 'lb':
        return `lib:${key.org}:${key.slug}`;
      case 'i4x':
        // The deprecated Location form does not carry the course run.
        return null;
    }
  }
  const collection = tryParseKey('LibraryCollectionLocator', objectKey);
  if (collection.ok) return `lib:${collection.key.org}:${collection.key.slug}`;
  const container = tryParseKey('LibraryContainerLocator', objectKey);
  if (container.ok) return `lib:${container.key.org}:${container.key.slug}`;
  return null;
}

/** True for the keys of courses (and CCX courses), false for libraries and anything else. */
export function isCourseKey(key: string): boolean {
  return key.startsWith('course-v1:') || key.startsWith('ccx-v1:') || /^[^:/]+\/[^/]+\/[^/]*$/.test(key);
}
