import { EdstreamError } from '../errors.js';
import { isEntryId } from './entry-id.js';

/** Where a consumer starts: its group's cursor, the beginning, now, an entry id or an ISO time. */
export type StartPosition = 'resume' | 'beginning' | 'now' | string;

export interface ResolvedPosition {
  /** Where a group created now starts. */
  readonly createAt: string;
  /** Where an existing group is moved to; undefined to resume where it left off. */
  readonly setTo: string | undefined;
}

/**
 * Unlike the Open edX Redis consumer, which moves the group to `$` on every start and so skips
 * the backlog, `resume` leaves an existing group where it was; a new group reads from the
 * beginning of what the stream retains.
 */
export function resolveStartPosition(from: StartPosition): ResolvedPosition {
  if (from === 'resume') return { createAt: '0', setTo: undefined };
  if (from === 'beginning') return { createAt: '0', setTo: '0' };
  if (from === 'now') return { createAt: '$', setTo: '$' };
  if (isEntryId(from)) return { createAt: from, setTo: from };
  const time = Date.parse(from);
  if (/^\d{4}-\d{2}-\d{2}/.test(from) && !Number.isNaN(time)) {
    // Entries appended at or after the instant: the cursor goes just before its first millisecond.
    const id = time > 0 ? `${time - 1}-9007199254740991` : '0';
    return { createAt: id, setTo: id };
  }
  throw new EdstreamError(
    'usage.bad_option',
    `--from must be beginning, now, an entry id (<ms>-<seq>) or an ISO 8601 time, not ${JSON.stringify(from)}`,
  );
}
