/**
 * Deterministic ids (xapi.md §a.5, §b.3): the same source event always yields the same statement id, and
 * the same platform entity the same UUID, so that replays are idempotent at the LRS.
 */
import { createHash } from 'node:crypto';

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

const SEPARATOR_OR_ESCAPE = /[\\|]/g;

function escapePart(part: string): string {
  return part.includes('|') || part.includes('\\') ? part.replace(SEPARATOR_OR_ESCAPE, '\\$&') : part;
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

/**
 * RFC 9562 UUIDv5: SHA-1 over the namespace bytes and the UTF-8 name, version and variant bits set.
 * Written with node:crypto over a precomputed namespace because it runs for every statement
 * (the generic `uuid` package parses the namespace on each call, at a third of the speed).
 */
function uuidV5(name: string, namespace: Buffer): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const namespaceBytes = (uuid: string) => Buffer.from(uuid.replaceAll('-', ''), 'hex');
const STATEMENT_NAMESPACE_BYTES = namespaceBytes(STATEMENT_ID_NAMESPACE);
const ENTITY_NAMESPACE_BYTES = namespaceBytes(ENTITY_UUID_NAMESPACE);

/** UUIDv5 of `<sourceEventId>|<profile>|<role>` in the statement namespace; ids are case-sensitive. */
export function statementId({ sourceEventId, profile, role }: StatementIdParts): string {
  return uuidV5(canonicalKey([sourceEventId, profile, role]), STATEMENT_NAMESPACE_BYTES);
}

/** UUIDv5 of `<tenant>|<kind>|<id>` in the entity namespace: one stable UUID per platform entity. */
export function entityUuid(tenant: string, kind: string, id: string): string {
  return uuidV5(canonicalKey([tenant, kind, id]), ENTITY_NAMESPACE_BYTES);
}
