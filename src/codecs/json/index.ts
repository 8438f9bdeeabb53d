export {
  cloudEventJsonCodec,
  type DecodeResult,
  parseCloudEventJson,
  readCloudEvent,
  writeCloudEvent,
} from './cloudevent-json.js';
export { parseJsonExact, stringifyJsonExact } from './exact-json.js';
