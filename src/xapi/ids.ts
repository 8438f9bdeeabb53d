/**
 * Deterministic ids (xapi.md §a.5, §b.3): the same source event always yields the same statement id, and
 * the same platform entity the same UUID, so that replays are idempotent at the LRS.
 */
import { hash } from 'node:crypto';

/**
 * The UUIDv5 namespace of statement ids. Generated once (random v4) for edstream and fixed forever:
 * changing it changes the id of every statement edstream has ever produced.
 */
export const STATEMENT_ID_NAMESPACE = 'fc75c996-cef2-4fb4-ac03-2bb05ca6a5e3';

/** The UUIDv5 namespace of entity UUIDs (classes, org units, awards, …); fixed forever like the above. */
export const ENTITY_UUID_NAMESPACE = 'a4564747-e52e-4613-851a-79eab8fb6af5';

export interface StatementIdParts {
  /** The id of the Open edX event the statement comes from (its metadata `id`). */
  readonly sourceEventId: string;
  /** The profile that produced the statement (`brightspace`, `adl`). */
  readonly profile: string;
  /** Which of the event's statements this is (`primary`, `award`, a verb, …). */
  readonly role: string;
}

/** `\` and `|` each preceded by a `\`; replaceAll, because a regular expression costs three times as much. */
function escapePart(part: string): string {
  // Backslashes first, so that those escaping pipes are not doubled.
  const escaped = part.includes('\\') ? part.replaceAll('\\', '\\\\') : part;
  return escaped.includes('|') ? escaped.replaceAll('|', '\\|') : escaped;
}

/**
 * `parts` joined by `|`, each with `\` and `|` escaped by a `\`. The encoding is injective: two different
 * lists of parts never give the same string, so their UUIDv5s differ (short of a SHA-1 collision).
 */
export function canonicalKey(parts: readonly string[]): string {
  let key = '';
  for (let i = 0; i < parts.length; i++) key += (i === 0 ? '' : '|') + escapePart(parts[i]!);
  return key;
}

/** Names up to this many UTF-16 units always fit a scratch buffer (3 UTF-8 bytes per unit at most). */
const SCRATCH_NAME_UNITS = 1024;

/** The hex digit with its top two bits set to `10`, indexed by the digit's value. */
const VARIANT_DIGITS = '89ab89ab89ab89ab';

/** `encodeInto` writes a name's UTF-8 with less call overhead than `Buffer#write`. */
const utf8 = new TextEncoder();

/**
 * RFC 9562 UUIDv5 in one namespace: SHA-1 over the namespace bytes and the UTF-8 name, version and
 * variant bits set. It runs for every statement, so the name is written after the namespace in a
 * scratch buffer (with a view per length, kept) and hashed by the one-shot `crypto.hash`: next
 * to no allocation but the result. A `createHash` object per id cost twice as much, and the generic
 * `uuid` package parses the namespace on each call.
 */
function uuidV5In(namespace: string): (name: string) => string {
  const bytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  const scratch = Buffer.alloc(16 + 3 * SCRATCH_NAME_UNITS);
  bytes.copy(scratch, 0);
  const nameBytes = scratch.subarray(16);
  const views: Buffer[] = [];
  return (name) => {
    let input: Buffer;
    if (name.length <= SCRATCH_NAME_UNITS) {
      const length = 16 + utf8.encodeInto(name, nameBytes).written;
      input = views[length] ??= scratch.subarray(0, length);
    } else {
      input = Buffer.concat([bytes, Buffer.from(name, 'utf8')]);
    }
    const hex = hash('sha1', input, 'hex');
    // Version 5 in the 13th hex digit; the variant bits 10 in the 17th (8, 9, a or b).
    const code = hex.charCodeAt(16);
    const variant = VARIANT_DIGITS[code <= 57 ? code - 48 : code - 87]!;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

const statementUuid = uuidV5In(STATEMENT_ID_NAMESPACE);
const entityUuidOf = uuidV5In(ENTITY_UUID_NAMESPACE);

/** UUIDv5 of `<sourceEventId>|<profile>|<role>` in the statement namespace; ids are case-sensitive. */
export function statementId({ sourceEventId, profile, role }: StatementIdParts): string {
  return statementUuid(canonicalKey([sourceEventId, profile, role]));
}

/** UUIDv5 of `<tenant>|<kind>|<id>` in the entity namespace: one stable UUID per platform entity. */
export function entityUuid(tenant: string, kind: string, id: string): string {
  return entityUuidOf(canonicalKey([tenant, kind, id]));
}
