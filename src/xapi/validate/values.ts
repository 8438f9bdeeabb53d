/** Checks of one property value against an xAPI data type; each reports at `key` under the current path. */
import { type Checker, isJsonObject, type PathKey, quote, report, wrongType } from './checker.js';
import {
  isDuration,
  isIri,
  isIrl,
  isLanguageTag,
  isStatementVersion,
  isTimestamp,
  isUuid,
} from './primitives.js';

export function checkString(c: Checker, key: PathKey, v: unknown): v is string {
  return typeof v === 'string' || wrongType(c, key, v, 'a string');
}

export function checkBoolean(c: Checker, key: PathKey, v: unknown): boolean {
  return typeof v === 'boolean' || wrongType(c, key, v, 'a boolean (true or false)');
}

/** A JSON number: finite, not a string holding digits. */
export function checkNumber(c: Checker, key: PathKey, v: unknown): v is number {
  return (typeof v === 'number' && Number.isFinite(v)) || wrongType(c, key, v, 'a number');
}

export function checkIri(c: Checker, key: PathKey, v: unknown, what: string): boolean {
  if (typeof v !== 'string') return wrongType(c, key, v, `${what} (an IRI string)`);
  if (isIri(v)) return true;
  report(c, key, 'xapi.invalid_iri', `expected ${what}: an absolute IRI with a scheme, got ${quote(v)}`);
  return false;
}

export function checkIrl(c: Checker, key: PathKey, v: unknown, what: string): boolean {
  if (typeof v !== 'string') return wrongType(c, key, v, `${what} (an IRL string)`);
  if (isIrl(v)) return true;
  report(
    c,
    key,
    'xapi.invalid_irl',
    `expected ${what}: an IRL with a scheme and a host (e.g. https://example.com/), got ${quote(v)}`,
  );
  return false;
}

export function checkUuid(c: Checker, key: PathKey, v: unknown): boolean {
  if (typeof v !== 'string') return wrongType(c, key, v, 'a UUID string');
  if (isUuid(v)) return true;
  report(c, key, 'xapi.invalid_uuid', `expected a UUID in standard form (8-4-4-4-12 hex), got ${quote(v)}`);
  return false;
}

export function checkTimestamp(c: Checker, key: PathKey, v: unknown): boolean {
  if (typeof v !== 'string') return wrongType(c, key, v, 'an ISO 8601 timestamp string');
  if (isTimestamp(v, c.version)) return true;
  const forms = c.version === '2.0.0' ? 'an ISO 8601 or RFC 3339 date-time' : 'an ISO 8601 date-time';
  report(
    c,
    key,
    'xapi.invalid_timestamp',
    `expected ${forms} with a time zone (Z or ±hh:mm, but not -00:00), got ${quote(v)}`,
  );
  return false;
}

export function checkDuration(c: Checker, key: PathKey, v: unknown): boolean {
  if (typeof v !== 'string') return wrongType(c, key, v, 'an ISO 8601 duration string');
  if (isDuration(v)) return true;
  report(
    c,
    key,
    'xapi.invalid_duration',
    `expected an ISO 8601 duration such as PT1H30M5.5S, got ${quote(v)}`,
  );
  return false;
}

export function checkLanguageTag(c: Checker, key: PathKey, v: unknown): boolean {
  if (typeof v !== 'string') return wrongType(c, key, v, 'an RFC 5646 language tag string');
  if (isLanguageTag(v)) return true;
  report(
    c,
    key,
    'xapi.invalid_language_tag',
    `expected an RFC 5646 language tag such as en-US, got ${quote(v)}`,
  );
  return false;
}

export function checkVersion(c: Checker, key: PathKey, v: unknown): boolean {
  if (typeof v !== 'string') return wrongType(c, key, v, 'a version string');
  if (isStatementVersion(v, c.version)) return true;
  const expected = c.version === '2.0.0' ? '2.0 or 2.0.x' : '1.0 or 1.0.x';
  report(c, key, 'xapi.invalid_version', `expected ${expected}, got ${quote(v)}`);
  return false;
}

/** A language map: a non-empty object whose keys are RFC 5646 tags and whose values are strings. */
export function checkLanguageMap(c: Checker, key: PathKey, v: unknown): void {
  if (!isJsonObject(v)) {
    wrongType(c, key, v, 'a language map (an object of language tag → string)');
    return;
  }
  let entries = 0;
  c.path.push(key);
  for (const tag in v) {
    const text = v[tag];
    if (text === undefined) continue;
    entries++;
    if (!isLanguageTag(tag)) {
      report(
        c,
        tag,
        'xapi.invalid_language_tag',
        `expected an RFC 5646 language tag such as en-US as the key`,
      );
    }
    if (typeof text !== 'string') wrongType(c, tag, text, 'a string');
  }
  c.path.pop();
  if (entries === 0) {
    report(c, key, 'xapi.empty_language_map', 'expected at least one language tag → string entry');
  }
}

/** Extensions: an object whose keys are IRIs; values may be any JSON, null included. */
export function checkExtensions(c: Checker, key: PathKey, v: unknown): void {
  if (!isJsonObject(v)) {
    wrongType(c, key, v, 'an extensions object (IRI → any value)');
    return;
  }
  c.path.push(key);
  for (const name in v) {
    if (!isIri(name)) {
      report(c, name, 'xapi.invalid_iri', 'expected an extension key that is an absolute IRI with a scheme');
    }
  }
  c.path.pop();
}

/** An array of strings (`correctResponsesPattern`). */
export function checkStringArray(c: Checker, key: PathKey, v: unknown): void {
  if (!Array.isArray(v)) {
    wrongType(c, key, v, 'an array of strings');
    return;
  }
  c.path.push(key);
  for (let i = 0; i < v.length; i++) checkString(c, i, v[i]);
  c.path.pop();
}

/** A non-empty array of IRIs (`relevantTypes`). */
export function checkIriArray(c: Checker, key: PathKey, v: unknown, what: string): void {
  if (!Array.isArray(v)) {
    wrongType(c, key, v, `a non-empty array of ${what} IRIs`);
    return;
  }
  if (v.length === 0) {
    report(c, key, 'xapi.empty_array', `expected at least one ${what} IRI`);
    return;
  }
  c.path.push(key);
  for (let i = 0; i < v.length; i++) checkIri(c, i, v[i], `a ${what} IRI`);
  c.path.pop();
}
