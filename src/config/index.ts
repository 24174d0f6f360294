// Public config API: schema sections, resolution and introspection.
export * from './common.js';
export * from './resolve.js';
export * from './schema-walk.js';
