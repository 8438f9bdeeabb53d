import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPythonIsoDatetime } from './datetime-text.js';

describe('isPythonIsoDatetime', () => {
  it.each([
    '2024-05-14T09:30:12.345678+00:00',
    '2024-05-14T09:30:12+00:00',
    '2024-05-14T09:30:12',
    '2024-05-14 09:30:12.5',
    '2024-05-14T09:30:12.345678+05:30',
    '2024-05-14T09:30:12-03:00',
    '2024-05-14T09:30:12Z',
    '2024-05-14T09:30',
    '2024-05-14T09',
    '2024-05-14',
    '2024-02-29T00:00:00',
    '2024-05-14T09:30:12+05:30:15.5',
  ])('accepts %s as Python fromisoformat does', (text) => {
    expect(isPythonIsoDatetime(text)).toBe(true);
  });

  it.each([
    '',
    '2024-5-14',
    '2023-02-29T00:00:00',
    '2024-13-01',
    '2024-04-31',
    '2024-05-14T24:00:00',
    '2024-05-14T09:60',
    '2024-05-14T09:30:12.1234567',
    '2024-05-14T09:30:12.',
    '2024-05-14T09:30:12+5:30',
    '2024-05-14T09:30:12+24:00',
    '2024-05-14T09:30:12 extra',
    '2024-05-14X09:30:12',
    '0000-01-01',
  ])('rejects %s', (text) => {
    expect(isPythonIsoDatetime(text)).toBe(false);
  });

  it('agrees with Date parsing on every valid UTC instant of a generated date', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const text = date.toISOString().replace('Z', '+00:00');
          expect(isPythonIsoDatetime(text)).toBe(true);
        },
      ),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof isPythonIsoDatetime(value)).toBe('boolean');
      }),
    );
  });
});
