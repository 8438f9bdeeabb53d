import { hostname } from 'node:os';
import { EdstreamError, formatIssues, type Issue } from '../errors.js';
import { newEventId } from './ids.js';
import {
  type Checked,
  checkId,
  checkMinorversion,
  checkSourcelibAny,
  checkSourcelibList,
  checkText,
  checkTime,
  isRecord,
  ownField,
  unknownFields,
  wrongType,
} from './metadata-checks.js';
import { formatIsoformat, nowIsoformat } from './time.js';
import { EDSTREAM_SOURCELIB } from './version.js';

/** Open edX EventsMetadata, field names and order as Open edX has them. */
export interface EventsMetadata {
  readonly event_type: string;
  /** Canonical lowercase UUID; any version is accepted on input, uuid1 is generated. */
  readonly id: string;
  readonly minorversion: number;
  /** `openedx/<service>/web` unless given. */
  readonly source: string;
  readonly sourcehost: string;
  /** UTC as Python's `isoformat()` writes it: `2026-01-02T03:04:05.000123+00:00`, no fraction when zero. */
  readonly time: string;
  /** The producing library's version as integers: edstream's own, e.g. `[0, 1, 0]`. */
  readonly sourcelib: readonly number[];
}

/** What `createMetadata` may be told; anything left out (or `undefined`) gets Open edX's default. */
export interface MetadataOptions {
  id?: string | undefined;
  time?: string | Date | undefined;
  source?: string | undefined;
  /** Used for the default `source` only. */
  service?: string | undefined;
  sourcehost?: string | undefined;
  sourcelib?: readonly number[] | string | undefined;
  minorversion?: number | undefined;
}

/** Metadata read from untrusted input, or every issue found in it. */
export type MetadataResult = { ok: true; metadata: EventsMetadata } | { ok: false; issues: Issue[] };

/** The field names in Open edX order (also the `to_json` key order). */
export const METADATA_FIELDS = [
  'event_type',
  'id',
  'minorversion',
  'source',
  'sourcehost',
  'time',
  'sourcelib',
] as const satisfies ReadonlyArray<keyof EventsMetadata>;

const OPTION_KEYS: ReadonlyArray<keyof MetadataOptions> = [
  'id',
  'time',
  'source',
  'service',
  'sourcehost',
  'sourcelib',
  'minorversion',
];
const EVENT_TYPE_EXPECTED =
  'a non-empty event type such as org.openedx.learning.course.enrollment.created.v1';

/** The service named in the default `source`: edstream's variable first, then the ones Open edX reads. */
export function defaultServiceName(env: NodeJS.ProcessEnv = process.env): string {
  // Empty values fall through, as they do with Python's `or`.
  return (
    env.EDSTREAM_SERVICE_NAME ||
    env.EVENTS_SERVICE_NAME ||
    env.SERVICE_VARIANT ||
    // Open edX's own fallback, kept verbatim so that misconfiguration looks the same in both stacks.
    'SERVICE_NAME_UNSET'
  );
}

/** Builds metadata for one event, filling Open edX's defaults; throws `validation.invalid_metadata` listing every problem. */
export function createMetadata(eventType: string, options: MetadataOptions = {}): EventsMetadata {
  const optionIssues = isRecord(options)
    ? unknownFields(options, OPTION_KEYS)
    : [wrongType('', options, 'an options object')];
  const opts: MetadataOptions = isRecord(options) ? options : {};
  const result = assembleMetadata(
    {
      event_type: checkText(eventType, 'event_type', EVENT_TYPE_EXPECTED),
      id: opts.id === undefined ? { ok: true, value: newEventId() } : checkId(opts.id, 'id'),
      minorversion:
        opts.minorversion === undefined ? ok(0) : checkMinorversion(opts.minorversion, 'minorversion'),
      source: defaultSource(opts),
      sourcehost: checkText(opts.sourcehost ?? localHostname(), 'sourcehost', 'a non-empty host name'),
      time: timeOption(opts.time),
      sourcelib:
        opts.sourcelib === undefined
          ? ok([...EDSTREAM_SOURCELIB])
          : checkSourcelibAny(opts.sourcelib, 'sourcelib'),
    },
    optionIssues,
  );
  if (!result.ok) {
    throw new EdstreamError(
      'validation.invalid_metadata',
      `cannot build metadata for ${JSON.stringify(String(eventType))}: ${formatIssues(result.issues)}`,
      { details: result.issues },
    );
  }
  return result.metadata;
}

