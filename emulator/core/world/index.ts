/** The shared synthetic world: one seed → citizens, households and enterprises, generated on demand. */
export * from './agencies.js';
export * from './citizens.js';
export * from './enterprises.js';
export * from './ethnic-groups.js';
export * from './personal-id.js';
export * from './provinces.js';
export * from './tax-code.js';
