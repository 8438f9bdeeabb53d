import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getEventDefinition } from '../../catalog/registry.js';
import { decodeAvroPayload, encodeAvroPayload } from './payload.js';

// RoleAssignmentData ends with `actor_id: ["null", "long"]`, so its bytes end with 02 + the varint.
const definition = getEventDefinition('org.openedx.authz.role_assignment.created');
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function payload(actorId: number | bigint | null) {
  return { role_assignment: { operation: 'c', subject: 's', role: 'r', scope: 'x', actor_id: actorId } };
}

/** The Avro encoding of a long, computed with bigints: zigzag, then 7 bits a byte, low bits first. */
function referenceVarint(value: bigint): string {
  let zigzag = value >= 0n ? value * 2n : -value * 2n - 1n;
  const bytes: number[] = [];
  do {
    let byte = Number(zigzag & 0x7fn);
    zigzag >>= 7n;
    if (zigzag > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (zigzag > 0n);
  return Buffer.from(bytes).toString('hex');
}

const prefix = encodeAvroPayload(definition, payload(null)).toString('hex').slice(0, -2);

function expectedHex(value: bigint): string {
  return `${prefix}02${referenceVarint(value)}`;
}

/** What a decoder gives back: a number while it is safe, a bigint beyond. */
function decodedForm(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

const BOUNDARIES: bigint[] = [
  0n,
  1n,
  -1n,
  63n,
  -64n,
  64n,
  -65n,
  2n ** 31n,
  -(2n ** 31n) - 1n,
  2n ** 52n,
  -(2n ** 52n),
  -(2n ** 52n) - 1n,
  -(2n ** 52n) - 2n,
  2n ** 53n - 1n,
  -(2n ** 53n) + 1n,
  -(2n ** 53n) + 2n,
  2n ** 53n,
  -(2n ** 53n),
  2n ** 60n,
  -(2n ** 60n) - 1n,
  INT64_MAX,
  INT64_MIN,
];

describe('Avro longs', () => {
  for (const value of BOUNDARIES) {
    it(`writes ${value} with exactly the zigzag varint bytes, as a number and as a bigint`, () => {
      const form = decodedForm(value);
      expect(encodeAvroPayload(definition, payload(form)).toString('hex')).toBe(expectedHex(value));
      expect(encodeAvroPayload(definition, payload(value)).toString('hex')).toBe(expectedHex(value));
    });

    it(`reads the zigzag varint bytes of ${value} back as ${value}`, () => {
      const decoded = decodeAvroPayload(definition, Buffer.from(expectedHex(value), 'hex'));
      expect(decoded).toEqual(payload(decodedForm(value)));
    });
  }

  it('writes and reads every int64 exactly', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
          fc.bigInt({ min: -(2n ** 54n), max: 2n ** 54n }),
          fc.maxSafeInteger().map(BigInt),
        ),
        (value) => {
          const bytes = encodeAvroPayload(definition, payload(decodedForm(value)));
          expect(bytes.toString('hex')).toBe(expectedHex(value));
          expect(decodeAvroPayload(definition, bytes)).toEqual(payload(decodedForm(value)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
