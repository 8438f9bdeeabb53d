/**
 * Whether `bytes[start, end)` is all ASCII. Field names, ids and most metadata are short ASCII
 * text: this scan costs less than a UTF-8 check, which also needs a view of the range.
 */
export function isAscii(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! > 0x7f) return false;
  return true;
}

const NON_ASCII_UNIT = /[\u0080-\uffff]/;

/** Whether every UTF-16 unit of `text` is ASCII (so that its UTF-8 is one byte per unit). */
export function isAsciiText(text: string): boolean {
  return !NON_ASCII_UNIT.test(text);
}
