import type { IncomingHttpHeaders } from 'node:http';
import { EdstreamError } from '../../../errors.js';
import type { StoredDocument } from '../../store/statement-store.js';

export interface Preconditions {
  ifMatch?: string[];
  ifNoneMatch?: string[];
}

export function readPreconditions(headers: IncomingHttpHeaders): Preconditions {
  const list = (value: string | string[] | undefined) =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value.join(',') : value).split(',').map(normalizeTag);
  const preconditions: Preconditions = {};
  const ifMatch = list(headers['if-match']);
  const ifNoneMatch = list(headers['if-none-match']);
  if (ifMatch) preconditions.ifMatch = ifMatch;
  if (ifNoneMatch) preconditions.ifNoneMatch = ifNoneMatch;
  return preconditions;
}

/** `"abc"`, `W/"abc"` and `abc` all name the ETag `abc`; `*` stays `*`. */
function normalizeTag(tag: string): string {
  return tag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

/**
 * Applies If-Match / If-None-Match (Communication 3.1): a failed precondition is a 412 and changes
 * nothing. With `requireForExisting` (profile PUT), a request with neither header for a document
 * that exists is a 409.
 */
export function checkPreconditions(
  current: StoredDocument | undefined,
  { ifMatch, ifNoneMatch }: Preconditions,
  { requireForExisting = false } = {},
): void {
  const etag = current ? normalizeTag(current.etag) : undefined;
  if (ifMatch) {
    const matches = etag !== undefined && (ifMatch.includes('*') || ifMatch.includes(etag));
    if (!matches) {
      throw new EdstreamError(
        'lrs.precondition_failed',
        current
          ? `If-Match ${ifMatch.join(', ')} does not match the document's ETag "${etag}"`
          : 'If-Match was given but the document does not exist',
        { details: { etag: current?.etag ?? null } },
      );
    }
  }
  if (ifNoneMatch && etag !== undefined && (ifNoneMatch.includes('*') || ifNoneMatch.includes(etag))) {
    throw new EdstreamError('lrs.precondition_failed', 'If-None-Match failed: the document exists', {
      details: { etag: current?.etag ?? null },
    });
  }
  if (requireForExisting && current && !ifMatch && !ifNoneMatch) {
    throw new EdstreamError(
      'lrs.document_conflict',
      'the document already exists: check its current state (GET), then send If-Match with its ETag to replace it',
      { details: { etag: current.etag } },
    );
  }
}
