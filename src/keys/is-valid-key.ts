import { TYPE_PATTERNS } from './grammar.js';
import type { KeyType } from './key-types.js';

/**
 * Whether `text` is a valid key of `type`. Never throws. Payload validators call this for every
 * key field of every event, so it is one precompiled regex test and nothing else.
 */
export function isValidKey(type: KeyType, text: unknown): boolean {
  // `type` may come from plain JavaScript; an unknown type validates nothing.
  const pattern: RegExp | undefined = TYPE_PATTERNS[type];
  return typeof text === 'string' && pattern !== undefined && pattern.test(text);
}
