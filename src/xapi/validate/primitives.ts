/**
 * Pure predicates for the xAPI data types (IRI, UUID, language tag, timestamp, duration, …). They take
 * strings and allocate nothing; every regular expression is compiled once, here.
 */
import type { XapiVersion } from '../statement.js';

// ASCII characters RFC 3987 never allows in an IRI (besides controls and space, handled by range).
const IRI_FORBIDDEN = new Uint8Array(128);
for (const ch of '"<>\\^`{|}') IRI_FORBIDDEN[ch.charCodeAt(0)] = 1;

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Index of the `:` ending a well-formed scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), or -1. */
function schemeEnd(s: string): number {
  if (s.length === 0 || !isAlpha(s.charCodeAt(0))) return -1;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) return i;
    if (!(isAlpha(c) || isDigit(c) || c === 43 || c === 45 || c === 46)) return -1;
  }
  return -1;
}

/**
 * An absolute IRI (RFC 3987 syntax, checked reasonably): a scheme, `:`, then a non-empty rest without
 * spaces, controls or the characters `"<>\^`{|}`, with well-formed `%XX` escapes, at most one `#`, and
 * no lone surrogates. Relative references and fragments alone are not IRIs in xAPI.
 */
export function isIri(s: string): boolean {
  const start = schemeEnd(s);
  if (start < 0 || start === s.length - 1) return false;
  let hashes = 0;
  for (let i = start + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f)) return false;
    if (c < 0x80) {
      if (IRI_FORBIDDEN[c] === 1) return false;
      if (c === 37) {
        if (!isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) return false;
        i += 2;
      } else if (c === 35 && ++hashes > 1) {
        return false;
      }
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** An IRL: an IRI that locates something, i.e. one with a non-empty authority (`scheme://host…`). */
export function isIrl(s: string): boolean {
  const end = schemeEnd(s);
  if (end < 0 || s.charCodeAt(end + 1) !== 47 || s.charCodeAt(end + 2) !== 47) return false;
  const first = s.charCodeAt(end + 3);
  if (Number.isNaN(first) || first === 47 || first === 63 || first === 35) return false;
  return isIri(s);
}

/** A `mailto:` IRI naming one address: `mailto:local@domain`, both parts non-empty. */
export function isMailtoIri(s: string): boolean {
  if (!s.startsWith('mailto:')) return false;
  const at = s.indexOf('@', 7);
  if (at <= 7 || at === s.length - 1 || s.indexOf('@', at + 1) !== -1) return false;
  return isIri(s);
}

function isHexOfLength(s: string, length: number): boolean {
  if (s.length !== length) return false;
  for (let i = 0; i < length; i++) if (!isHex(s.charCodeAt(i))) return false;
  return true;
}

/** A hex-encoded SHA-1 hash (40 hex digits, either case). */
export function isSha1Hex(s: string): boolean {
  return isHexOfLength(s, 40);
}

/** A hex-encoded SHA-2 hash: SHA-224, SHA-256, SHA-384 or SHA-512 (56, 64, 96 or 128 hex digits). */
export function isSha2Hex(s: string): boolean {
  const n = s.length;
  return (n === 56 || n === 64 || n === 96 || n === 128) && isHexOfLength(s, n);
}

/** A UUID in standard string form (8-4-4-4-12 hex, either case); the variant is not checked. */
export { isUuid } from '../../envelope/ids.js';

// RFC 5646 §2.1 ABNF, case-insensitive: langtag / privateuse / grandfathered (the regular grandfathered
// tags are well-formed langtags already; the irregular ones are listed).
const LANGTAG =
  '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})' + // language [-extlang]
  '(?:-[a-z]{4})?' + // script
  '(?:-(?:[a-z]{2}|[0-9]{3}))?' + // region
  '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*' + // variants
  '(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*' + // extensions
  '(?:-x(?:-[a-z0-9]{1,8})+)?'; // private use
const IRREGULAR =
  'en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|i-tao|i-tay|' +
  'i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de';
const LANGUAGE_TAG = new RegExp(`^(?:${LANGTAG}|x(?:-[a-z0-9]{1,8})+|${IRREGULAR})$`, 'i');

/** A well-formed RFC 5646 (BCP 47) language tag; subtags are not looked up in the IANA registry. */
export function isLanguageTag(s: string): boolean {
  return LANGUAGE_TAG.test(s);
}

const DURATION_NUMBER = '\\d+(?:[.,]\\d+)?';
const DURATION = new RegExp(
  `^P(?:${DURATION_NUMBER}W|(?=\\d|T\\d)(?:${DURATION_NUMBER}Y)?(?:${DURATION_NUMBER}M)?(?:${DURATION_NUMBER}D)?` +
    `(?:T(?=\\d)(?:${DURATION_NUMBER}H)?(?:${DURATION_NUMBER}M)?(?:${DURATION_NUMBER}S)?)?)$`,
);

/** An ISO 8601:2004 §4.4.3.2 duration (`PnYnMnDTnHnMnS` or `PnW`, at least one component). */
export function isDuration(s: string): boolean {
  return DURATION.test(s);
}

/** Two decimal digits at `i`, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * An ISO 8601 date-time with a time zone, extended (`2015-11-18T12:17:00.5+01:00`) or basic
 * (`20151118T121700Z`) format; seconds and fractions optional. Both versions reject the negative-zero
 * offsets `-00`, `-0000`, `-00:00` (as the ADL conformance suite does). 2.0 also takes the RFC 3339
 * forms: a space or `t` between date and time, and `z`.
 */
export function isTimestamp(s: string, version: XapiVersion): boolean {
  const rfc3339 = version === '2.0.0';
  const n = s.length;
  const y1 = twoDigits(s, 0);
  const y2 = twoDigits(s, 2);
  if (y1 < 0 || y2 < 0) return false;
  const year = y1 * 100 + y2;
  const extended = s.charCodeAt(4) === 45;
  let i = extended ? 5 : 4;
  const month = twoDigits(s, i);
  i += 2;
  if (extended && s.charCodeAt(i++) !== 45) return false;
  const day = twoDigits(s, i);
  i += 2;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  const sep = s.charCodeAt(i++);
  if (!(sep === 84 || (rfc3339 && (sep === 116 || sep === 32)))) return false;
  const hour = twoDigits(s, i);
  i += 2;
  if (extended && s.charCodeAt(i++) !== 58) return false;
  const minute = twoDigits(s, i);
  i += 2;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
  if (extended ? s.charCodeAt(i) === 58 : isDigit(s.charCodeAt(i))) {
    if (extended) i++;
    const second = twoDigits(s, i);
    i += 2;
    if (second < 0 || second > 60) return false;
    const mark = s.charCodeAt(i);
    if (mark === 46 || mark === 44) {
      if (!isDigit(s.charCodeAt(++i))) return false;
      while (isDigit(s.charCodeAt(i))) i++;
    }
  }
  return isZone(s, i, n, rfc3339);
}

function isZone(s: string, i: number, n: number, rfc3339: boolean): boolean {
  const c = s.charCodeAt(i);
  if (c === 90 || (rfc3339 && c === 122)) return i + 1 === n;
  if (c !== 43 && c !== 45) return false;
  const hours = twoDigits(s, i + 1);
  let minutes = 0;
  let end = i + 3;
  if (end < n) {
    if (s.charCodeAt(end) === 58) end++;
    minutes = twoDigits(s, end);
    end += 2;
  }
  if (end !== n || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return false;
  return !(c === 45 && hours === 0 && minutes === 0);
}

const MEDIA_TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(
  `^${MEDIA_TOKEN}/${MEDIA_TOKEN}(?:[ \\t]*;[ \\t]*${MEDIA_TOKEN}=(?:${MEDIA_TOKEN}|"(?:[^"\\\\]|\\\\.)*"))*[ \\t]*$`,
);

/** An Internet Media Type (RFC 2046): `type/subtype` with optional `; name=value` parameters. */
export function isMediaType(s: string): boolean {
  return MEDIA_TYPE.test(s);
}

const VERSION_1_0 = /^1\.0(?:\.\d+)?$/;
const VERSION_2_0 = /^2\.0(?:\.\d+)?$/;

/** A statement `version` acceptable under the given xAPI version: `1.0` / `1.0.x`, or `2.0` / `2.0.x`. */
export function isStatementVersion(s: string, version: XapiVersion): boolean {
  return (version === '2.0.0' ? VERSION_2_0 : VERSION_1_0).test(s);
}
