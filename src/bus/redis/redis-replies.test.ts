import { describe, expect, it } from 'vitest';
import {
  fieldValue,
  largestRemovedId,
  parseAutoClaim,
  parseEntries,
  parsePendingDetails,
  parseStreamInfo,
} from './redis-replies.js';

const b = (text: string): Buffer => Buffer.from(text);

describe('field values', () => {
  it('keeps event_data as bytes even when they are valid UTF-8', () => {
    expect(fieldValue('event_data', b('é text'))).toEqual(b('é text'));
    expect(Buffer.isBuffer(fieldValue('event_data', b('plain')))).toBe(true);
  });

  it('hands other values out as strings when they are UTF-8, else as bytes', () => {
    expect(fieldValue('type', b('org.openedx.x.v1 ✓'))).toBe('org.openedx.x.v1 ✓');
    expect(fieldValue('other', Buffer.from([0xc3, 0x28]))).toEqual(Buffer.from([0xc3, 0x28]));
  });
});

describe('entry replies', () => {
  it('marks entries without fields as deleted and skips nil items (Redis 6 XCLAIM)', () => {
    expect(parseEntries([null, [b('1-0'), null], [b('2-0'), [b('n'), b('1')]]])).toEqual([
      { id: '1-0', fields: null },
      { id: '2-0', fields: [['n', '1']] },
    ]);
  });

  it('parses XAUTOCLAIM with and without the deleted ids of Redis 7', () => {
    expect(parseAutoClaim([b('0-0'), [[b('1-0'), [b('n'), b('1')]]], [b('0-5')]])).toEqual({
      next: '0-0',
      entries: [{ id: '1-0', fields: [['n', '1']] }],
      deleted: ['0-5'],
    });
    expect(parseAutoClaim([b('3-0'), []])).toEqual({ next: '3-0', entries: [], deleted: [] });
  });

  it('parses extended XPENDING items', () => {
    expect(parsePendingDetails([[b('1-0'), b('c1'), 15, 2]])).toEqual([
      { id: '1-0', consumer: 'c1', idleMs: 15, deliveries: 2 },
    ]);
  });

  it('rejects a reply of the wrong shape with bus.bad_reply', () => {
    expect(() => parsePendingDetails('OK')).toThrowError(expect.objectContaining({ code: 'bus.bad_reply' }));
    expect(() => parseEntries([[b('1-0'), [b('odd')]]])).toThrowError(
      expect.objectContaining({ code: 'bus.bad_reply' }),
    );
  });
});

describe('stream info', () => {
  const entry = (id: string) => [b(id), [b('n'), b('1')]];

  it('combines XINFO STREAM and XINFO GROUPS, groups by name, a nil lag as null', () => {
    const info = [
      b('length'),
      2,
      b('last-generated-id'),
      b('5-0'),
      b('max-deleted-entry-id'),
      b('0-0'),
      b('entries-added'),
      2,
      b('first-entry'),
      entry('4-0'),
      b('last-entry'),
      entry('5-0'),
    ];
    const groups = [
      [
        b('name'),
        b('z'),
        b('consumers'),
        1,
        b('pending'),
        1,
        b('last-delivered-id'),
        b('4-0'),
        b('lag'),
        null,
      ],
      [b('name'), b('a'), b('consumers'), 0, b('pending'), 0, b('last-delivered-id'), b('5-0'), b('lag'), 0],
    ];
    expect(parseStreamInfo('s', info, groups)).toEqual({
      stream: 's',
      length: 2,
      firstId: '4-0',
      lastId: '5-0',
      entriesAdded: 2,
      maxDeletedId: '0-0',
      groups: [
        { name: 'a', consumers: 0, pending: 0, lastDeliveredId: '5-0', lag: 0 },
        { name: 'z', consumers: 1, pending: 1, lastDeliveredId: '4-0', lag: null },
      ],
    });
  });

  it('falls back for Redis 6, which reports neither entries-added nor lag', () => {
    const info = [
      b('length'),
      1,
      b('last-generated-id'),
      b('1-0'),
      b('first-entry'),
      entry('1-0'),
      b('last-entry'),
      entry('1-0'),
    ];
    const groups = [
      [b('name'), b('g'), b('consumers'), 0, b('pending'), 0, b('last-delivered-id'), b('0-0')],
    ];
    expect(parseStreamInfo('s', info, groups)).toMatchObject({
      entriesAdded: 1,
      maxDeletedId: '0-0',
      groups: [{ lag: null }],
    });
  });
});

describe('largestRemovedId', () => {
  it('is the XDEL maximum when nothing below the first entry was removed', () => {
    expect(largestRemovedId('0-0', '1-0', '3-0', false)).toBe('0-0');
    expect(largestRemovedId('7-2', '1-0', '9-0', true)).toBe('7-2');
  });

  it('is the id just before the first entry after trimming, which Redis does not record', () => {
    expect(largestRemovedId('0-0', '1700-4', '1800-0', true)).toBe('1700-3');
    expect(largestRemovedId('0-0', '1700-0', '1800-0', true)).toBe('1699-9999999999999999');
  });

  it('is the last generated id once every entry is gone', () => {
    expect(largestRemovedId('0-0', null, '1800-0', true)).toBe('1800-0');
  });
});
