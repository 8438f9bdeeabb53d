import { createHash } from 'node:crypto';
import type { DocumentScope, DocumentWrite, StoredDocument } from './statement-store.js';

/** The ETag of a document: the quoted lowercase SHA-1 hex of its bytes. */
export function documentEtag(content: Buffer): string {
  return `"${createHash('sha1').update(content).digest('hex')}"`;
}

export function storedDocument(write: DocumentWrite, updated: number): StoredDocument {
  return { ...write, etag: documentEtag(write.content), updated };
}

/** Document scope columns: missing parts are stored as empty strings so that keys compare. */
export function scopeColumns(scope: DocumentScope): [string, string, string, string] {
  return [scope.kind, scope.activityId ?? '', scope.agent ?? '', (scope.registration ?? '').toLowerCase()];
}
