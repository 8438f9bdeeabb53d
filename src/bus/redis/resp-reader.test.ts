import { describe, expect, it } from 'vitest';
import { isEdstreamError } from '../../errors.js';
import { decodeReply, ReplyError, RespFramer } from './resp-reader.js';
import { decodeReadGroupReply } from './resp-stream-reply.js';

/** Every reply the framer hands out, decoded, for the bytes given in pieces. */
function frame(pieces: readonly Buffer[]): unknown[] {
  const framer = new RespFramer();
  const replies: unknown[] = [];
  for (const piece of pieces)
    framer.push(piece, (buffer, start, end) => replies.push(decodeReply(buffer, start, end)));
  return replies;
}

/** The bytes cut after every `step` bytes. */
function split(bytes: Buffer, step: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += step) pieces.push(bytes.subarray(i, i + step));
  return pieces;
}

const REPLIES = Buffer.from(
  '+OK\r\n+QUEUED\r\n-NOGROUP No such key\r\n:42\r\n$-1\r\n*-1\r\n*0\r\n' +
    '$5\r\nhé\r\n\r\n*2\r\n*1\r\n:1\r\n$3\r\n1-0\r\n',
);
const DECODED = [
  'OK',
  'QUEUED',
  new ReplyError('NOGROUP No such key'),
  42,
  null,
  null,
  [],
  'hé\r\n',
  [[1], '1-0'],
];

describe('RespFramer and decodeReply', () => {
  it('cuts a stream of replies into whole replies, whatever the pieces it arrives in', () => {
    for (const step of [1, 2, 3, 7, REPLIES.length]) expect(frame(split(REPLIES, step))).toEqual(DECODED);
  });

  it('hands a reply out before the next one is complete, and keeps its bytes once handed out', () => {
    const framer = new RespFramer();
    const seen: Buffer[] = [];
    const keep = (buffer: Buffer, start: number, end: number) => seen.push(buffer.subarray(start, end));
    framer.push(Buffer.from('$3\r\nabc\r\n$3\r\nd'), keep);
    expect(seen.map(String)).toEqual(['$3\r\nabc\r\n']);
    framer.push(Buffer.from('ef\r\n'), keep);
    expect(seen.map(String)).toEqual(['$3\r\nabc\r\n', '$3\r\ndef\r\n']);
  });

  it('rejects bytes that are not RESP with bus.bad_reply', () => {
    const error = (() => {
      try {
        frame([Buffer.from('?what\r\n')]);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(isEdstreamError(error) && error.code).toBe('bus.bad_reply');
    expect((error as Error).message).toContain('at byte 0: "?what\\r\\n"');
  });
});

describe('decodeReadGroupReply', () => {
  const bulk = (value: string | Buffer) => {
    const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
    return Buffer.concat([Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n')]);
  };
  const reply = Buffer.concat([
    Buffer.from('*1\r\n*2\r\n'),
    bulk('topic'),
    Buffer.from('*3\r\n*2\r\n'),
    bulk('1-0'),
    Buffer.from('*6\r\n'),
    bulk('type'),
    bulk('org.openedx.x.v1 ✓'),
    bulk('event_data'),
    bulk('plain text'),
    bulk('other'),
    bulk(Buffer.from([0xc3, 0x28])),
    Buffer.from('*2\r\n'),
    bulk('2-0'),
    Buffer.from('*-1\r\n'),
    Buffer.from('*2\r\n'),
    bulk('3-0'),
    Buffer.from('*2\r\n'),
    bulk('n'),
    bulk(''),
  ]);

  it('reads entries with text as strings, event_data and invalid UTF-8 as bytes, deleted entries left out', () => {
    expect(decodeReadGroupReply(reply, 0, reply.length)).toEqual([
      {
        id: '1-0',
        fields: [
          ['type', 'org.openedx.x.v1 ✓'],
          ['event_data', Buffer.from('plain text')],
          ['other', Buffer.from([0xc3, 0x28])],
        ],
        deliveries: 1,
      },
      { id: '3-0', fields: [['n', '']], deliveries: 1 },
    ]);
  });

  it('reads repeated and ever-new values of the metadata fields exactly, reply after reply', () => {
    // More distinct event types than the decoder keeps, some repeated, some sharing a length.
    const types = Array.from({ length: 100 }, (_, i) => `org.openedx.t${i % 50}.v${i % 3}`);
    for (let round = 0; round < 3; round++) {
      const entries = types.map((type, i) => ({
        id: `${round}-${i}`,
        fields: [
          ['type', type],
          ['source', i % 2 ? 'openedx/lms/web' : 'openedx/cms/web'],
          ['sourcehost', `host-${i % 40}`],
          ['event_data', Buffer.from([i])],
        ] as [string, string | Buffer][],
        deliveries: 1,
      }));
      const bytes = Buffer.concat([
        Buffer.from(`*1\r\n*2\r\n`),
        bulk('topic'),
        Buffer.from(`*${entries.length}\r\n`),
        ...entries.flatMap((e) => [
          Buffer.from('*2\r\n'),
          bulk(e.id),
          Buffer.from(`*${e.fields.length * 2}\r\n`),
          ...e.fields.flatMap(([name, value]) => [bulk(name), bulk(value)]),
        ]),
      ]);
      expect(decodeReadGroupReply(bytes, 0, bytes.length)).toEqual(entries);
    }
  });

  it('reads nil as no entries and returns an error reply as a ReplyError', () => {
    expect(decodeReadGroupReply(Buffer.from('*-1\r\n'), 0, 5)).toEqual([]);
    const error = decodeReadGroupReply(Buffer.from('-NOGROUP x\r\n'), 0, 12);
    expect(error).toBeInstanceOf(ReplyError);
    expect((error as Error).message).toBe('NOGROUP x');
  });

  it('rejects a reply of another shape with bus.bad_reply', () => {
    const wrong = Buffer.from('*1\r\n:5\r\n');
    expect(() => decodeReadGroupReply(wrong, 0, wrong.length)).toThrow(/not RESP: expected an array/);
    const cut = reply.subarray(0, reply.length - 6);
    expect(() => decodeReadGroupReply(cut, 0, cut.length)).toThrow(/not RESP/);
  });
});
