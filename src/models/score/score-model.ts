// A noise-conditional score network (NCSN, Song & Ermon 2019) for low-dimensional data, trained by
// denoising score matching (Vincent 2011; eq. 2 with λ(σ) = σ²) and sampled by annealed Langevin dynamics.
import { tf, tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import type { Batch } from '../../data/types.js';
import type { DataInfo, LikelihoodModel, LossMode, SampleOptions } from '../types.js';
import { timestepEmbedding } from '../../nn/timestep-embedding.js';
import { annealedLangevin } from '../../samplers/langevin.js';
import { buildMlpDenoiser } from '../diffusion/mlp-denoiser.js';
import type { ScoreModelConfig } from './config.js';

/** Score model settings (the `model` section; inferred from the schema in config.ts). */
export type { ScoreModelConfig };

/** The geometric ladder σ_i = σ_max·(σ_min/σ_max)^{i/(L−1)}, i = 0..L−1. */
export function geometricSigmas(max: number, min: number, L: number): number[] {
  if (L < 2) return [max];
  return Array.from({ length: L }, (_, i) => max * Math.pow(min / max, i / (L - 1)));
}

/** NCSN: s_θ(x, σ_i) = f_θ(x, i)/σ_i (the 1/σ output scaling of Song & Ermon 2020, technique 3). */
export class ScoreModel implements LikelihoodModel {
  readonly networks: { score: tfl.LayersModel };
  readonly sigmas: number[];
  private readonly dim: number;

  constructor(readonly cfg: ScoreModelConfig, data: DataInfo) {
    if (data.shape.length !== 1) throw new Error(`The score model is an MLP for vector data; got shape [${data.shape.join(', ')}].`);
    this.dim = data.shape[0];
    this.sigmas = geometricSigmas(cfg.sigmaMax, cfg.sigmaMin, cfg.numLevels);
    this.networks = { score: buildMlpDenoiser({ dim: this.dim, hidden: cfg.hidden, embDim: cfg.embDim, numClasses: 0 }, 'score') };
  }

  /** Raw network output f(x, i) [B, D] for per-example level indices. */
  private raw(x: tf.Tensor, levels: number[], training = false): tf.Tensor {
    return this.networks.score.apply([x, timestepEmbedding(levels, this.cfg.embDim)], { training }) as tf.Tensor;
  }

  /** Score estimate s(x, σ_level) [B, D]. */
  score(x: tf.Tensor, level: number): tf.Tensor {
    return tf.tidy(() => tf.div(this.raw(x, Array.from({ length: x.shape[0] }, () => level)), this.sigmas[level]));
  }

  /** DSM loss ½·E_{i,z} ‖σ_i·s(x + σ_i z, σ_i) + z‖² (eq. 2 with λ = σ²), i ~ U{0..L−1}, mean over examples. */
  loss(batch: Batch, rng: Rng, _mode: LossMode = 'train'): { loss: tf.Scalar; parts: Record<string, tf.Scalar> } {
    const b = batch.x.shape[0];
    const levels = Array.from({ length: b }, () => rng.int(this.sigmas.length));
    const sig = tf.tensor2d(levels.map((i) => this.sigmas[i]), [b, 1]); // [B, 1]
    const z = rng.normalTensor(batch.x.shape); // [B, D]
    const xt = tf.add(batch.x, tf.mul(sig, z));
    const f = this.raw(xt, levels, _mode === 'train'); // = σ·s
    const loss = tf.mul(tf.mean(tf.sum(tf.square(tf.add(f, z)), 1)), 0.5) as tf.Scalar;
    return { loss, parts: {} };
  }

  /** n samples by annealed Langevin dynamics from x ~ N(0, σ_1²·I) (Algorithm 1). */
  sample(n: number, rng: Rng, opts: SampleOptions = {}): tf.Tensor {
    const x = tf.tidy(() => tf.mul(rng.normalTensor([n, this.dim]), this.sigmas[0]));
    return annealedLangevin((y, i) => this.score(y, i), this.sigmas, x, rng, {
      stepSize: this.cfg.stepSize,
      stepsPerLevel: opts.steps ?? this.cfg.stepsPerLevel,
      denoise: this.cfg.denoise,
    });
  }

  dispose(): void {
    this.networks.score.dispose();
  }
}
