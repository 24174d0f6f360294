// Diffusion schedulers: β schedules, DDPM and DDIM behind one interface.
export * from './types.js';
export * from './beta-schedule.js';
export * from './common.js';
export { DdpmScheduler, type DdpmConfig } from './ddpm.js';
export { DdimScheduler, type DdimConfig } from './ddim.js';
