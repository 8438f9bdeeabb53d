import { EdstreamError } from '../../../errors.js';
import type { StatementQuery } from '../../store/statement-store.js';
import type { StatementFormat } from './statement-format.js';

/** Everything needed to fetch the next page, carried in the `more` link itself. */
export interface PageRequest {
  query: Omit<StatementQuery, 'authority'>;
  format: StatementFormat;
  attachments: boolean;
}

/**
 * Encodes a page request as the opaque `more` token. The link holds the whole query and the
 * position reached, so it stays valid as long as the statements exist (well beyond 24 hours) and
 * the server keeps no paging state. Scope restrictions are re-applied on every request.
 */
export function encodeMoreToken(page: PageRequest): string {
  return Buffer.from(JSON.stringify(page)).toString('base64url');
}

export function decodeMoreToken(token: string): PageRequest {
  try {
    const page = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageRequest;
    if (typeof page?.query?.limit !== 'number' || typeof page.query.after?.seq !== 'number')
      throw new Error('shape');
    return page;
  } catch {
    throw new EdstreamError('lrs.bad_request', 'the more token is not one this LRS issued');
  }
}
