import { describe, expect, it } from 'vitest';
import { EdstreamError } from '../errors.js';
import { formatIsoformat, isoformatToDate, nowIsoformat, parseUtcTime } from './time.js';

const ISOFORMAT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$/;

function parsedIso(text: string): string {
  const result = parseUtcTime(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.issue.message}`);
  return result.iso;
}

function issueCode(text: unknown): string {
  const result = parseUtcTime(text, 'time');
  if (result.ok) throw new Error(`expected ${String(text)} to be rejected`);
  expect(result.issue.path).toBe('time');
  return result.issue.code;
}

describe('formatIsoformat', () => {
  it('omits the fraction when the instant has no sub-second part', () => {
    expect(formatIsoformat(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05+00:00');
  });

  it('writes milliseconds and extra microseconds as exactly 6 digits', () => {
    expect(formatIsoformat(new Date('2026-01-02T03:04:05.500Z'))).toBe('2026-01-02T03:04:05.500000+00:00');
    expect(formatIsoformat(new Date('2026-01-02T03:04:05.000Z'), 123)).toBe(
      '2026-01-02T03:04:05.000123+00:00',
    );
  });

  it('pads years before 1000 to four digits like Python', () => {
    const date = new Date(Date.UTC(2000, 0, 1));
    date.setUTCFullYear(33);
    expect(formatIsoformat(date)).toBe('0033-01-01T00:00:00+00:00');
  });

  it('throws a coded error for an invalid Date or out-of-range microseconds', () => {
    expect(() => formatIsoformat(new Date(Number.NaN))).toThrow(EdstreamError);
    expect(() => formatIsoformat(new Date(0), 1000)).toThrow(/0 to 999/);
  });
});

describe('nowIsoformat', () => {
  it('writes the current UTC time in isoformat with microseconds', () => {
    const before = Date.now();
    const now = nowIsoformat();
    expect(now).toMatch(ISOFORMAT_RE);
    expect(Math.abs(isoformatToDate(now).getTime() - before)).toBeLessThan(2000);
  });

  it('never goes backwards across consecutive calls', () => {
    const times = Array.from({ length: 2000 }, () => nowIsoformat());
    const micros = times.map((t) => {
      const parsed = parseUtcTime(t);
      if (!parsed.ok) throw new Error(t);
      return parsed.epochMicros;
    });
    for (let i = 1; i < micros.length; i += 1) expect(micros[i]! >= micros[i - 1]!).toBe(true);
  });
});

describe('parseUtcTime', () => {
  it.each([
    ['2026-01-02T03:04:05.000123+00:00', '2026-01-02T03:04:05.000123+00:00'],
    ['2026-01-02T03:04:05.000000+00:00', '2026-01-02T03:04:05+00:00'],
    ['2026-01-02T03:04:05.5Z', '2026-01-02T03:04:05.500000+00:00'],
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05+00:00'],
    ['2026-01-02 03:04:05.123+00:00', '2026-01-02T03:04:05.123000+00:00'],
    ['2026-01-02T03:04Z', '2026-01-02T03:04:00+00:00'],
    ['2024-02-29T00:00:00+00:00', '2024-02-29T00:00:00+00:00'],
  ])('reads %s as %s', (input, expected) => {
    expect(parsedIso(input)).toBe(expected);
  });

  it('gives the exact instant in microseconds', () => {
    const result = parseUtcTime('1970-01-01T00:00:01.000001Z');
    expect(result.ok && result.epochMicros).toBe(1_000_001n);
    const early = parseUtcTime('0001-01-01T00:00:00+00:00');
    // Python: (datetime(1, 1, 1, tzinfo=timezone.utc) - EPOCH) // timedelta(microseconds=1)
    expect(early.ok && early.epochMicros).toBe(-62_135_596_800_000_000n);
  });

  it('reads text already in isoformat the same way as any other spelling of the instant', () => {
    for (const [canonical, other] of [
      ['2026-01-02T03:04:05.000123+00:00', '2026-01-02 03:04:05.000123Z'],
      ['2024-02-29T23:59:59+00:00', '2024-02-29T23:59:59.000000Z'],
      ['0001-01-01T00:00:00.999999+00:00', '0001-01-01 00:00:00.999999+00:00'],
    ] as const) {
      const a = parseUtcTime(canonical);
      const b = parseUtcTime(other);
      expect(a.ok && b.ok && [a.iso, a.epochMicros]).toEqual(b.ok && [b.iso, b.epochMicros]);
      expect(a.ok && a.iso).toBe(canonical);
    }
    expect(issueCode('2026-02-30T03:04:05.000123+00:00')).toBe('validation.invalid_datetime');
    expect(issueCode('2026-01-02T03:04:05.00012a+00:00')).toBe('validation.invalid_datetime');
    expect(issueCode('2026-01-02T03:04:0x+00:00')).toBe('validation.invalid_datetime');
  });

  it.each([
    '2026-01-02T03:04:05+05:30',
    '2026-01-02T03:04:05.000123-04:00',
    '2026-01-02T03:04:05-00:00',
    '2026-01-02T03:04:05+0000',
    '2026-01-02T03:04:05',
    '2026-01-02 03:04:05.123',
    '2026-01-02',
  ])('rejects %s as not UTC', (input) => {
    expect(issueCode(input)).toBe('validation.non_utc_datetime');
  });

  it.each([
    '',
    'yesterday',
    '2026-01-02T03:04:05.1234567+00:00',
    '2026-01-02T03:04:05.+00:00',
    '2026-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:59:60Z',
    '0000-01-01T00:00:00Z',
    '2026-01-02T03:04:05z',
    '2026-01-02T03:04:05+00:00 ',
  ])('rejects %j as unparsable', (input) => {
    expect(issueCode(input)).toBe('validation.invalid_datetime');
  });

  it('rejects a non-string with a wrong_type issue', () => {
    expect(issueCode(1_700_000_000)).toBe('validation.wrong_type');
  });
});

describe('isoformatToDate', () => {
  it('floors microseconds to the millisecond', () => {
    expect(isoformatToDate('2026-01-02T03:04:05.000999+00:00').toISOString()).toBe(
      '2026-01-02T03:04:05.000Z',
    );
    expect(isoformatToDate('1969-12-31T23:59:59.999999Z').getTime()).toBe(-1);
  });

  it('throws the issue code for a non-UTC time', () => {
    expect(() => isoformatToDate('2026-01-02T03:04:05+01:00')).toThrow(
      expect.objectContaining({ code: 'validation.non_utc_datetime' }),
    );
  });
});
