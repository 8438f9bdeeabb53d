import { assembleMetadata, type EventsMetadata, type MetadataResult } from './metadata.js';
import {
  checkId,
  checkMinorversionText,
  checkSourcelibText,
  checkText,
  checkTime,
  isRecord,
  ownField,
  wrongType,
} from './metadata-checks.js';

/** The Redis stream fields that carry metadata, in the order `edx_event_bus_redis` writes them. */
export const STREAM_METADATA_FIELDS = [
  'type',
  'id',
  'source',
  'time',
  'minorversion',
  'sourcehost',
  'sourcelib',
] as const;

export type StreamMetadataField = (typeof STREAM_METADATA_FIELDS)[number];

/** Metadata as Redis stream field values, inserted in Python's order so that XADD is byte-identical. */
export function metadataToStreamFields(metadata: EventsMetadata): Record<StreamMetadataField, string> {
  return {
    type: metadata.event_type,
    id: metadata.id,
    source: metadata.source,
    time: metadata.time,
    minorversion: String(metadata.minorversion),
    sourcehost: metadata.sourcehost,
    sourcelib: metadata.sourcelib.join('.'),
  };
}

/**
 * Reads metadata from a stream entry's fields (other fields, such as `event_data`, are ignored); never throws.
 * Unlike the Python consumer, a missing field is an issue rather than regenerated locally, because a
 * regenerated id or time would silently break de-duplication and ordering.
 */
export function streamFieldsToMetadata(fields: Readonly<Record<string, string>>): MetadataResult {
  // Typed for callers, checked for anything, since entries come off the network.
  const entry: unknown = fields;
  if (!isRecord(entry)) return { ok: false, issues: [wrongType('', entry, 'an object of stream fields')] };
  return assembleMetadata({
    event_type: checkText(ownField(entry, 'type'), 'type', 'a non-empty event type'),
    id: checkId(ownField(entry, 'id'), 'id'),
    minorversion: checkMinorversionText(ownField(entry, 'minorversion'), 'minorversion'),
    source: checkText(ownField(entry, 'source'), 'source', 'a non-empty source such as openedx/lms/web'),
    sourcehost: checkText(ownField(entry, 'sourcehost'), 'sourcehost', 'a non-empty host name'),
    time: checkTime(ownField(entry, 'time'), 'time'),
    sourcelib: checkSourcelibText(ownField(entry, 'sourcelib'), 'sourcelib'),
  });
}