/** Every problem with a value meant to be `EventsMetadata`; never throws. `Z` times and uppercase ids pass. */
export function validateMetadata(value: unknown): Issue[] {
  const result = parseMetadata(value);
  return result.ok ? [] : result.issues;
}

/** Reads a value meant to be `EventsMetadata` and normalises its id and time; never throws. */
export function parseMetadata(value: unknown): MetadataResult {
  if (!isRecord(value)) return { ok: false, issues: [wrongType('', value, 'an EventsMetadata object')] };
  return assembleMetadata(
    {
      event_type: checkText(ownField(value, 'event_type'), 'event_type', EVENT_TYPE_EXPECTED),
      id: checkId(ownField(value, 'id'), 'id'),
      minorversion: checkMinorversion(ownField(value, 'minorversion'), 'minorversion'),
      source: checkText(ownField(value, 'source'), 'source', 'a non-empty source such as openedx/lms/web'),
      sourcehost: checkText(ownField(value, 'sourcehost'), 'sourcehost', 'a non-empty host name'),
      time: checkTime(ownField(value, 'time'), 'time'),
      sourcelib: checkSourcelibList(ownField(value, 'sourcelib'), 'sourcelib'),
    },
    unknownFields(value, METADATA_FIELDS),
  );
}

/** Joins checked fields into frozen metadata in Open edX field order, or gathers all their issues. */
export function assembleMetadata(
  fields: { [K in keyof EventsMetadata]: Checked<EventsMetadata[K]> },
  extraIssues: readonly Issue[] = [],
): MetadataResult {
  const { event_type, id, minorversion, source, sourcehost, time, sourcelib } = fields;
  if (
    extraIssues.length === 0 &&
    event_type.ok &&
    id.ok &&
    minorversion.ok &&
    source.ok &&
    sourcehost.ok &&
    time.ok &&
    sourcelib.ok
  ) {
    return {
      ok: true,
      metadata: Object.freeze({
        event_type: event_type.value,
        id: id.value,
        minorversion: minorversion.value,
        source: source.value,
        sourcehost: sourcehost.value,
        time: time.value,
        sourcelib: Object.isFrozen(sourcelib.value) ? sourcelib.value : Object.freeze([...sourcelib.value]),
      }),
    };
  }
  const fieldIssues = METADATA_FIELDS.flatMap((name) => {
    const checked = fields[name];
    return checked.ok ? [] : checked.issues;
  });
  return { ok: false, issues: [...fieldIssues, ...extraIssues] };
}

function defaultSource(opts: MetadataOptions): Checked<string> {
  const expected = 'a non-empty source such as openedx/lms/web';
  if (opts.source !== undefined) return checkText(opts.source, 'source', expected);
  if (opts.service === undefined) return ok(`openedx/${defaultServiceName()}/web`);
  const service = checkText(opts.service, 'service', 'a non-empty service name such as lms');
  return service.ok ? ok(`openedx/${service.value}/web`) : service;
}

function timeOption(time: unknown): Checked<string> {
  if (time === undefined) return ok(nowIsoformat());
  if (time instanceof Date) {
    try {
      return ok(formatIsoformat(time));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, issues: [{ code: 'validation.invalid_datetime', path: 'time', message }] };
    }
  }
  return checkTime(time, 'time');
}

function ok<T>(value: T): Checked<T> {
  return { ok: true, value };
}

let cachedHostname: string | undefined;

/** The host name, asked of the OS once: a system call per event showed in producer profiles. */
function localHostname(): string {
  cachedHostname ??= hostname();
  return cachedHostname;
}
