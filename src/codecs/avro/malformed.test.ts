import { describe, expect, it } from 'vitest';
import { loadAvroFixtures } from '../../../test/reference.js';
import { getEventDefinition } from '../../catalog/registry.js';
import { EdstreamError } from '../../errors.js';
import { decodeAvroPayload } from './payload.js';

const REGISTRATION = getEventDefinition('org.openedx.learning.student.registration.completed.v1');
const ROLE_ASSIGNMENT = getEventDefinition('org.openedx.authz.role_assignment.created');
const SKILLS = getEventDefinition('org.openedx.learning.xblock.skill.verified.v1');
const USAGE_KEY = 'block-v1:edX+DemoX+Demo_Course+type@problem+block@p1';

/** A zigzag varint, as Avro writes ints, longs, lengths and counts. */
function varint(value: number): number[] {
  let zigzag = value >= 0 ? value * 2 : -value * 2 - 1;
  const out: number[] = [];
  do {
    let byte = zigzag % 128;
    zigzag = Math.floor(zigzag / 128);
    if (zigzag > 0) byte |= 0x80;
    out.push(byte);
  } while (zigzag > 0);
  return out;
}

/** An Avro string: its byte length, then its bytes (UTF-8 text, or raw bytes as given). */
function avroString(content: string | number[]): number[] {
  const bytes = typeof content === 'string' ? [...Buffer.from(content, 'utf8')] : content;
  return [...varint(bytes.length), ...bytes];
}

function bytesOf(...parts: number[][]): Buffer {
  return Buffer.from(parts.flat());
}

/** RoleAssignmentData: four strings, then `actor_id` as a ["null","long"] union. */
function roleAssignment({ operation = avroString('created'), actor = [0x02, ...varint(7)] } = {}): Buffer {
  return bytesOf(operation, avroString('user^ada'), avroString('admin'), avroString('lib:MITx:lib1'), actor);
}

/** XBlockSkillVerificationData: a usage key, then two arrays of longs. */
function skills(verified: number[], ignored: number[] = [0x00]): Buffer {
  return bytesOf(avroString(USAGE_KEY), verified, ignored);
}

