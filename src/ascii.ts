/**
 * Whether `bytes[start, end)` is all ASCII. Field names, ids and most metadata are short ASCII
 * text: this scan costs less than a UTF-8 check, which also needs a view of the range.
 */
export function isAscii(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! > 0x7f) return false;
  return true;
}
