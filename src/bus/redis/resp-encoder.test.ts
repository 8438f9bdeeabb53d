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

  it('writes what a plain encoding writes for any mix of ASCII, other text and bytes', () => {
    const plain = (args: (string | Buffer)[]): Buffer =>
      Buffer.concat([
        Buffer.from(`*${args.length}\r\n`),
        ...args.flatMap((arg) => {
          const bytes = typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg;
          return [Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n')];
        }),
      ]);
    const commands: (string | Buffer)[][] = [
      ['XADD', 'k', '*', 'type', 'org.openedx.x.v1', 'event_data', Buffer.from([1, 2, 3])],
      ['SET', 'ascii', 'a'.repeat(9000)],
      ['SET', 'mixed', `${'b'.repeat(5000)}é${'c'.repeat(5000)}`, '😀', '\ud800'],
      ['PING'],
    ];
    const encoder = new RespEncoder(16);
    for (const command of commands) encoder.write(command);
    expect(encoder.finish().equals(Buffer.concat(commands.map(plain)))).toBe(true);
  });
});
