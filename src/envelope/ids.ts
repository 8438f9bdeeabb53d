import { v1 } from 'uuid';
import { EdstreamError } from '../errors.js';
import { describeValue } from './describe-value.js';

// Any version and variant: Python consumers parse ids with `uuid.UUID`, which checks neither.
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new event id: a lowercase uuid1, the kind Open edX generates. */
export function newEventId(): string {
  return v1();
}

/** Whether a value is a UUID in the canonical 8-4-4-4-12 hex form, of any version and either case. */
export function isUuid(text: unknown): text is string {
  return typeof text === 'string' && UUID_RE.test(text);
}

/** The canonical lowercase form of a UUID; throws `validation.invalid_uuid` on anything else. */
export function normalizeUuid(text: unknown): string {
  if (!isUuid(text)) {
    const found = typeof text === 'string' ? JSON.stringify(text) : describeValue(text);
    throw new EdstreamError(
      'validation.invalid_uuid',
      `found ${found}; expected a UUID such as 2a1b3c4d-5e6f-11ef-8a9b-0242ac120002`,
    );
  }
  return text.toLowerCase();
}
