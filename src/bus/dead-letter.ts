import { EdstreamError } from '../errors.js';
import type { BusBackend, EntryFields, StreamEntry } from './backend.js';
import { deadLetterStream } from './topics.js';

/** Why an entry was dead-lettered, stored next to its original fields. */
export interface DeadLetterReason {
  readonly originalId: string;
  readonly group: string;
  readonly consumer: string;
  readonly code: string;
  readonly message: string;
  readonly attempts: number;
}

const REASON_FIELDS = [
  'dlq_original_id',
  'dlq_group',
  'dlq_consumer',
  'dlq_error_code',
  'dlq_error_message',
  'dlq_attempts',
  'dlq_failed_at',
];

/** A dead letter as read back: the original entry's fields and the reason. */
export interface DeadLetter {
  readonly id: string;
  readonly stream: string;
  readonly originalFields: EntryFields;
  readonly reason: DeadLetterReason & { readonly failedAt: string };
}

/** Appends the entry, with the reason, to the stream's dead-letter stream. */
export async function writeDeadLetter(
  backend: BusBackend,
  stream: string,
  entry: StreamEntry,
  reason: DeadLetterReason,
): Promise<string> {
  const fields: EntryFields = [
    ...entry.fields,
    ['dlq_original_id', reason.originalId],
    ['dlq_group', reason.group],
    ['dlq_consumer', reason.consumer],
    ['dlq_error_code', reason.code],
    ['dlq_error_message', reason.message.slice(0, 4000)],
    ['dlq_attempts', String(reason.attempts)],
    ['dlq_failed_at', new Date().toISOString()],
  ];
  const [id] = await backend.append(deadLetterStream(stream), [fields]);
  return id!;
}

function text(value: string | Buffer | undefined): string {
  if (value === undefined) return '';
  return Buffer.isBuffer(value) ? value.toString('utf8') : value;
}

export function readDeadLetter(stream: string, entry: StreamEntry): DeadLetter {
  const reason = new Map<string, string>();
  const original: [string, string | Buffer][] = [];
  for (const [name, value] of entry.fields) {
    if (REASON_FIELDS.includes(name)) reason.set(name, text(value));
    else original.push([name, value]);
  }
  return {
    id: entry.id,
    stream,
    originalFields: original,
    reason: {
      originalId: reason.get('dlq_original_id') ?? '',
      group: reason.get('dlq_group') ?? '',
      consumer: reason.get('dlq_consumer') ?? '',
      code: reason.get('dlq_error_code') ?? '',
      message: reason.get('dlq_error_message') ?? '',
      attempts: Number(reason.get('dlq_attempts') ?? 0),
      failedAt: reason.get('dlq_failed_at') ?? '',
    },
  };
}

export async function listDeadLetters(
  backend: BusBackend,
  stream: string,
  count = 100,
): Promise<DeadLetter[]> {
  const entries = await backend.range(deadLetterStream(stream), '-', '+', count);
  return entries.map((e) => readDeadLetter(stream, e));
}

export async function getDeadLetter(backend: BusBackend, stream: string, id: string): Promise<DeadLetter> {
  const [entry] = await backend.range(deadLetterStream(stream), id, id, 1);
  if (!entry) throw new EdstreamError('bus.dead_letter_not_found', `no dead letter ${id} for ${stream}`);
  return readDeadLetter(stream, entry);
}

/**
 * Puts dead letters back on their stream as new entries (original fields only) and removes them
 * from the dead-letter stream. The append happens first, so a crash in between duplicates rather
 * than loses. Resolves with the new entry ids.
 */
export async function replayDeadLetters(
  backend: BusBackend,
  stream: string,
  ids: readonly string[] | 'all',
): Promise<string[]> {
  const letters =
    ids === 'all'
      ? await allDeadLetters(backend, stream)
      : await Promise.all(ids.map((id) => getDeadLetter(backend, stream, id)));
  if (letters.length === 0) return [];
  const newIds = await backend.append(
    stream,
    letters.map((l) => l.originalFields),
  );
  await backend.delete(
    deadLetterStream(stream),
    letters.map((l) => l.id),
  );
  return newIds;
}

export async function purgeDeadLetters(
  backend: BusBackend,
  stream: string,
  ids: readonly string[] | 'all',
): Promise<number> {
  const targets = ids === 'all' ? (await allDeadLetters(backend, stream)).map((l) => l.id) : ids;
  return targets.length === 0 ? 0 : backend.delete(deadLetterStream(stream), targets);
}

async function allDeadLetters(backend: BusBackend, stream: string): Promise<DeadLetter[]> {
  const out: DeadLetter[] = [];
  let start = '-';
  for (;;) {
    const page = await backend.range(deadLetterStream(stream), start, '+', 1000);
    const fresh = start === '-' ? page : page.filter((e) => e.id !== start);
    out.push(...fresh.map((e) => readDeadLetter(stream, e)));
    if (page.length < 1000) return out;
    start = page[page.length - 1]!.id;
  }
}
