// DP-SGD's per-step work for a recipe (Abadi et al. 2016, Alg. 1): private gradients of Dense/Conv2D nets,
// the RDP accountant's ε after each step, σ from an ε budget, and the stop before a step would exceed it.
import { tf, tfl } from '../engine/tf.js';
import { Rng, type RngState } from '../random/rng.js';
import { StopTraining } from '../train/events.js';
import type { DpConfig } from './dp-config.js';
import { layerTaps, dpGradients } from './per-example.js';
import { RdpAccountant, sigmaForEpsilon } from './rdp.js';
import type { Tap } from './taps.js';
import { normalTensorFast } from './gaussian.js';

/** A private step's result: noisy gradients aligned with the variables, and the numbers to report. */
export interface DpStep {
  grads: tf.Tensor[];
  /** Batch-mean loss (absent for an empty Poisson batch, whose update is noise only). */
  loss: tf.Scalar | null;
  parts: Record<string, tf.Scalar>;
  /** `privacy/epsilon` (ε after this step), `privacy/batchSize`, `privacy/sigma`, `privacy/clipped` (fraction of examples clipped). */
  report: Record<string, number>;
}

/** DP-SGD state of one training run: taps on the Dense layers, the noise stream and the accountant. */
export class DpSgd {
  private readonly taps: Tap[];
  private noise: Rng;
  private accountant: RdpAccountant | null = null;
  private sigmaValue: number | null;

  constructor(
    networks: tfl.LayersModel[],
    private readonly vars: tf.Variable[],
    private readonly cfg: DpConfig,
    private readonly train: { steps: number; batchSize: number },
    rng: Rng,
  ) {
    this.taps = layerTaps(networks, vars);
    this.noise = rng.fork('dp-sgd-noise');
    this.sigmaValue = cfg.noiseMultiplier ?? null;
  }

  /** The noise multiplier in use (known after the first step when it comes from targetEpsilon). */
  get sigma(): number | null {
    return this.sigmaValue;
  }

  private account(datasetSize: number | undefined): RdpAccountant {
    if (this.accountant) return this.accountant;
    if (!datasetSize) throw new Error('DP-SGD needs the training set size (StepInput.datasetSize) to know the sampling rate.');
    const q = Math.min(1, this.train.batchSize / datasetSize);
    const base = { q, delta: this.cfg.delta, conversion: this.cfg.conversion };
    if (this.sigmaValue === null) this.sigmaValue = sigmaForEpsilon(base, this.train.steps, this.cfg.targetEpsilon!);
    this.accountant = new RdpAccountant({ ...base, sigma: this.sigmaValue });
    return this.accountant;
  }

  /** ε spent after `steps` steps (0 before the first step is accounted). */
  epsilonSoFar(steps: number): number {
    return this.accountant ? this.accountant.epsilonSoFar(steps) : 0;
  }

  /**
   * Private gradients of `lossFn` (a mean over the `batchSize` examples) for 0-based step `step`; throws
   * StopTraining, before any work, when ε after this step would exceed targetEpsilon.
   */
  step(lossFn: () => { loss: tf.Scalar; parts?: Record<string, tf.Scalar> }, batchSize: number, step: number, datasetSize?: number): DpStep {
    const acc = this.account(datasetSize);
    const eps = acc.epsilonSoFar(step + 1);
    const target = this.cfg.targetEpsilon;
    if (target !== undefined && eps > target) {
      throw new StopTraining(
        `Privacy budget reached: ε is ${acc.epsilonSoFar(step).toFixed(4)} after ${step} steps (δ ${this.cfg.delta}, σ ${this.sigmaValue!.toFixed(4)}); ` +
          `step ${step + 1} would make it ${eps.toFixed(4)} > train.dp.targetEpsilon ${target}. Training stopped at step ${step}.`,
      );
    }
    const opts = {
      maxGradNorm: this.cfg.maxGradNorm,
      noiseMultiplier: this.sigmaValue!,
      denominator: this.train.batchSize, // expected batch size q·N under Poisson sampling, B for fixed batches
      normal: (shape: number[]) => normalTensorFast(this.noise, shape), // ziggurat: Box–Muller was most of the DP step's overhead
    };
    const report: Record<string, number> = { 'privacy/epsilon': eps, 'privacy/batchSize': batchSize, 'privacy/sigma': this.sigmaValue! };
    if (batchSize === 0) {
      const std = opts.noiseMultiplier * opts.maxGradNorm;
      const grads = this.vars.map((v) => tf.tidy(() => tf.mul(opts.normal(v.shape), std / opts.denominator)));
      return { grads, loss: null, parts: {}, report };
    }
    const r = dpGradients(lossFn, this.taps, this.vars, batchSize, opts);
    report['privacy/clipped'] = r.norms.reduce((n, v) => n + (v > opts.maxGradNorm ? 1 : 0), 0) / batchSize;
    return { grads: r.grads, loss: r.loss, parts: r.parts, report };
  }

  /** The noise stream's state, for checkpoints. */
  getState(): RngState {
    return this.noise.state();
  }

  /** Restores the noise stream from a checkpoint. */
  setState(state: RngState): void {
    this.noise = new Rng(state);
  }
}
