// DPM-Solver++(2M) (Lu et al. 2022, "DPM-Solver++", Algorithm 2): a second-order multistep solver of the
// diffusion ODE in λ = log(α/σ) on data predictions x̂_0; follows diffusers' DPMSolverMultistepScheduler
// (dpmsolver++, order 2, midpoint, lower_order_final, "linspace" timesteps, final σ = 0).
import { tf } from '../engine/tf.js';
import { cumprodAlphas, makeBetas, type BetaScheduleConfig } from './beta-schedule.js';
import { predictOriginal } from './common.js';
import type { PredictionType, Scheduler, SchedulerEntry, StepNoise } from './types.js';

/** DPM-Solver++ settings. */
export interface DpmSolverConfig extends BetaScheduleConfig {
  prediction?: PredictionType;
  /** Clip x̂_0 to [−clipRange, clipRange] before it enters the solver; 0 = off. */
  clipRange?: number;
  /** Where the last step lands: 'zero' noise (diffusers' default: x̂_0 itself) or σ of t = 0 ('sigma-min'). */
  finalSigma?: 'zero' | 'sigma-min';
  /** A first-order last step when there are fewer than 15 steps (diffusers' lower_order_final; default on). */
  lowerOrderFinal?: boolean;
}

/** numpy's round (half to even), so the timesteps match `np.linspace(…).round()`. */
function roundHalfEven(x: number): number {
  return x - Math.floor(x) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
}

/** diffusers' "linspace" spacing: round(linspace(0, T−1, n+1)) descending, without the final 0. */
export function linspaceTimesteps(numTrain: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 1 || n > numTrain - 1) throw new Error(`DPM-Solver++ takes an integer number of steps in 1..${numTrain - 1}, got ${n}.`);
  const step = (numTrain - 1) / n; // ≥ 1, so the rounded points are distinct
  return Array.from({ length: n }, (_, i) => (i === 0 ? numTrain - 1 : roundHalfEven((n - i) * step)));
}

/** The multistep DPM-Solver++(2M) scheduler; deterministic (noise is ignored). */
export class DpmSolverScheduler implements Scheduler {
  readonly numTrainTimesteps: number;
  readonly betas: Float64Array;
  readonly alphasCumprod: Float64Array;
  timesteps: number[];
  private readonly prediction: PredictionType;
  private readonly clipRange: number;
  private readonly finalSigma: 'zero' | 'sigma-min';
  private readonly lowerOrderFinal: boolean;
  /** x̂_0 of the previous step (the multistep history) and that step's index; −1 = a fresh trajectory. */
  private prevX0: tf.Tensor | null = null;
  private lastIndex = -1;

  constructor(cfg: DpmSolverConfig) {
    this.numTrainTimesteps = cfg.numTrainTimesteps;
    this.betas = makeBetas(cfg);
    this.alphasCumprod = cumprodAlphas(this.betas);
    this.prediction = cfg.prediction ?? 'epsilon';
    this.clipRange = cfg.clipRange ?? 0;
    this.finalSigma = cfg.finalSigma ?? 'zero';
    this.lowerOrderFinal = cfg.lowerOrderFinal ?? true;
    this.timesteps = linspaceTimesteps(this.numTrainTimesteps, Math.min(20, this.numTrainTimesteps - 1));
  }

  /** n timesteps with diffusers' "linspace" spacing; clears the history. */
  setTimesteps(n: number): void {
    this.timesteps = linspaceTimesteps(this.numTrainTimesteps, n);
    this.resetState();
  }

  /** Drops the stored x̂_0: the next step is first order from wherever the chain now is. */
  resetState(): void {
    this.prevX0?.dispose();
    this.prevX0 = null;
    this.lastIndex = -1;
  }

  /** α_s = √ᾱ, σ_s = √(1−ᾱ) and λ_s = log(α_s/σ_s) at grid position i (i = n: after the last step). */
  private at(i: number): { alpha: number; sigma: number; lambda: number } {
    const n = this.timesteps.length;
    const abar = i < n ? this.alphasCumprod[this.timesteps[i]] : this.finalSigma === 'zero' ? 1 : this.alphasCumprod[0];
    const alpha = Math.sqrt(abar), sigma = Math.sqrt(1 - abar);
    return { alpha, sigma, lambda: Math.log(alpha) - Math.log(sigma) };
  }

  /** x_{t_i} → x_{t_{i+1}}: eq. (first order, = DDIM η = 0) or the 2M update with D = (1 + 1/2r)·x̂_0 − 1/2r·x̂_0^prev. */
  step(modelOutput: tf.Tensor, t: number, sample: tf.Tensor, _noise?: StepNoise): tf.Tensor {
    const i = this.timesteps.indexOf(t);
    if (i < 0) throw new Error(`DPM-Solver++ steps only at its timesteps (${this.timesteps.join(', ')}); got t = ${t}.`);
    if (this.lastIndex >= 0 && i !== this.lastIndex + 1) {
      throw new Error(`DPM-Solver++ keeps a history between steps: a step at t = ${t} cannot follow t = ${this.timesteps[this.lastIndex]}; call resetState() after a jump in the chain.`);
    }
    const n = this.timesteps.length;
    // lower_order_final: the last step is first order when it lands on σ = 0, or with < 15 steps
    const firstOrder = !this.prevX0 || (i === n - 1 && (this.finalSigma === 'zero' || (this.lowerOrderFinal && n < 15)));
    const s0 = this.at(i), next = this.at(i + 1);
    const [out, x0] = tf.tidy(() => {
      // 1. data prediction x̂_0 (ε: (x − σ·ε̂)/α; v: α·x − σ·v̂), clipped like the other schedulers
      let x0 = predictOriginal(modelOutput, sample, s0.alpha * s0.alpha, this.prediction).x0; // [B, …]
      if (this.clipRange > 0) x0 = tf.clipByValue(x0, -this.clipRange, this.clipRange);
      // 2. σ_next = 0 ends the chain at x̂_0 (the first-order step's limit as h → ∞)
      if (next.sigma === 0) return [tf.clone(x0), x0];
      const h = next.lambda - s0.lambda;
      // 3. D: x̂_0 itself (first order) or its midpoint extrapolation from the previous step (2M)
      let d = x0;
      if (!firstOrder) {
        const r = (s0.lambda - this.at(i - 1).lambda) / h;
        d = tf.add(x0, tf.mul(tf.sub(x0, this.prevX0!), 0.5 / r));
      }
      // 4. x_next = (σ_next/σ_s)·x − α_next·(e^{−h} − 1)·D
      return [tf.sub(tf.mul(sample, next.sigma / s0.sigma), tf.mul(d, next.alpha * Math.expm1(-h))), x0];
    });
    this.prevX0?.dispose();
    if (i === n - 1) {
      x0.dispose(); // the chain has ended: nothing can use the history
      this.prevX0 = null;
      this.lastIndex = -1;
    } else {
      this.prevX0 = tf.keep(x0); // outlives a caller's tf.tidy around the step
      this.lastIndex = i;
    }
    return out;
  }
}

/** The table row of DPM-Solver++(2M). */
export const DPM_SOLVER: SchedulerEntry = {
  description: 'DPM-Solver++(2M) (Lu et al. 2022), deterministic, second-order multistep: ~20 steps',
  factory: (c) => new DpmSolverScheduler(c),
  stochastic: () => false,
  defaultSteps: (T) => Math.min(20, T - 1),
};
