export { compareCodePoints } from './code-point-order.js';
export { decodeAvroPayload, encodeAvroPayload } from './payload.js';
export {
  type AvroSchema,
  assertSerializable,
  avroSchemaText,
  CLOUD_EVENT_DOC,
  generateAvroSchema,
} from './schema.js';
export { checkAvroStructure } from './structure-check.js';
