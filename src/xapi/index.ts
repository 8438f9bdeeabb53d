export * from './identity.js';
export * from './ids.js';
export type * from './statement.js';
export * from './transform.js';
export * from './validate/index.js';
