import type { Issue } from '../errors.js';
import { describeValue } from './describe-value.js';
import { isUuid } from './ids.js';
import { parseUtcTime } from './time.js';

/** One field read and normalised, or the issues that stopped it; shared by every metadata reader. */
export type Checked<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** A plain object whose own string keys can be read safely. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property's value; inherited ones (`toString`, `__proto__`) count as absent. */
export function ownField(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function missingField(path: string, expected: string): Issue {
  return { code: 'validation.missing_field', path, message: `found nothing; expected ${expected}` };
}

export function wrongType(path: string, value: unknown, expected: string): Issue {
  return {
    code: 'validation.wrong_type',
    path,
    message: `found ${describeValue(value)}; expected ${expected}`,
  };
}

/** A required non-empty string (`event_type`, `source`, `sourcehost`). */
export function checkText(value: unknown, path: string, expected: string): Checked<string> {
  if (value === undefined) return bad(missingField(path, expected));
  if (typeof value !== 'string') return bad(wrongType(path, value, expected));
  if (value === '') {
    return bad({
      code: 'validation.invalid_value',
      path,
      message: `found an empty string; expected ${expected}`,
    });
  }
  return { ok: true, value };
}

/** A UUID of any version, returned lowercase. */
export function checkId(value: unknown, path: string): Checked<string> {
  const expected = 'a UUID string such as 2a1b3c4d-5e6f-11ef-8a9b-0242ac120002';
  if (value === undefined) return bad(missingField(path, expected));
  if (typeof value !== 'string') return bad(wrongType(path, value, expected));
  if (!isUuid(value)) {
    return bad({
      code: 'validation.invalid_uuid',
      path,
      message: `found ${quote(value)}; expected ${expected}`,
    });
  }
  return { ok: true, value: value.toLowerCase() };
}

/** A UTC time, returned in the canonical `+00:00` isoformat. */
export function checkTime(value: unknown, path: string): Checked<string> {
  if (value === undefined) return bad(missingField(path, 'an ISO 8601 UTC time string'));
  const parsed = parseUtcTime(value, path);
  return parsed.ok ? { ok: true, value: parsed.iso } : bad(parsed.issue);
}

/** `minorversion` as a JSON number. */
export function checkMinorversion(value: unknown, path: string): Checked<number> {
  const expected = 'a non-negative integer';
  if (value === undefined) return bad(missingField(path, expected));
  if (typeof value !== 'number') return bad(wrongType(path, value, expected));
  if (!Number.isSafeInteger(value) || value < 0) {
    return bad({ code: 'validation.invalid_value', path, message: `found ${value}; expected ${expected}` });
  }
  return { ok: true, value };
}

/** `minorversion` as the decimal text of a stream field or header. */
export function checkMinorversionText(value: unknown, path: string): Checked<number> {
  const expected = 'a non-negative decimal integer such as 0';
  if (value === undefined) return bad(missingField(path, expected));
  if (typeof value !== 'string') return bad(wrongType(path, value, expected));
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    return bad({
      code: 'validation.invalid_value',
      path,
      message: `found ${quote(value)}; expected ${expected}`,
    });
  }
  return { ok: true, value: Number(value) };
}

/** `sourcelib` as a list of integers (the JSON and in-memory form). */
export function checkSourcelibList(value: unknown, path: string): Checked<readonly number[]> {
  const expected = 'a non-empty list of non-negative integers such as [0, 1, 0]';
  if (value === undefined) return bad(missingField(path, expected));
  if (!Array.isArray(value)) return bad(wrongType(path, value, expected));
  if (value.length === 0) {
    return bad({
      code: 'validation.invalid_value',
      path,
      message: `found an empty list; expected ${expected}`,
    });
  }
  const issues: Issue[] = [];
  const parts: number[] = [];
  // Indexes, not iteration, so that holes in a sparse array are reported rather than skipped.
  for (let index = 0; index < value.length; index += 1) {
    const part: unknown = value[index];
    const partPath = `${path}.${index}`;
    if (typeof part !== 'number') issues.push(wrongType(partPath, part, 'a non-negative integer'));
    else if (!Number.isSafeInteger(part) || part < 0) {
      issues.push({
        code: 'validation.invalid_value',
        path: partPath,
        message: `found ${part}; expected a non-negative integer`,
      });
    } else parts.push(part);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parts };
}

/** `sourcelib` as dotted text (`11.2.0`), which Python consumers split on `.` and pass to `int()`. */
export function checkSourcelibText(value: unknown, path: string): Checked<readonly number[]> {
  const expected = 'dotted non-negative integers such as 0.1.0';
  if (value === undefined) return bad(missingField(path, expected));
  if (typeof value !== 'string') return bad(wrongType(path, value, expected));
  const known = sourcelibCache.get(value);
  if (known) return { ok: true, value: known };
  const parts = value.split('.');
  if (!parts.every((part) => /^\d+$/.test(part) && Number.isSafeInteger(Number(part)))) {
    return bad({
      code: 'validation.invalid_value',
      path,
      message: `found ${quote(value)}; expected ${expected}`,
    });
  }
  const numbers = Object.freeze(parts.map(Number));
  // A deployment runs a handful of library versions: every entry repeats one of them.
  if (sourcelibCache.size >= 64) sourcelibCache.clear();
  sourcelibCache.set(value, numbers);
  return { ok: true, value: numbers };
}

const sourcelibCache = new Map<string, readonly number[]>();

/** `sourcelib` in either form, for readers that meet both (CloudEvents, options). */
export function checkSourcelibAny(value: unknown, path: string): Checked<readonly number[]> {
  return typeof value === 'string' ? checkSourcelibText(value, path) : checkSourcelibList(value, path);
}

/** Issues for own keys that are not in `known`, in the record's key order. */
export function unknownFields(record: Record<string, unknown>, known: readonly string[]): Issue[] {
  return Object.keys(record)
    .filter((key) => !known.includes(key))
    .map((key) => ({
      code: 'validation.unknown_field',
      path: key,
      message: `found unexpected field ${quote(key)}; expected only ${known.join(', ')}`,
    }));
}

/** Quotes found text for a message, cut short so that a huge value cannot flood a log line. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function bad(issue: Issue): { ok: false; issues: Issue[] } {
  return { ok: false, issues: [issue] };
}
