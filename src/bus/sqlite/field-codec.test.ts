import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntryFields } from '../backend.js';
import { decodeFields, encodeFields } from './field-codec.js';

const fieldsArbitrary = fc.array(
  fc.tuple(fc.string({ unit: 'grapheme' }), fc.oneof(fc.string({ unit: 'grapheme' }), fc.uint8Array())),
  { minLength: 1, maxLength: 12 },
);

describe('entry field encoding', () => {
  it('round-trips names, order, text and bytes', () => {
    fc.assert(
      fc.property(fieldsArbitrary, (raw) => {
        const fields: EntryFields = raw.map(([name, value]) => [
          name,
          typeof value === 'string' ? value : Buffer.from(value),
        ]);
        expect(decodeFields(encodeFields(fields))).toEqual(fields);
      }),
    );
  });

  it('round-trips ASCII names and text around binary values in any position', () => {
    const ascii = fc.string({ unit: 'binary-ascii', maxLength: 30 });
    const field = fc.tuple(ascii, fc.oneof(ascii, fc.uint8Array({ maxLength: 40 })));
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 12 }), (raw) => {
        const fields: EntryFields = raw.map(([name, value]) => [
          name,
          typeof value === 'string' ? value : Buffer.from(value),
        ]);
        const blob = encodeFields(fields);
        expect(decodeFields(blob)).toEqual(fields);
        // The layout, read by hand: the first field's name length and name.
        expect(blob.readUInt32BE(5)).toBe(raw[0]![0].length);
        expect(blob.toString('latin1', 9, 9 + raw[0]![0].length)).toBe(raw[0]![0]);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips metadata fields whose values recur, change and come back', () => {
    const types = fc.constantFrom('org.openedx.a.v1', 'org.openedx.b.v1', 'org.openedx.c.v1', 'é ✓');
    const entry = fc.tuple(types, fc.string({ unit: 'grapheme', maxLength: 40 }), fc.uint8Array());
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 80 }), (entries) => {
        for (const [type, host, payload] of entries) {
          const fields: EntryFields = [
            ['type', type],
            ['sourcehost', host],
            ['event_data', Buffer.from(payload)],
          ];
          expect(decodeFields(encodeFields(fields))).toEqual(fields);
        }
      }),
    );
  });

  it('keeps every byte value of a binary field', () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(decodeFields(encodeFields([['event_data', bytes]]))).toEqual([['event_data', bytes]]);
  });

  it('rejects a truncated or unknown blob with bus.corrupt_entry', () => {
    const blob = encodeFields([
      ['type', 'x'],
      ['event_data', Buffer.from([1, 2, 3])],
    ]);
    for (const bad of [blob.subarray(0, blob.length - 1), Buffer.from([9, 0, 0, 0, 0]), Buffer.alloc(2)]) {
      expect(() => decodeFields(bad)).toThrow(expect.objectContaining({ code: 'bus.corrupt_entry' }));
    }
  });
});
