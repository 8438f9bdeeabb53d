import { EdstreamError } from '../errors.js';
import { FORM_PATTERNS } from './grammar.js';
import { INVALID_KEY_CODES } from './invalid-key-error.js';
import { keyTypeOf } from './key-type-of.js';
import type { CcxTagSpelling, OpaqueKey } from './key-types.js';

interface Qualified {
  readonly branch?: string;
  readonly version?: string;
  readonly tags?: CcxTagSpelling;
}

function qualifiers(key: Qualified): string {
  const branch = key.branch === undefined ? '' : `+${key.tags?.branch ?? 'branch'}@${key.branch}`;
  const version = key.version === undefined ? '' : `+${key.tags?.version ?? 'version'}@${key.version}`;
  return branch + version;
}

interface Placed {
  readonly blockType: string;
  readonly blockId: string;
  readonly tags?: CcxTagSpelling;
}

function block(key: Placed): string {
  return `+${key.tags?.type ?? 'type'}@${key.blockType}+${key.tags?.block ?? 'block'}@${key.blockId}`;
}

function serialize(key: OpaqueKey): string {
  switch (key.kind) {
    case 'course-v1':
      return `course-v1:${key.org}+${key.course}+${key.run}${qualifiers(key)}`;
    case 'ccx-v1':
      return `ccx-v1:${key.org}+${key.course}+${key.run}${qualifiers(key)}+${key.tags?.ccx ?? 'ccx'}@${key.ccx}`;
    case 'library-v1':
      return `library-v1:${key.org}+${key.library}${qualifiers(key)}`;
    case 'course-deprecated':
      return `${key.org}/${key.course}/${key.run}`;
    case 'block-v1':
      return `block-v1:${key.org}+${key.course}+${key.run}${qualifiers(key)}${block(key)}`;
    case 'ccx-block-v1':
      return (
        `ccx-block-v1:${key.org}+${key.course}+${key.run}${qualifiers(key)}` +
        `+${key.tags?.ccx ?? 'ccx'}@${key.ccx}${block(key)}`
      );
    case 'lib-block-v1':
      return `lib-block-v1:${key.org}+${key.library}${qualifiers(key)}${block(key)}`;
    case 'i4x': {
      const revision = key.branch === undefined ? '' : `@${key.branch}`;
      return `i4x://${key.org}/${key.course}/${key.blockType}/${key.blockId}${revision}`;
    }
    case 'lib':
      return `lib:${key.org}:${key.slug}`;
    case 'lb':
      return `lb:${key.org}:${key.slug}:${key.blockType}:${key.blockId}`;
    case 'lib-collection':
      return `lib-collection:${key.org}:${key.slug}:${key.collectionId}`;
    case 'lct':
      return `lct:${key.org}:${key.slug}:${key.containerType}:${key.containerId}`;
  }
}

/**
 * Serializes a key as edx-opaque-keys does; for a parsed key this is exactly the parsed string.
 * Throws the type's `key.invalid_*` error when hand-built parts would not form a valid key.
 */
export function formatKey(key: OpaqueKey): string {
  // Keys can come from plain JavaScript or JSON, where `kind` is not checked.
  const pattern: RegExp | undefined = FORM_PATTERNS[key.kind];
  if (pattern === undefined) {
    throw new EdstreamError('key.unknown_kind', `Unknown key kind ${JSON.stringify(key.kind)}`, {
      details: { kind: key.kind },
    });
  }
  const text = serialize(key);
  if (!pattern.test(text)) {
    const type = keyTypeOf(key);
    throw new EdstreamError(
      INVALID_KEY_CODES[type],
      `The parts of this ${key.kind} key do not form a valid ${type}: ${JSON.stringify(text)}`,
      { details: { keyType: type, kind: key.kind, value: text } },
    );
  }
  return text;
}
