import { digits } from '../catalog/datetime-text.js';
import { EdstreamError, type Issue } from '../errors.js';
import { describeValue } from './describe-value.js';

/** A metadata time read from text: the canonical isoformat string and the exact instant in microseconds. */
export type UtcTimeResult = UtcTime | { ok: false; issue: Issue };

/** A time read successfully. A class, so that making one is cheap and the instant is computed on demand. */
export class UtcTime {
  readonly ok = true as const;
  constructor(
    /** The canonical `isoformat()` text. */
    readonly iso: string,
    private readonly days: number,
    private readonly secondOfDay: number,
    private readonly micros: number,
  ) {}

  /** The exact instant, in microseconds since 1970-01-01T00:00:00Z. */
  get epochMicros(): bigint {
    return BigInt(this.days * 86_400 + this.secondOfDay) * 1_000_000n + BigInt(this.micros);
  }
}

// Date and time as Python's fromisoformat reads them (`T` or a space between), then whatever follows
// as the offset, so a bad offset can be told apart from a bad date.
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(.*))?$/;
// Offsets Python would accept but that are not written as UTC the way edstream requires.
const OFFSET_RE = /^[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const MAX_YEAR = 9999;

/** Writes a UTC instant exactly as Python's `datetime.isoformat()` does; `micros` (0–999) refines the Date's milliseconds. */
export function formatIsoformat(date: Date, micros = 0): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) {
    throw new EdstreamError('validation.invalid_datetime', 'found an invalid Date; expected a valid instant');
  }
  if (!Number.isInteger(micros) || micros < 0 || micros > 999) {
    throw new EdstreamError(
      'validation.invalid_value',
      `found ${String(micros)} extra microseconds; expected an integer from 0 to 999`,
    );
  }
  const year = date.getUTCFullYear();
  if (year < 1 || year > MAX_YEAR) {
    throw new EdstreamError(
      'validation.invalid_datetime',
      `found year ${year}; expected a year from 1 to ${MAX_YEAR}, the range Python datetimes cover`,
    );
  }
  return formatParts(
    year,
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds() * 1000 + micros,
  );
}

// The wall clock anchors the monotonic clock; it is re-anchored only when the two drift apart
// (sleep, NTP steps), and the result is clamped so that it never goes backwards.
const REANCHOR_AFTER_MS = 1000;
let anchorMs = performance.timeOrigin;
let lastMicros = 0;

/** The current UTC time in isoformat with microsecond resolution, never earlier than a previous call. */
export function nowIsoformat(): string {
  const monotonic = performance.now();
  const wall = Date.now();
  if (Math.abs(anchorMs + monotonic - wall) > REANCHOR_AFTER_MS) anchorMs = wall - monotonic;
  const micros = Math.max(Math.floor((anchorMs + monotonic) * 1000), lastMicros);
  lastMicros = micros;
  const ms = Math.floor(micros / 1000);
  return formatIsoformat(new Date(ms), micros - ms * 1000);
}

/** Reads a metadata time: ISO 8601 with 0–6 fraction digits, `T` or space, and `Z` or `+00:00` only. */
export function parseUtcTime(text: unknown, path = ''): UtcTimeResult {
  if (typeof text !== 'string') {
    return fail(
      'validation.wrong_type',
      path,
      `found ${describeValue(text)}; expected an ISO 8601 UTC time string`,
    );
  }
  const canonical = readCanonical(text);
  if (canonical) return canonical;
  const m = ISO_RE.exec(text);
  if (!m) {
    return fail(
      'validation.invalid_datetime',
      path,
      `found ${JSON.stringify(text)}; expected an ISO 8601 time such as 2026-01-02T03:04:05.000123+00:00`,
    );
  }
  const [, y, mo, d, h, mi, s, fraction, offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  const micros = fraction === undefined ? 0 : Number(fraction.padEnd(6, '0'));
  const calendarProblem = checkCalendar(year, month, day, hour, minute, second);
  if (calendarProblem !== undefined) {
    return fail('validation.invalid_datetime', path, `found ${JSON.stringify(text)}; ${calendarProblem}`);
  }
  if (h === undefined || offset === '') {
    return fail(
      'validation.non_utc_datetime',
      path,
      `found ${JSON.stringify(text)} without an offset; expected a UTC time ending in +00:00 or Z`,
    );
  }
  if (offset !== 'Z' && offset !== '+00:00') {
    if (offset !== undefined && OFFSET_RE.test(offset)) {
      return fail(
        'validation.non_utc_datetime',
        path,
        `found offset ${offset} in ${JSON.stringify(text)}; expected UTC written as +00:00 or Z`,
      );
    }
    return fail(
      'validation.invalid_datetime',
      path,
      `found ${JSON.stringify(text)}; expected at most 6 fraction digits followed by +00:00 or Z`,
    );
  }
  const iso = formatParts(year, month, day, hour, minute, second, micros);
  return new UtcTime(iso, daysFromCivil(year, month, day), hour * 3600 + minute * 60 + second, micros);
}

/** Turns a metadata time into a Date (millisecond precision; sub-millisecond digits are floored). */
export function isoformatToDate(iso: string): Date {
  const parsed = parseUtcTime(iso, 'time');
  if (!parsed.ok) {
    throw new EdstreamError(parsed.issue.code, parsed.issue.message, { details: [parsed.issue] });
  }
  const micros = parsed.epochMicros;
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  return new Date(Number(ms));
}

/**
 * The common case without a regular expression: text exactly in isoformat (`YYYY-MM-DDTHH:MM:SS`,
 * six fraction digits unless they are all zero, `+00:00`), as every Open edX producer writes it.
 * Anything else (or a bad calendar date) is left to the full reader and its messages.
 */
function readCanonical(text: string): UtcTimeResult | undefined {
  const length = text.length;
  if (length !== 25 && length !== 32) return undefined;
  if (!text.endsWith('+00:00')) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':')
    return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let micros = 0;
  if (length === 32) {
    if (text[19] !== '.') return undefined;
    micros = digits(text, 20, 6);
    if (micros <= 0) return undefined;
  }
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (checkCalendar(year, month, day, hour, minute, second) !== undefined) return undefined;
  return new UtcTime(text, daysFromCivil(year, month, day), hour * 3600 + minute * 60 + second, micros);
}

function formatParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  micros: number,
): string {
  const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  const time = `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
  // Python's isoformat drops the fraction entirely when it is zero, otherwise always writes 6 digits.
  const fraction = micros === 0 ? '' : `.${pad(micros, 6)}`;
  return `${date}T${time}${fraction}+00:00`;
}

function checkCalendar(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): string | undefined {
  if (year < 1) return 'expected a year from 0001 to 9999';
  if (month < 1 || month > 12) return `expected a month from 01 to 12`;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > maxDay) return `expected a day from 01 to ${maxDay} in that month`;
  if (hour > 23) return 'expected an hour from 00 to 23';
  if (minute > 59) return 'expected minutes from 00 to 59';
  // Python rejects leap seconds, so a Python consumer would too.
  if (second > 59) return 'expected seconds from 00 to 59';
  return undefined;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm), exact for any year,
// unlike Date.UTC which maps years 0–99 to 1900–1999.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function fail(code: string, path: string, message: string): UtcTimeResult {
  return { ok: false, issue: { code, path, message } };
}
