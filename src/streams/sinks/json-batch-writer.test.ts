import { describe, expect, it } from 'vitest';
import { JsonBatchWriter } from './json-batch-writer.js';

const statement = (i: number) => ({
  id: `00000000-0000-5000-8000-${String(i).padStart(12, '0')}`,
  verb: { id: 'https://api.brightspace.com/xapi/verbs/enrolled' },
  context: { extensions: { 'https://example.com/name': i % 7 === 0 ? 'Zoë 🎓 "quoted"\n' : 'plain' } },
});

describe('JsonBatchWriter', () => {
  it('writes exactly the bytes of JSON.stringify, whatever the batch size', () => {
    const writer = new JsonBatchWriter();
    for (const size of [0, 1, 31, 32, 33, 64, 500]) {
      const items = Array.from({ length: size }, (_, i) => statement(i));
      const batch = writer.write(items);
      expect(batch.bytes.toString('utf8'), `${size} items`).toBe(JSON.stringify(items));
      writer.release(batch);
    }
  });

  it('writes null for an item that has no JSON form, as JSON.stringify does in an array', () => {
    const items = [1, undefined, () => 2, 'three'];
    expect(new JsonBatchWriter().write(items).bytes.toString('utf8')).toBe('[1,null,null,"three"]');
  });

  it('grows past its first buffer and reuses released buffers without touching batches in flight', () => {
    const writer = new JsonBatchWriter();
    const big = Array.from({ length: 2000 }, (_, i) => statement(i));
    const first = writer.write(big);
    const second = writer.write([statement(1)]);
    expect(first.buffer).not.toBe(second.buffer);
    expect(first.bytes.toString('utf8')).toBe(JSON.stringify(big));
    writer.release(first);
    const third = writer.write([statement(2)]);
    expect(third.buffer).toBe(first.buffer);
    expect(second.bytes.toString('utf8')).toBe(JSON.stringify([statement(1)]));
  });
});
