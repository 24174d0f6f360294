// Learning-rate schedules: linear warmup then constant, cosine (nanoGPT's get_lr) or linear decay.
import type { TrainConfig } from '../config/common.js';

/** The learning rate at 0-based `step` for a training config. */
export function learningRateAt(step: number, cfg: Pick<TrainConfig, 'lr' | 'minLr' | 'warmupSteps' | 'steps' | 'lrSchedule'>): number {
  const { lr, minLr, warmupSteps, steps, lrSchedule } = cfg;
  if (warmupSteps > 0 && step < warmupSteps) return (lr * (step + 1)) / warmupSteps;
  if (lrSchedule === 'constant') return lr;
  const span = Math.max(1, steps - warmupSteps);
  const progress = Math.min(1, (step - warmupSteps) / span);
  const coeff = lrSchedule === 'cosine' ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress;
  return minLr + coeff * (lr - minLr);
}
