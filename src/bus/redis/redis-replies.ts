import { isUtf8 } from 'node:buffer';
import { EdstreamError } from '../../errors.js';
import type { EntryFields, GroupInfo, PendingSummary, StreamInfo, StreamState } from '../backend.js';
import { compareEntryIds, parseEntryId } from '../entry-id.js';

/** An entry as a reply lists it; `fields` is null when the entry was deleted or trimmed. */
export interface ReplyEntry {
  readonly id: string;
  readonly fields: EntryFields | null;
}

/** An entry that still exists. */
export type LiveEntry = ReplyEntry & { readonly fields: EntryFields };

export function liveEntries(entries: readonly ReplyEntry[]): LiveEntry[] {
  return entries.filter((e): e is LiveEntry => e.fields !== null);
}

/** The field whose value is always handed out as bytes: the schemaless Avro payload. */
export const BINARY_FIELD = 'event_data';

function badReply(what: string, reply: unknown): EdstreamError {
  const shown = Buffer.isBuffer(reply) ? reply.toString('latin1') : JSON.stringify(reply);
  return new EdstreamError(
    'bus.bad_reply',
    `unexpected Redis reply to ${what}: ${String(shown).slice(0, 200)}`,
  );
}

/** A bulk string or a number as text. */
export function replyText(value: unknown, what: string): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw badReply(what, value);
}

function replyNumber(value: unknown, what: string): number {
  const n = typeof value === 'number' ? value : Number(replyText(value, what));
  if (!Number.isFinite(n)) throw badReply(what, value);
  return n;
}

function replyList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw badReply(what, value);
  return value;
}

/**
 * A field value as the contract hands it out: `event_data` always as a Buffer (its Avro bytes may
 * happen to be valid UTF-8, and must never be re-encoded); other values as strings when they are
 * valid UTF-8, so that the text a producer wrote comes back equal, else as a Buffer.
 */
export function fieldValue(name: string, raw: Buffer): string | Buffer {
  if (name === BINARY_FIELD) return raw;
  return isUtf8(raw) ? raw.toString('utf8') : raw;
}

/** `[name, value, name, value, …]` as entry fields, in order. */
export function parseFields(flat: unknown): EntryFields {
  const list = replyList(flat, 'entry fields');
  if (list.length % 2 !== 0) throw badReply('entry fields', list);
  const fields: (readonly [string, string | Buffer])[] = [];
  for (let i = 0; i < list.length; i += 2) {
    const name = replyText(list[i], 'a field name');
    const raw = list[i + 1];
    const value = Buffer.isBuffer(raw) ? raw : Buffer.from(replyText(raw, 'a field value'), 'utf8');
    fields.push([name, fieldValue(name, value)]);
  }
  return fields;
}

/** A list of `[id, fields]` (XRANGE, XCLAIM, XAUTOCLAIM); nil items (Redis < 7 deleted entries) are skipped. */
export function parseEntries(reply: unknown): ReplyEntry[] {
  if (reply === null) return [];
  const out: ReplyEntry[] = [];
  for (const item of replyList(reply, 'a list of entries')) {
    if (item === null) continue;
    const [id, fields] = replyList(item, 'an entry');
    out.push({ id: replyText(id, 'an entry id'), fields: fields === null ? null : parseFields(fields) });
  }
  return out;
}

export interface AutoClaimReply {
  readonly next: string;
  readonly entries: ReplyEntry[];
  /** Ids of entries that no longer exist (Redis ≥ 7 lists them and drops them from the PEL). */
  readonly deleted: string[];
}

export function parseAutoClaim(reply: unknown): AutoClaimReply {
  const [next, entries, deleted] = replyList(reply, 'XAUTOCLAIM');
  return {
    next: replyText(next, 'the XAUTOCLAIM cursor'),
    entries: parseEntries(entries ?? null),
    deleted:
      deleted == null ? [] : replyList(deleted, 'XAUTOCLAIM').map((id) => replyText(id, 'an entry id')),
  };
}

