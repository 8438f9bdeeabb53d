export { type CloudEvent, cloudEventToMetadata, toCloudEvent } from './cloudevents.js';
export { isUuid, newEventId, normalizeUuid } from './ids.js';
export {
  createMetadata,
  defaultServiceName,
  type EventsMetadata,
  METADATA_FIELDS,
  type MetadataOptions,
  type MetadataResult,
  parseMetadata,
  validateMetadata,
} from './metadata.js';
export {
  type EventsMetadataJson,
  metadataFromJson,
  metadataToJson,
  metadataToJsonData,
} from './metadata-json.js';
export {
  formatIsoformat,
  isoformatToDate,
  nowIsoformat,
  parseUtcTime,
  type UtcTime,
  type UtcTimeResult,
} from './time.js';
export { EDSTREAM_SOURCELIB, EDSTREAM_VERSION, sourcelibFromVersion } from './version.js';
export {
  metadataToStreamFields,
  STREAM_METADATA_FIELDS,
  type StreamMetadataField,
  streamFieldsToMetadata,
} from './wire-fields.js';
