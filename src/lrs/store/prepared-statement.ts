import { randomUUID } from 'node:crypto';
import { EdstreamError } from '../../errors.js';
import type { Statement } from '../../xapi/statement.js';
import { statementsEquivalent } from '../statements/equivalence.js';
import {
  isInheritedTerm,
  isVoidingStatement,
  statementRefTarget,
  statementTerms,
} from '../statements/statement-terms.js';

/** A statement ready for the insert path: stamped, serialised, and its index terms computed. */
export interface PreparedStatement {
  id: string;
  lowerId: string;
  statement: Statement;
  json: string;
  refTarget: string | undefined;
  voiding: boolean;
  /** Terms a statement targeting this one inherits. */
  inheritable: string[];
  /** Terms only this statement has (its authority). */
  own: string[];
}

/**
 * A `stored` clock that never goes backwards, so that sequence order and `stored` order agree
 * even when the wall clock steps back.
 */
export class StoredClock {
  constructor(private last = 0) {}

  next(): number {
    this.last = Math.max(Date.now(), this.last);
    return this.last;
  }
}

/** Stamps `stored` (and `timestamp` when missing) and computes what the index needs. */
export function prepareStatement(statement: Statement, storedIso: string): PreparedStatement {
  const id = statement.id ?? randomUUID();
  const stamped: Statement = {
    ...statement,
    id,
    timestamp: statement.timestamp ?? storedIso,
    stored: storedIso,
  };
  const terms = statementTerms(stamped);
  return {
    id,
    lowerId: id.toLowerCase(),
    statement: stamped,
    json: JSON.stringify(stamped),
    refTarget: statementRefTarget(stamped),
    voiding: isVoidingStatement(stamped),
    inheritable: terms.filter(isInheritedTerm),
    own: terms.filter((t) => !isInheritedTerm(t)),
  };
}

/** Decides what a repeated id means: a duplicate to skip, or a conflict that fails the batch. */
export function checkDuplicate(existingJson: string, incoming: Statement): void {
  if (!statementsEquivalent(JSON.parse(existingJson), incoming)) {
    throw new EdstreamError(
      'lrs.statement_conflict',
      `statement ${incoming.id} already exists with different content; statements are immutable`,
      { details: { id: incoming.id } },
    );
  }
}

export function voidingVoidingError(id: string, target: string): EdstreamError {
  return new EdstreamError(
    'lrs.invalid_statement',
    `statement ${id} voids ${target}, which is itself a voiding statement; voiding statements cannot be voided`,
    { details: { id, target } },
  );
}

/** Term ids as stored in a statement row: a comma-separated list. */
export function parseTermIds(text: string): number[] {
  return text === '' ? [] : text.split(',').map(Number);
}
