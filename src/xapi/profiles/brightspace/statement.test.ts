import { describe, expect, it } from 'vitest';
import { utcMillis } from './statement.js';

describe('utcMillis', () => {
  it('truncates Open edX microseconds to milliseconds in UTC', () => {
    expect(utcMillis('2026-01-02T03:04:05.123999+00:00')).toBe('2026-01-02T03:04:05.123Z');
    expect(utcMillis('2026-01-02T03:04:05.5+00:00')).toBe('2026-01-02T03:04:05.500Z');
  });

  it('adds milliseconds to a time without a fraction', () => {
    expect(utcMillis('2026-01-02T03:04:05+00:00')).toBe('2026-01-02T03:04:05.000Z');
  });

  it('converts other offsets to UTC', () => {
    expect(utcMillis('2026-01-02T05:04:05.250+02:00')).toBe('2026-01-02T03:04:05.250Z');
  });
});
