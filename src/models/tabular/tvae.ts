// TVAE (Xu et al. 2019, "Modeling Tabular Data using Conditional GAN", §4.3; the ctgan package's tvae.py):
// a VAE on CTGAN's mode-specific encoding, Gaussian value terms with a learnt σ and categorical one-hots.
import { tf, tfl } from '../../engine/tf.js';
import { Rng } from '../../random/rng.js';
import type { Batch } from '../../data/types.js';
import type { TypedTable } from '../../data/tabular/types.js';
import type { TableTransformer } from '../../data/tabular/transform-types.js';
import type { DataInfo, LatentModel, LikelihoodModel, LossMode, TableModel, TableSampleOptions } from '../types.js';
import { gumbelNoise, sliceSpan, spanOffsets, tvaeReconstruction } from './span-ops.js';
import { rejectionSample, resolveConditions } from './conditions.js';
import type { TvaeModelConfig } from './tvae-config.js';

/** The σ bounds TVAE clamps its learnt scales into after every step. */
export const SIGMA_RANGE: [number, number] = [0.01, 1];

function mlp(input: tfl.SymbolicTensor, widths: number[]): tfl.SymbolicTensor {
  let h = input;
  for (const units of widths) h = tfl.layers.dense({ units, activation: 'relu' }).apply(h) as tfl.SymbolicTensor;
  return h;
}

/** The table transformer a tabular model is built on; a clear error when the data are not a table. */
export function tableOf(data: DataInfo, model: string): TableTransformer {
  if (data.kind !== 'table' || !data.table) throw new Error(`${model} trains on tables: pass a CSV or ARFF file with --data FILE (data.name=table).`);
  return data.table;
}

/** TVAE: encoder q(z|x) = N(μ, σ²), decoder logits/values with learnt per-value σ, standard-normal prior. */
export class Tvae implements LikelihoodModel, LatentModel, TableModel {
  readonly networks: { decoder: tfl.LayersModel; encoder: tfl.LayersModel; sigma: tfl.LayersModel };
  readonly latentDim: number;
  readonly transformer: TableTransformer;
  private readonly one = tf.keep(tf.ones([1, 1]));

  constructor(private cfg: TvaeModelConfig, data: DataInfo) {
    this.transformer = tableOf(data, 'TVAE');
    const d = this.transformer.dim;
    this.latentDim = cfg.embeddingDim;
    const x = tfl.input({ shape: [d] });
    const enc = tfl.layers.dense({ units: 2 * cfg.embeddingDim }).apply(mlp(x, cfg.compressDims)) as tfl.SymbolicTensor; // [B, 2E]: μ, log σ²
    const encoder = tfl.model({ inputs: x, outputs: enc, name: 'encoder' });
    const z = tfl.input({ shape: [cfg.embeddingDim] });
    const out = tfl.layers.dense({ units: d }).apply(mlp(z, cfg.decompressDims)) as tfl.SymbolicTensor; // [B, D] raw
    const decoder = tfl.model({ inputs: z, outputs: out, name: 'decoder' });
    // σ as a bias-free dense layer on a constant 1: a plain weight vector [1, D] that stock tfjs loads
    const unit = tfl.input({ shape: [1] });
    const s = tfl.layers.dense({ units: d, useBias: false, name: 'sigma_scale' }).apply(unit) as tfl.SymbolicTensor;
    const sigma = tfl.model({ inputs: unit, outputs: s, name: 'sigma' });
    sigma.trainable = cfg.learnSigma;
    this.networks = { decoder, encoder, sigma };
  }

  /** The learnt scales σ [rows, D] (every row the same; only value spans' entries are used). */
  sigma(rows = 1): tf.Tensor {
    return this.networks.sigma.apply(rows === 1 ? this.one : tf.ones([rows, 1])) as tf.Tensor;
  }

  /** Sets σ to `cfg.initialSigma` everywhere (the reference's `ones(D) · 0.1`); called after weight init. */
  resetSigma(): void {
    const w = this.networks.sigma.getLayer('sigma_scale').getWeights()[0];
    const v = tf.fill(w.shape, this.cfg.initialSigma);
    this.networks.sigma.getLayer('sigma_scale').setWeights([v]);
    v.dispose();
  }