/** Extended XPENDING: `[[id, consumer, idle ms, deliveries], …]`. */
export function parsePendingDetails(reply: unknown): PendingSummary[] {
  return replyList(reply, 'XPENDING').map((item) => {
    const [id, consumer, idle, deliveries] = replyList(item, 'an XPENDING item');
    return {
      id: replyText(id, 'an entry id'),
      consumer: replyText(consumer, 'a consumer name'),
      idleMs: replyNumber(idle, 'an idle time'),
      deliveries: replyNumber(deliveries, 'a delivery count'),
    };
  });
}

/** A flat `[key, value, …]` reply (XINFO) as a map. */
export function parsePairs(reply: unknown, what: string): Map<string, unknown> {
  const list = replyList(reply, what);
  const map = new Map<string, unknown>();
  for (let i = 0; i + 1 < list.length; i += 2) map.set(replyText(list[i], what), list[i + 1]);
  return map;
}

function entryIdOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const [id] = replyList(value, 'an XINFO entry');
  return replyText(id, 'an entry id');
}

function groupInfo(reply: unknown): GroupInfo {
  const g = parsePairs(reply, 'XINFO GROUPS');
  const lag = g.get('lag');
  return {
    name: replyText(g.get('name'), 'a group name'),
    consumers: replyNumber(g.get('consumers'), 'a consumer count'),
    pending: replyNumber(g.get('pending'), 'a pending count'),
    lastDeliveredId: replyText(g.get('last-delivered-id'), 'last-delivered-id'),
    // Redis < 7 has no lag; Redis 7 answers nil when deletions make it unknowable.
    lag: lag === null || lag === undefined ? null : replyNumber(lag, 'a lag'),
  };
}

/** XINFO STREAM plus XINFO GROUPS, as the contract's stream info. */
export function parseStreamInfo(stream: string, infoReply: unknown, groupsReply: unknown): StreamInfo {
  const groups = replyList(groupsReply, 'XINFO GROUPS').map(groupInfo);
  groups.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { ...parseStreamState(stream, infoReply), groups };
}

/** XINFO STREAM as the contract's stream state. */
export function parseStreamState(stream: string, infoReply: unknown): StreamState {
  const info = parsePairs(infoReply, 'XINFO STREAM');
  const length = replyNumber(info.get('length'), 'a stream length');
  const added = info.get('entries-added');
  const maxDeleted = info.get('max-deleted-entry-id');
  const firstId = entryIdOf(info.get('first-entry'));
  const entriesAdded = added === undefined ? length : replyNumber(added, 'entries-added');
  const deleted = maxDeleted === undefined ? '0-0' : replyText(maxDeleted, 'max-deleted-entry-id');
  const lastGenerated = replyText(info.get('last-generated-id') ?? '0-0', 'last-generated-id');
  return {
    stream,
    length,
    firstId,
    lastId: entryIdOf(info.get('last-entry')),
    entriesAdded,
    maxDeletedId: largestRemovedId(deleted, firstId, lastGenerated, entriesAdded > length),
  };
}

/**
 * Redis records XDEL in `max-deleted-entry-id` but not MAXLEN trimming, which only moves the first
 * entry. Every entry that ever existed below the first one is gone, so once entries were removed
 * the id just before the first entry (or the last id, once the stream is empty) is an upper bound
 * of them: a gap check against it misses nothing, and can only over-report for a group whose
 * cursor sits exactly on the last removed entry.
 */
export function largestRemovedId(
  deleted: string,
  firstId: string | null,
  lastGenerated: string,
  removedSome: boolean,
): string {
  if (!removedSome) return deleted;
  const bound = firstId === null ? lastGenerated : idBefore(firstId);
  return compareEntryIds(deleted, bound) >= 0 ? deleted : bound;
}

function idBefore(id: string): string {
  const { ms, seq } = parseEntryId(id);
  if (seq > 0) return `${ms}-${seq - 1}`;
  return ms > 0 ? `${ms - 1}-9999999999999999` : '0-0';
}
