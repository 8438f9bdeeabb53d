import type { Issue } from '../errors.js';
import { describeValue } from './describe-value.js';
import { assembleMetadata, type EventsMetadata, type MetadataResult } from './metadata.js';
import {
  checkId,
  checkMinorversion,
  checkSourcelibAny,
  checkText,
  checkTime,
  isRecord,
  missingField,
  ownField,
  quote,
  wrongType,
} from './metadata-checks.js';

/** A CloudEvents 1.0 event in structured-mode JSON, Open edX metadata carried as extension attributes. */
export interface CloudEvent<D = unknown> {
  specversion: '1.0';
  id: string;
  type: string;
  source: string;
  time: string;
  datacontenttype: 'application/json';
  minorversion: number;
  sourcehost: string;
  /** Dotted, e.g. `0.1.0`, as on the Open edX wire. */
  sourcelib: string;
  data: D;
}

// Attributes this mapping reads itself; other names are extensions (or `dataschema`/`subject`) and pass.
const MAPPED = new Set([
  'specversion',
  'id',
  'type',
  'source',
  'time',
  'datacontenttype',
  'minorversion',
  'sourcehost',
  'sourcelib',
  'data',
]);
// CloudEvents 1.0 §"Attribute Naming Convention": names MUST be a-z and 0-9 only. The 20-character
// limit is a SHOULD, so longer names are legal and accepted.
const ATTRIBUTE_NAME_RE = /^[a-z0-9]+$/;

/** The CloudEvents JSON form of an event, keys in the order of `CloudEvent`. */
export function toCloudEvent<D>(metadata: EventsMetadata, data: D): CloudEvent<D> {
  return {
    specversion: '1.0',
    id: metadata.id,
    type: metadata.event_type,
    source: metadata.source,
    time: metadata.time,
    datacontenttype: 'application/json',
    minorversion: metadata.minorversion,
    sourcehost: metadata.sourcehost,
    sourcelib: metadata.sourcelib.join('.'),
    data,
  };
}

/** Reads and validates every attribute of a structured-mode CloudEvent into metadata; never throws. */
export function cloudEventToMetadata(event: unknown): MetadataResult {
  if (!isRecord(event)) return { ok: false, issues: [wrongType('', event, 'a CloudEvent JSON object')] };
  const minorversion = ownField(event, 'minorversion');
  const issues = [
    ...checkSpecversion(ownField(event, 'specversion')),
    ...checkDatacontenttype(ownField(event, 'datacontenttype')),
    ...checkOptionalAttributes(event),
    ...(Object.hasOwn(event, 'data') ? [] : [missingField('data', 'the event data as JSON')]),
  ];
  return assembleMetadata(
    {
      event_type: checkText(ownField(event, 'type'), 'type', 'a non-empty event type'),
      id: checkId(ownField(event, 'id'), 'id'),
      // An absent (or null) extension means its default, as for any CloudEvents extension.
      minorversion:
        minorversion === undefined || minorversion === null
          ? { ok: true, value: 0 }
          : checkMinorversion(minorversion, 'minorversion'),
      source: checkText(ownField(event, 'source'), 'source', 'a non-empty source URI-reference'),
      sourcehost: checkText(ownField(event, 'sourcehost'), 'sourcehost', 'a non-empty host name'),
      time: checkTime(ownField(event, 'time'), 'time'),
      sourcelib: checkSourcelibAny(ownField(event, 'sourcelib'), 'sourcelib'),
    },
    issues,
  );
}

function checkSpecversion(value: unknown): Issue[] {
  if (value === undefined) return [missingField('specversion', '"1.0"')];
  if (typeof value !== 'string') return [wrongType('specversion', value, 'the string "1.0"')];
  if (value !== '1.0') {
    return [
      {
        code: 'validation.invalid_value',
        path: 'specversion',
        message: `found ${quote(value)}; expected "1.0"`,
      },
    ];
  }
  return [];
}

function checkDatacontenttype(value: unknown): Issue[] {
  if (value === undefined) return [];
  if (value === 'application/json') return [];
  const found = typeof value === 'string' ? quote(value) : describeValue(value);
  return [
    {
      code: typeof value === 'string' ? 'validation.invalid_value' : 'validation.wrong_type',
      path: 'datacontenttype',
      message: `found ${found}; expected "application/json" or no datacontenttype`,
    },
  ];
}

// Attributes outside the mapping: legal names need CloudEvents attribute values (string, number,
// boolean; null means absent), and the two optional context attributes need strings.
function checkOptionalAttributes(event: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  for (const name of Object.keys(event)) {
    if (MAPPED.has(name)) continue;
    const value = event[name];
    if (!ATTRIBUTE_NAME_RE.test(name)) {
      const hint = name === 'data_base64' ? ' (binary data is not supported; send JSON in data)' : '';
      issues.push({
        code: 'validation.unknown_field',
        path: name,
        message: `found attribute ${quote(name)}, which is not a CloudEvents attribute name${hint}; expected lowercase a-z and 0-9 only`,
      });
    } else if ((name === 'dataschema' || name === 'subject') && value !== null && typeof value !== 'string') {
      issues.push(wrongType(name, value, 'a string'));
    } else if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      issues.push(wrongType(name, value, 'a string, number or boolean extension value'));
    }
  }
  return issues;
}