/** Decodes and returns the coded error it throws (failing the test when it throws nothing). */
function decodeError(definition: typeof REGISTRATION, bytes: Uint8Array): EdstreamError {
  try {
    decodeAvroPayload(definition, bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(EdstreamError);
    return error as EdstreamError;
  }
  throw new Error('expected decodeAvroPayload to throw');
}

describe('decoding malformed Avro', () => {
  it('decodes the well-formed bytes these tests start from', () => {
    expect(decodeAvroPayload(ROLE_ASSIGNMENT, roleAssignment())).toEqual({
      role_assignment: {
        operation: 'created',
        subject: 'user^ada',
        role: 'admin',
        scope: 'lib:MITx:lib1',
        actor_id: 7,
      },
    });
    expect(decodeAvroPayload(SKILLS, skills([...varint(2), ...varint(5), ...varint(-6), 0x00]))).toEqual({
      xblock_info: { usage_key: USAGE_KEY, verified_skills: [5, -6], ignored_skills: [] },
    });
  });

  it('rejects bytes truncated at any point with codec.malformed_avro', () => {
    const whole = roleAssignment();
    for (let end = 0; end < whole.length; end++) {
      expect(decodeError(ROLE_ASSIGNMENT, whole.subarray(0, end)).code, `cut at ${end}`).toBe(
        'codec.malformed_avro',
      );
    }
  });

  it('rejects every reference fixture cut short by one byte with codec.malformed_avro', () => {
    for (const fixture of loadAvroFixtures()) {
      const bytes = Buffer.from(fixture.avro_hex, 'hex');
      const error = decodeError(getEventDefinition(fixture.event_type), bytes.subarray(0, -1));
      expect(error.code, `${fixture.event_type} (${fixture.case})`).toBe('codec.malformed_avro');
    }
  });

  it('rejects bytes left after the record with codec.trailing_bytes and says how many', () => {
    const error = decodeError(ROLE_ASSIGNMENT, Buffer.concat([roleAssignment(), Buffer.from([0, 0, 0])]));
    expect(error.code).toBe('codec.trailing_bytes');
    expect(error.message).toContain('3 bytes remain');
    expect(error.details).toEqual({ offset: roleAssignment().length, length: roleAssignment().length + 3 });
  });

  it('rejects a string that is not UTF-8 with codec.invalid_utf8 at its offset', () => {
    const notUtf8 = [
      [0xc3, 0x28], // a lead byte without its continuation
      [0xc0, 0x80], // an overlong NUL
      [0xed, 0xa0, 0x80], // an encoded surrogate
      [0xff],
    ];
    for (const raw of notUtf8) {
      const error = decodeError(ROLE_ASSIGNMENT, roleAssignment({ operation: avroString(raw) }));
      expect(error.code, Buffer.from(raw).toString('hex')).toBe('codec.invalid_utf8');
      expect(error.details).toMatchObject({ offset: 1 });
    }
  });

  it('rejects a map key that is not UTF-8 with codec.invalid_utf8', () => {
    const definition = getEventDefinition('org.openedx.learning.lti_provider.launch.success.v1');
    const fixture = loadAvroFixtures().find(
      (f) => f.event_type === definition.eventType && f.case === 'minimal',
    );
    const bytes = Buffer.from(fixture?.avro_hex ?? '', 'hex');
    // The minimal launch ends with an empty extra_params map (a single 00); give it one bad entry.
    expect(bytes[bytes.length - 1]).toBe(0x00);
    const withBadKey = bytesOf(
      [...bytes.subarray(0, -1)],
      varint(1),
      avroString([0xc3]),
      avroString('v'),
      [0],
    );
    expect(decodeError(definition, withBadKey).code).toBe('codec.invalid_utf8');
  });

  it('rejects union branch 2 of a ["null", T] union with codec.malformed_avro', () => {
    const error = decodeError(ROLE_ASSIGNMENT, roleAssignment({ actor: [...varint(2), ...varint(7)] }));
    expect(error.code).toBe('codec.malformed_avro');
    expect(error.message).toContain('union branch 2');
  });

  it('rejects a negative union branch with codec.malformed_avro', () => {
    expect(decodeError(ROLE_ASSIGNMENT, roleAssignment({ actor: varint(-1) })).code).toBe(
      'codec.malformed_avro',
    );
  });

  it('rejects a boolean byte of 2 with codec.malformed_avro', () => {
    const user = bytesOf(
      varint(123),
      [0x02],
      avroString('ada'),
      avroString('ada@example.com'),
      avroString(''),
    );
    const error = decodeError(REGISTRATION, user);
    expect(error.code).toBe('codec.malformed_avro');
    expect(error.message).toContain('boolean');
    user[varint(123).length] = 0x01;
    expect(decodeAvroPayload(REGISTRATION, user)).toEqual({
      user: { id: 123, is_active: true, pii: { username: 'ada', email: 'ada@example.com', name: '' } },
    });
  });

  it('rejects a block count larger than the data left with codec.malformed_avro', () => {
    const error = decodeError(SKILLS, skills([...varint(100), ...varint(1), ...varint(2), 0x00]));
    expect(error.code).toBe('codec.malformed_avro');
    expect(error.message).toContain('100');
  });

  it('rejects a block count of 2^62 without looping over it', () => {
    const error = decodeError(SKILLS, skills([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00]));
    expect(error.code).toBe('codec.malformed_avro');
  });

  it('reads a negative block count, which Avro follows with the block size in bytes', () => {
    const verified = [...varint(-2), ...varint(2), ...varint(5), ...varint(6), 0x00];
    expect(decodeAvroPayload(SKILLS, skills(verified))).toEqual({
      xblock_info: { usage_key: USAGE_KEY, verified_skills: [5, 6], ignored_skills: [] },
    });
  });

  it('rejects a negative string length with codec.malformed_avro', () => {
    const error = decodeError(
      ROLE_ASSIGNMENT,
      roleAssignment({ operation: [...varint(-3), 0x61, 0x62, 0x63] }),
    );
    expect(error.code).toBe('codec.malformed_avro');
    expect(error.message).toContain('negative length');
  });

  it('rejects a string length that runs past the end with codec.malformed_avro', () => {
    const error = decodeError(ROLE_ASSIGNMENT, roleAssignment({ operation: [...varint(1000), 0x61] }));
    expect(error.code).toBe('codec.malformed_avro');
  });

  it('rejects a varint longer than 10 bytes, or one that overflows 64 bits', () => {
    const tooLong = [...new Array(10).fill(0x80), 0x01];
    expect(decodeError(ROLE_ASSIGNMENT, roleAssignment({ actor: [0x02, ...tooLong] })).code).toBe(
      'codec.malformed_avro',
    );
    const overflow = [...new Array(9).fill(0xff), 0x02];
    expect(decodeError(ROLE_ASSIGNMENT, roleAssignment({ actor: [0x02, ...overflow] })).code).toBe(
      'codec.malformed_avro',
    );
  });

  it('rejects empty input with codec.malformed_avro', () => {
    expect(decodeError(ROLE_ASSIGNMENT, new Uint8Array(0)).code).toBe('codec.malformed_avro');
  });

  it('reports well-formed bytes that hold an invalid key as an invalid payload listing the key issue', () => {
    const error = decodeError(SKILLS, bytesOf(avroString('not a usage key'), [0x00], [0x00]));
    expect(error.code).toBe('validation.invalid_payload');
    expect(error.issues.map((i) => [i.code, i.path])).toEqual([
      ['key.invalid_usage_key', 'data.xblock_info.usage_key'],
    ]);
  });

  it('refuses to decode an event the library cannot serialize', () => {
    const definition = getEventDefinition('org.openedx.learning.external_grader.score.submitted.v1');
    expect(decodeError(definition, new Uint8Array([0])).code).toBe('codec.unserializable_event');
  });
});
