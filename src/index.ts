// edstream: the Open edX events catalog as typed TypeScript, its codecs and its signals.

export * from './app/index.js';
export * from './bus/index.js';
export * from './catalog/index.js';
export * from './codecs/avro/index.js';
export type { Codec, OpenEdxEvent } from './codecs/codec.js';
export * from './codecs/json/index.js';
export * from './envelope/index.js';
export * from './errors.js';
export * from './keys/index.js';
export * from './lrs/index.js';
export * from './server/index.js';
export * from './signals/index.js';
export * from './xapi/index.js';
