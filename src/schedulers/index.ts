// Diffusion schedulers behind one interface, and the table that names them (diffusers' one file per
// algorithm): adding a scheduler is its file plus one line in SCHEDULERS.
import { DdimScheduler } from './ddim.js';
import { DdpmScheduler } from './ddpm.js';
import { DPM_SOLVER } from './dpm-solver.js';
import type { Scheduler, SchedulerConfig, SchedulerEntry } from './types.js';

export * from './types.js';
export * from './beta-schedule.js';
export * from './common.js';
export { DdpmScheduler, type DdpmConfig } from './ddpm.js';
export { DdimScheduler, type DdimConfig } from './ddim.js';

/** Every scheduler by name; `model.sampler`, `--sampler` and the conformance suite enumerate it. */
export const SCHEDULERS = {
  ddpm: { description: 'ancestral DDPM (Ho et al. 2020), β̃ variance', factory: (c) => new DdpmScheduler(c), stochastic: () => true, defaultSteps: (T) => T },
  ddim: { description: 'DDIM (Song et al. 2021), η = 0 deterministic … 1 DDPM-like', factory: (c) => new DdimScheduler(c), stochastic: (c) => (c.eta ?? 0) > 0, defaultSteps: (T) => Math.min(50, T) },
  'dpm-solver++': DPM_SOLVER,
} satisfies Record<string, SchedulerEntry>;

/** A name in the scheduler table. */
export type SchedulerName = keyof typeof SCHEDULERS;

/** The table's names, in table order (a non-empty tuple, as `z.enum` wants it). */
export function schedulerNames(): [SchedulerName, ...SchedulerName[]] {
  return Object.keys(SCHEDULERS) as [SchedulerName, ...SchedulerName[]];
}

/** The table row of `name`; an unknown name throws, listing the table's names. */
export function schedulerEntry(name: string): SchedulerEntry {
  if (!Object.prototype.hasOwnProperty.call(SCHEDULERS, name)) throw new Error(`Unknown sampler "${name}"; use ${schedulerNames().join(' or ')}.`);
  return SCHEDULERS[name as SchedulerName];
}

/** Builds the scheduler `name` with `cfg`, set to `steps` inference steps (default: the entry's). */
export function createScheduler(name: string, cfg: SchedulerConfig, steps?: number): Scheduler {
  const entry = schedulerEntry(name);
  const s = entry.factory(cfg);
  s.setTimesteps(steps ?? entry.defaultSteps(cfg.numTrainTimesteps));
  return s;
}
