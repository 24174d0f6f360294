// CTGAN (Xu et al. 2019, "Modeling Tabular Data using Conditional GAN"; the ctgan package's ctgan.py):
// a residual generator with a conditional vector, Gumbel-softmax one-hots and a packed WGAN-GP critic.
import { tf, tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import { dropout } from '../../nn/dropout.js';
import { logSoftmax } from '../../engine/ops.js';
import type { TypedTable } from '../../data/tabular/types.js';
import type { TableTransformer } from '../../data/tabular/transform-types.js';
import type { DataInfo, TableSampleOptions } from '../types.js';
import type { ConditionalTableGan } from './types.js';
import { activateSpans, sliceSpan } from './span-ops.js';
import { rejectionSample, resolveConditions } from './conditions.js';
import { tableOf } from './tvae.js';
import type { CtganModelConfig } from './ctgan-config.js';

/** CTGAN: networks plus the maths the training-by-sampling recipe and the samplers use. */
export class Ctgan implements ConditionalTableGan {
  readonly networks: { generator: tfl.LayersModel; discriminator: tfl.LayersModel; frequencies: tfl.LayersModel };
  readonly transformer: TableTransformer;
  /** Width of the conditional vector: the sum of the discrete columns' category counts (0: none). */
  readonly condDim: number;
  /** Offset of each discrete span in the conditional vector. */
  readonly condOffsets: number[];
  readonly latentDim: number;
  readonly pac: number;
  readonly gpLambda: number;
  readonly logFrequency: boolean;

  constructor(readonly cfg: CtganModelConfig, data: DataInfo) {
    this.transformer = tableOf(data, 'CTGAN');
    const spans = this.transformer.discreteSpans;
    this.condOffsets = [];
    let c = 0;
    for (const s of spans) {
      this.condOffsets.push(c);
      c += s.size;
    }
    this.condDim = c;
    this.latentDim = cfg.embeddingDim;
    this.pac = cfg.pac;
    this.gpLambda = cfg.gpLambda;
    this.logFrequency = cfg.logFrequency;
    const d = this.transformer.dim;
    // generator: Residual(i, o) = concat(ReLU(BN(Linear(h))), h), then Linear to the encoded row
    const zc = tfl.input({ shape: [cfg.embeddingDim + c] });
    let h: tfl.SymbolicTensor = zc;
    for (const units of cfg.generatorDims) {
      const fc = tfl.layers.dense({ units }).apply(h) as tfl.SymbolicTensor;
      const bn = tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }).apply(fc) as tfl.SymbolicTensor; // torch momentum 0.1
      h = tfl.layers.concatenate().apply([tfl.layers.reLU().apply(bn) as tfl.SymbolicTensor, h]) as tfl.SymbolicTensor;
    }
    const generator = tfl.model({ inputs: zc, outputs: tfl.layers.dense({ units: d }).apply(h) as tfl.SymbolicTensor, name: 'generator' });
    // discriminator: its dense layers are applied one by one so dropout can draw from the seeded Rng
    const packed = tfl.input({ shape: [cfg.pac * (d + c)] });
    let g: tfl.SymbolicTensor = packed;
    cfg.discriminatorDims.forEach((units, i) => (g = tfl.layers.dense({ units, name: `d_dense_${i}` }).apply(g) as tfl.SymbolicTensor));
    const discriminator = tfl.model({ inputs: packed, outputs: tfl.layers.dense({ units: 1, name: 'd_out' }).apply(g) as tfl.SymbolicTensor, name: 'discriminator' });
    // the training table's category frequencies (sampling's conditional vector), held as a frozen weight so they are saved
    const unit = tfl.input({ shape: [1] });
    const freq = tfl.layers.dense({ units: Math.max(1, c), useBias: false, trainable: false, name: 'category_frequency' }).apply(unit) as tfl.SymbolicTensor;
    this.networks = { generator, discriminator, frequencies: tfl.model({ inputs: unit, outputs: freq, name: 'frequencies' }) };
  }

  /** Stores each discrete column's category counts (in conditional-vector order); the recipe calls it from the training table. */
  setCategoryCounts(counts: Float32Array): void {
    if (counts.length !== Math.max(1, this.condDim)) throw new Error(`CTGAN expects ${this.condDim} category counts, got ${counts.length}.`);
    const w = tf.tensor2d(counts, [1, counts.length]);
    this.networks.frequencies.getLayer('category_frequency').setWeights([w]);
    w.dispose();
  }

  /** The stored category counts [condDim]. */
  categoryCounts(): Float32Array {
    const [w] = this.networks.frequencies.getLayer('category_frequency').getWeights();
    return (w.dataSync() as Float32Array).slice(0, this.condDim);
  }

  /** Generator output for noise+condition zc [B, E + C]: raw logits/values [B, D] and activated rows [B, D]. */
  generate(zc: tf.Tensor, training: boolean, rng: Rng): { raw: tf.Tensor; rows: tf.Tensor } {
    return tf.tidy(() => {
      const raw = this.networks.generator.apply(zc, { training }) as tf.Tensor; // [B, D]
      return { raw, rows: activateSpans(raw, this.transformer.spans, this.cfg.tau, rng) };
    });
  }

  /** Critic scores [B/pac] of rows joined with their conditional vectors x [B, D + C]; dropout when `rng` is given. */
  discriminate(x: tf.Tensor, rng?: Rng): tf.Tensor {
    const [b, w] = x.shape;
    if (b % this.pac !== 0) throw new Error(`CTGAN packs ${this.pac} rows per critic input; a batch of ${b} rows is not a multiple (choose train.batchSize as a multiple of model.pac).`);
    let h = tf.reshape(x, [b / this.pac, this.pac * w]); // [B/pac, pac·(D+C)]
    this.cfg.discriminatorDims.forEach((_, i) => {
      h = dropout(tf.leakyRelu(this.networks.discriminator.getLayer(`d_dense_${i}`).apply(h) as tf.Tensor, this.cfg.leak), this.cfg.dropout, rng);
    });
    return tf.reshape(this.networks.discriminator.getLayer('d_out').apply(h) as tf.Tensor, [b / this.pac]);
  }

  /**
   * CTGAN's `_cond_loss`: per row, the cross-entropy of the raw output's span of the conditioned column
   * against the requested category, summed over rows and divided by B. `cond` [B, C] one-hot, `mask`
   * [B, S] one-hot over the discrete spans.
   */
  condLoss(raw: tf.Tensor, cond: tf.Tensor, mask: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      const losses = this.transformer.discreteSpans.map((s, j) => {
        const target = sliceSpan(cond, this.condOffsets[j], s.size); // [B, size]
        return tf.neg(tf.sum(tf.mul(target, logSoftmax(sliceSpan(raw, s.offset, s.size), -1)), 1)); // [B]
      });
      if (losses.length === 0) return tf.scalar(0);
      return tf.div(tf.sum(tf.mul(tf.stack(losses, 1), mask)), raw.shape[0]) as tf.Scalar;
    });
  }

  /**
   * Conditional vectors [n, C] for sampling: with a condition, that category's one-hot in every row;
   * otherwise CTGAN's `sample_original_condvec` — a category drawn ∝ its training frequency over all
   * discrete columns.
   */
  samplingCondition(n: number, rng: Rng, opts: TableSampleOptions = {}): tf.Tensor {
    const cond = new Float32Array(n * this.condDim);
    const conds = resolveConditions(this.transformer.schema, opts.condition);
    if (conds.length > 1) throw new Error('CTGAN conditions on one discrete column at a time (its conditional vector names one category).');
    if (conds.length === 1) {
      const j = this.transformer.discreteSpans.findIndex((s) => s.column === conds[0].column);
      for (let i = 0; i < n; i++) cond[i * this.condDim + this.condOffsets[j] + conds[0].code] = 1;
    } else if (this.condDim > 0) {
      const counts = this.categoryCounts();
      const total = counts.reduce((a, v) => a + v, 0);
      if (!(total > 0)) throw new Error('CTGAN has no category frequencies: the model was never fitted to a table.');
      for (let i = 0; i < n; i++) {
        let u = rng.uniform() * total;
        let k = 0;
        while (k < this.condDim - 1 && u >= counts[k]) u -= counts[k++];
        cond[i * this.condDim + k] = 1;
      }
    }
    return tf.tensor2d(cond, [n, this.condDim]);
  }

  /** Encoded synthetic rows [n, D] (Gumbel-softmax one-hots; argmax is taken on decoding). */
  sample(n: number, rng: Rng): tf.Tensor {
    return this.sampleEncoded(n, rng);
  }

  /** Encoded rows [n, D] drawn under an optional condition. */
  sampleEncoded(n: number, rng: Rng, opts?: TableSampleOptions): tf.Tensor {
    return tf.tidy(() => {
      const z = rng.normalTensor([n, this.latentDim]);
      const zc = this.condDim > 0 ? tf.concat([z, this.samplingCondition(n, rng, opts)], 1) : z;
      return this.generate(zc, false, rng).rows;
    });
  }

  /**
   * n rows; with a condition the conditional vector asks for it and rows that still miss it are
   * rejected (SDV's CTGANSynthesizer does the same), so every returned row meets it.
   */
  sampleTable(n: number, rng: Rng, opts: TableSampleOptions = {}): TypedTable {
    const conds = resolveConditions(this.transformer.schema, opts.condition);
    return rejectionSample(n, conds, this.transformer.schema, (k) => {
      const x = this.sampleEncoded(k, rng, opts);
      try {
        return this.transformer.inverse(x.dataSync() as Float32Array, k);
      } finally {
        x.dispose();
      }
    }, conds.length ? 1000 : n);
  }

  dispose(): void {
    Object.values(this.networks).forEach((m) => m.dispose());
  }
}
