import { EdstreamError, formatIssues } from '../errors.js';
import { type EventsMetadata, parseMetadata } from './metadata.js';

/** The data of Open edX's `EventsMetadata.to_json()`, keys in Open edX order. */
export interface EventsMetadataJson {
  event_type: string;
  id: string;
  minorversion: number;
  source: string;
  sourcehost: string;
  time: string;
  sourcelib: number[];
}

/** Metadata as a fresh JSON-ready object in Open edX key order. */
export function metadataToJsonData(metadata: EventsMetadata): EventsMetadataJson {
  return {
    event_type: metadata.event_type,
    id: metadata.id,
    minorversion: metadata.minorversion,
    source: metadata.source,
    sourcehost: metadata.sourcehost,
    time: metadata.time,
    sourcelib: [...metadata.sourcelib],
  };
}

/** Metadata as the exact text Python's `EventsMetadata.to_json()` produces (`json.dumps` defaults). */
export function metadataToJson(metadata: EventsMetadata): string {
  const members = Object.entries(metadataToJsonData(metadata)).map(
    ([key, value]) => `${pythonString(key)}: ${pythonValue(value)}`,
  );
  return `{${members.join(', ')}}`;
}

/**
 * Reads the `to_json` form, as text or as parsed data, validating every field and normalising `time`
 * to `+00:00`; throws `validation.invalid_metadata`. Unlike Python's `from_json`, `minorversion` is kept.
 */
export function metadataFromJson(json: unknown): EventsMetadata {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const issue = {
        code: 'validation.invalid_value',
        path: '',
        message: `found text that is not JSON (${message})`,
      };
      throw new EdstreamError('validation.invalid_metadata', `cannot read metadata JSON: ${issue.message}`, {
        details: [issue],
        cause: error,
      });
    }
  }
  const result = parseMetadata(data);
  if (!result.ok) {
    throw new EdstreamError(
      'validation.invalid_metadata',
      `cannot read metadata JSON: ${formatIssues(result.issues)}`,
      {
        details: result.issues,
      },
    );
  }
  return result.metadata;
}

function pythonValue(value: string | number | number[]): string {
  if (typeof value === 'string') return pythonString(value);
  if (typeof value === 'number') return String(value);
  return `[${value.map(String).join(', ')}]`;
}

// Python's json.dumps defaults to ensure_ascii, escaping everything outside printable ASCII (DEL too)
// as lowercase \uXXXX; JSON.stringify already escapes quotes, backslashes and control characters alike.
function pythonString(text: string): string {
  return JSON.stringify(text).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
