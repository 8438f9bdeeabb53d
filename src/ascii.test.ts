import { describe, expect, it } from 'vitest';
import { isAscii, isAsciiText } from './ascii.js';

describe('ASCII checks', () => {
  it('tells ASCII text from text with any unit of 0x80 or more', () => {
    expect(isAsciiText('')).toBe(true);
    expect(isAsciiText('\u0000org.openedx.type.v1\u007f')).toBe(true);
    for (const text of ['é', 'a\u0080', '✓', '🙂', '\ud800', 'x\uffff'])
      expect(isAsciiText(text)).toBe(false);
  });

  it('tells ASCII bytes in a range from bytes of 0x80 or more', () => {
    const bytes = Buffer.from('ab✓cd');
    expect(isAscii(bytes, 0, 2)).toBe(true);
    expect(isAscii(bytes, 0, 3)).toBe(false);
    expect(isAscii(bytes, 5, 7)).toBe(true);
  });
});