  afterStep(): void {
    const layer = this.networks.sigma.getLayer('sigma_scale');
    const [w] = layer.getWeights();
    const clamped = tf.clipByValue(w, SIGMA_RANGE[0], SIGMA_RANGE[1]);
    layer.setWeights([clamped]);
    clamped.dispose();
  }

  private posterior(x: tf.Tensor, training: boolean): { mu: tf.Tensor; logvar: tf.Tensor } {
    const [mu, logvar] = tf.split(this.networks.encoder.apply(x, { training }) as tf.Tensor, 2, 1); // [B, E] each
    return { mu, logvar };
  }

  /**
   * The ctgan package's TVAE objective per example: factor · (Σ value terms + Σ one-hot cross-entropies)/B
   * + KL(q(z|x) ‖ N(0, I))/B, with z = μ + σ·ε.
   */
  loss(batch: Batch, rng: Rng = new Rng(1), _mode: LossMode = 'train'): { loss: tf.Scalar; parts: Record<string, tf.Scalar> } {
    const x = batch.x; // [B, D] encoded rows
    const b = x.shape[0];
    const { mu, logvar } = this.posterior(x, true);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), rng.normalTensor(mu.shape))); // [B, E]
    const raw = this.networks.decoder.apply(z, { training: true }) as tf.Tensor; // [B, D]
    const recon = tf.div(tf.mul(tvaeReconstruction(raw, x, this.sigma(b), this.transformer.spans), this.cfg.lossFactor), b) as tf.Scalar;
    const kl = tf.div(tf.mul(tf.sum(tf.sub(tf.add(1, logvar), tf.add(tf.square(mu), tf.exp(logvar)))), -0.5), b) as tf.Scalar;
    return { loss: tf.add(recon, kl) as tf.Scalar, parts: { recon, kl } };
  }

  encode(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.posterior(x, false).mu);
  }

  /**
   * Data-space rows [n, D]: tanh on value spans; one-hot spans keep their logits. (The reference takes tanh
   * of every output before the argmax, but float32 tanh is exactly 1 above ≈ 9, so large logits tie and
   * the argmax falls to the lowest category code: on Adult that moved 25 % of rows from HS-grad to 11th.)
   */
  decode(z: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const raw = this.networks.decoder.apply(z) as tf.Tensor; // [n, D]
      return tf.concat(spanOffsets(this.transformer.spans).map(({ span, offset }) => (span.activation === 'tanh' ? tf.tanh(sliceSpan(raw, offset, span.dim)) : sliceSpan(raw, offset, span.dim))), 1);
    });
  }

  /** Encoded synthetic rows [n, D], value spans with the learnt σ's noise added (as the reference's inverse transform). */
  sample(n: number, rng: Rng): tf.Tensor {
    return tf.tidy(() => {
      const fake = this.decode(rng.normalTensor([n, this.latentDim])); // [n, D]
      const sigma = this.sigma(); // [1, D]
      const d = this.transformer.dim;
      const valueMask = new Float32Array(d);
      for (const { span, offset } of spanOffsets(this.transformer.spans)) if (span.activation === 'tanh') valueMask.fill(1, offset, offset + span.dim);
      const noise = tf.mul(tf.mul(rng.normalTensor([n, d]), sigma), tf.tensor2d(valueMask, [1, d]));
      const rows = tf.add(fake, noise);
      if (this.cfg.categories === 'argmax') return rows;
      // Gumbel-max: the argmax of logits + Gumbel noise is a draw from their softmax, so the inverse
      // transform's argmax samples p(category | z).
      const logitMask = tf.sub(1, tf.tensor2d(valueMask, [1, d]));
      return tf.add(rows, tf.mul(gumbelNoise([n, d], rng), logitMask));
    });
  }

  sampleTable(n: number, rng: Rng, opts: TableSampleOptions = {}): TypedTable {
    const conds = resolveConditions(this.transformer.schema, opts.condition);
    return rejectionSample(n, conds, this.transformer.schema, (k) => {
      const x = this.sample(k, rng);
      try {
        return this.transformer.inverse(x.dataSync() as Float32Array, k);
      } finally {
        x.dispose();
      }
    });
  }

  dispose(): void {
    Object.values(this.networks).forEach((m) => m.dispose());
    this.one.dispose();
  }
}
