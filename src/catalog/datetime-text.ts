/**
 * Payload datetimes travel as the text Python's `isoformat()` writes and `fromisoformat()` reads:
 * `YYYY-MM-DD[( |T)HH[:MM[:SS[.ffffff]]]][Z|±HH:MM[:SS[.ffffff]]]`. Unlike metadata `time`, they
 * may be naive or carry any offset, so only the syntax and the calendar are checked. Written by
 * hand rather than as a regular expression: it runs once per datetime on every encode.
 */
export function isPythonIsoDatetime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const s = value;
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (n === 10) return true;
  const separator = s.charCodeAt(10);
  if (separator !== 84 && separator !== 32) return false; // 'T' or ' '
  let i = 11;
  const hour = digits(s, i, 2);
  if (hour < 0 || hour > 23) return false;
  i += 2;
  if (i < n && s.charCodeAt(i) === 58) {
    const minute = digits(s, i + 1, 2);
    if (minute < 0 || minute > 59) return false;
    i += 3;
    if (i < n && s.charCodeAt(i) === 58) {
      const second = digits(s, i + 1, 2);
      if (second < 0 || second > 59) return false;
      i += 3;
      if (i < n && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
        const fraction = fractionLength(s, i + 1);
        if (fraction < 1 || fraction > 6) return false;
        i += 1 + fraction;
      }
    }
  }
  if (i === n) return true;
  return isOffset(s, i);
}

function isOffset(s: string, i: number): boolean {
  const sign = s.charCodeAt(i);
  if (sign === 90) return i + 1 === s.length; // 'Z'
  if (sign !== 43 && sign !== 45) return false;
  const hours = digits(s, i + 1, 2);
  const minutes = s.charCodeAt(i + 3) === 58 ? digits(s, i + 4, 2) : -1;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return false;
  let j = i + 6;
  if (j === s.length) return true;
  if (s.charCodeAt(j) !== 58) return false;
  const seconds = digits(s, j + 1, 2);
  if (seconds < 0 || seconds > 59) return false;
  j += 3;
  if (j === s.length) return true;
  if (s.charCodeAt(j) !== 46) return false;
  const fraction = fractionLength(s, j + 1);
  return fraction >= 1 && fraction <= 6 && j + 1 + fraction === s.length;
}

/** The number written by `count` ASCII digits at `start`, or -1. */
export function digits(s: string, start: number, count: number): number {
  if (start + count > s.length) return -1;
  let value = 0;
  for (let k = start; k < start + count; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function fractionLength(s: string, start: number): number {
  let k = start;
  while (k < s.length && k - start < 7) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) break;
    k++;
  }
  return k - start;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
