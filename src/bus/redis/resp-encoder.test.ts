import { describe, expect, it } from 'vitest';
import { RespEncoder } from './resp-encoder.js';

describe('RespEncoder', () => {
  it('writes commands as RESP arrays of bulk strings, text as UTF-8 and bytes unchanged', () => {
    const bytes = new RespEncoder(8)
      .write(['XADD', 'topic', '*', 'name', 'héllo ✓'])
      .command(2)
      .argument('GET')
      .argument(Buffer.from([0x00, 0xff, 0x0d, 0x0a]))
      .finish();
    const expected = Buffer.concat([
      Buffer.from('*5\r\n$4\r\nXADD\r\n$5\r\ntopic\r\n$1\r\n*\r\n$4\r\nname\r\n$10\r\nhéllo ✓\r\n'),
      Buffer.from('*2\r\n$3\r\nGET\r\n$4\r\n'),
      Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x0d, 0x0a]),
    ]);
    expect(bytes.equals(expected)).toBe(true);
  });

  it('grows past its first size without losing what it wrote', () => {
    const big = 'x'.repeat(100_000);
    const bytes = new RespEncoder(16).write(['SET', 'k', big]).write(['PING']).finish();
    const text = bytes.toString('latin1');
    expect(text.startsWith('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\nxxx')).toBe(true);
    expect(text.endsWith(`${'x'.repeat(10)}\r\n*1\r\n$4\r\nPING\r\n`)).toBe(true);
    expect(bytes.length).toBe(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\n`.length + 100_000 + 2 + 14);
  });
});
