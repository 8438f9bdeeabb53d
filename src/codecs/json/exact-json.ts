import { parse as losslessParse, stringify as losslessStringify } from 'lossless-json';

// Any integer that could lose precision has at least 16 digits; text without such a run is safe
// for the (much faster) built-in parser.
const LONG_DIGIT_RUN = /\d{16,}/;

function parseNumber(text: string): number | bigint {
  const n = Number(text);
  if (!Number.isSafeInteger(n) && /^-?\d+$/.test(text)) return BigInt(text);
  return n;
}

/** Parses JSON keeping integers beyond 2^53 exact, as bigints. Throws SyntaxError like JSON.parse. */
export function parseJsonExact(text: string): unknown {
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text);
  return losslessParse(text, null, parseNumber);
}

/** Writes JSON with bigints as exact digits. */
export function stringifyJsonExact(value: unknown, indent?: number): string {
  if (!containsBigint(value)) return JSON.stringify(value, null, indent);
  return losslessStringify(value, undefined, indent) ?? 'null';
}

function containsBigint(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(containsBigint);
  for (const k in value) if (containsBigint((value as Record<string, unknown>)[k])) return true;
  return false;
}
