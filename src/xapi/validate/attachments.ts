/** Attachment headers (xAPI Data 2.4.11). */
import {
  type Checker,
  missingProperty,
  objectAt,
  type PathKey,
  quote,
  report,
  unknownProperty,
  wrongType,
} from './checker.js';
import { isMediaType, isSha2Hex } from './primitives.js';
import { checkIri, checkIrl, checkLanguageMap } from './values.js';

const REQUIRED: ReadonlyArray<readonly [string, string]> = [
  ['usageType', 'the usage type IRI'],
  ['display', 'a display language map'],
  ['contentType', 'the Internet Media Type'],
  ['length', 'the length in octets'],
  ['sha2', 'the SHA-2 hash of the data'],
];

export function checkAttachments(c: Checker, key: PathKey, v: unknown): void {
  if (!Array.isArray(v)) {
    wrongType(c, key, v, 'an array of Attachment objects');
    return;
  }
  c.path.push(key);
  for (let i = 0; i < v.length; i++) checkAttachment(c, i, v[i]);
  c.path.pop();
}

function checkAttachment(c: Checker, key: number, v: unknown): void {
  const o = objectAt(c, key, v, 'an Attachment object');
  if (o === undefined) return;
  c.path.push(key);
  for (const prop in o) {
    const value = o[prop];
    if (value === undefined) continue;
    switch (prop) {
      case 'usageType':
        checkIri(c, prop, value, 'an attachment usage type');
        break;
      case 'display':
      case 'description':
        checkLanguageMap(c, prop, value);
        break;
      case 'contentType':
        if (typeof value !== 'string') wrongType(c, prop, value, 'an Internet Media Type string');
        else if (!isMediaType(value)) {
          report(
            c,
            prop,
            'xapi.invalid_media_type',
            `expected a media type such as text/plain, got ${quote(value)}`,
          );
        }
        break;
      case 'length':
        if (typeof value !== 'number') wrongType(c, prop, value, 'an integer number of octets');
        else if (!Number.isSafeInteger(value) || value < 0) {
          report(c, prop, 'xapi.invalid_length', `expected a non-negative integer, got ${value}`);
        }
        break;
      case 'sha2':
        if (typeof value !== 'string') wrongType(c, prop, value, 'a SHA-2 hex string');
        else if (!isSha2Hex(value)) {
          report(
            c,
            prop,
            'xapi.invalid_sha2',
            'expected a hex SHA-224/256/384/512 hash (56, 64, 96 or 128 digits)',
          );
        }
        break;
      case 'fileUrl':
        checkIrl(c, prop, value, 'the URL of the attachment data');
        break;
      default:
        unknownProperty(c, prop, 'an Attachment');
    }
  }
  for (let i = 0; i < REQUIRED.length; i++) {
    const [prop, expected] = REQUIRED[i]!;
    if (o[prop] === undefined) missingProperty(c, prop, expected);
  }
  c.path.pop();
}
