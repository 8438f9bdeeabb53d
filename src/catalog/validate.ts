import { EdstreamError, formatIssues, type Issue } from '../errors.js';
import { withDefaults } from './defaults.js';
import type { EventDefinition } from './event-definition.js';
import { findEventDefinition } from './registry.js';
import { isValidDataClass, validateDataClass } from './validate-data.js';

/**
 * Every problem of `data` as the payload of `eventType` (`{ <data key>: {...} }`), all at once.
 * Never throws, whatever the input.
 */
export function validate(eventType: unknown, data: unknown): Issue[] {
  const definition = typeof eventType === 'string' ? findEventDefinition(eventType) : undefined;
  if (!definition) {
    return [
      {
        code: 'catalog.unknown_event_type',
        path: 'type',
        message: `${safeStringify(eventType)} is not an Open edX event type`,
      },
    ];
  }
  return validateEventData(definition, data);
}

/** Validates the payload of a known event definition. Never throws. */
export function validateEventData(definition: EventDefinition, data: unknown, path = 'data'): Issue[] {
  const { dataKey, dataClass } = definition;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return [
      {
        code: 'validation.wrong_type',
        path,
        message: `expected an object with the single key ${JSON.stringify(dataKey)} (${dataClass.name})`,
      },
    ];
  }
  const record = data as Record<string, unknown>;
  const issues: Issue[] = [];
  const payload = record[dataKey];
  if (payload === undefined || payload === null) {
    issues.push({
      code: 'validation.missing_field',
      path: `${path}.${dataKey}`,
      message: `${definition.eventType} requires ${JSON.stringify(dataKey)} (${dataClass.name})`,
    });
  } else if (!isValidDataClass(dataClass, payload)) {
    issues.push(...validateDataClass(dataClass, payload, `${path}.${dataKey}`));
  }
  for (const k of Object.keys(record)) {
    if (k !== dataKey) {
      issues.push({
        code: 'validation.unknown_field',
        path: `${path}.${k}`,
        message: `${definition.eventType} carries only ${JSON.stringify(dataKey)}, not ${JSON.stringify(k)}`,
      });
    }
  }
  return issues;
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; issues: Issue[] };

/** Validates and, when valid, returns the data with Open edX defaults filled in. */
export function parseEventData<T = Record<string, unknown>>(
  definition: EventDefinition,
  data: unknown,
): ParseResult<T> {
  const issues = validateEventData(definition, data);
  if (issues.length > 0) return { ok: false, issues };
  const record = data as Record<string, unknown>;
  const payload = record[definition.dataKey];
  const filled = withDefaults(definition.dataClass, payload);
  return { ok: true, data: (filled === payload ? data : { [definition.dataKey]: filled }) as T };
}

function safeStringify(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** The error for a payload that failed validation; `details` holds every issue. */
export function invalidPayload(definition: EventDefinition, issues: Issue[]): EdstreamError {
  return new EdstreamError(
    'validation.invalid_payload',
    `invalid ${definition.eventType} payload: ${formatIssues(issues)}`,
    {
      details: issues,
    },
  );
}
