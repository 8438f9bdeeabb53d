/** The Result object and its Score (xAPI Data 2.4.5). */
import { type Checker, objectAt, type PathKey, report, unknownProperty } from './checker.js';
import { checkBoolean, checkDuration, checkExtensions, checkNumber, checkString } from './values.js';

export function checkResult(c: Checker, key: PathKey, v: unknown): void {
  const o = objectAt(c, key, v, 'a Result object');
  if (o === undefined) return;
  c.path.push(key);
  for (const prop in o) {
    const value = o[prop];
    if (value === undefined) continue;
    switch (prop) {
      case 'score':
        checkScore(c, value);
        break;
      case 'success':
      case 'completion':
        checkBoolean(c, prop, value);
        break;
      case 'response':
        checkString(c, prop, value);
        break;
      case 'duration':
        checkDuration(c, prop, value);
        break;
      case 'extensions':
        checkExtensions(c, prop, value);
        break;
      default:
        unknownProperty(c, prop, 'a Result');
    }
  }
  c.path.pop();
}

/** scaled in [-1, 1]; min < max; raw within [min, max] where those are given. */
function checkScore(c: Checker, v: unknown): void {
  const o = objectAt(c, 'score', v, 'a Score object { scaled, raw, min, max }');
  if (o === undefined) return;
  c.path.push('score');
  let scaled: number | undefined;
  let raw: number | undefined;
  let min: number | undefined;
  let max: number | undefined;
  for (const prop in o) {
    const value = o[prop];
    if (value === undefined) continue;
    switch (prop) {
      case 'scaled':
        if (checkNumber(c, prop, value)) scaled = value;
        break;
      case 'raw':
        if (checkNumber(c, prop, value)) raw = value;
        break;
      case 'min':
        if (checkNumber(c, prop, value)) min = value;
        break;
      case 'max':
        if (checkNumber(c, prop, value)) max = value;
        break;
      default:
        unknownProperty(c, prop, 'a Score');
    }
  }
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) {
    report(
      c,
      'scaled',
      'xapi.score_out_of_range',
      `expected scaled between -1 and 1 inclusive, got ${scaled}`,
    );
  }
  if (min !== undefined && max !== undefined && !(min < max)) {
    report(c, 'min', 'xapi.score_out_of_range', `expected min (${min}) to be less than max (${max})`);
  }
  if (raw !== undefined && min !== undefined && raw < min) {
    report(c, 'raw', 'xapi.score_out_of_range', `expected raw (${raw}) to be at least min (${min})`);
  }
  if (raw !== undefined && max !== undefined && raw > max) {
    report(c, 'raw', 'xapi.score_out_of_range', `expected raw (${raw}) to be at most max (${max})`);
  }
  c.path.pop();
}
