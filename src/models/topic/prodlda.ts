// ProdLDA, a neural topic model (Srivastava & Sutton 2017, "Autoencoding Variational Inference for
// Topic Models"): a VAE on bag-of-words with a logistic-normal (Laplace-approximated Dirichlet) prior.
import { tf, tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import type { Batch } from '../../data/types.js';
import type { DataInfo, LatentModel, LikelihoodModel, SampleOptions } from '../types.js';
import { logSoftmax } from '../../engine/ops.js';
import type { ProdLdaModelConfig } from './config.js';

/** ProdLDA settings (the `model` section; inferred from the schema in config.ts). */
export type { ProdLdaModelConfig };

/**
 * Laplace approximation of Dirichlet(α·1_K) in the softmax basis (Srivastava & Sutton 2017, eq. 3):
 * μ₀ = 0 and σ₀² = (1/α)(1 − 2/K) + 1/(K·α) for every component.
 */
export function logisticNormalPrior(alpha: number, k: number): { mu: number; variance: number } {
  return { mu: 0, variance: (1 / alpha) * (1 - 2 / k) + 1 / (k * alpha) };
}

/** KL(N(μ, σ²) ‖ N(μ₀, σ₀²)) per example [B], summed over the K components. */
export function gaussianKlToPrior(mu: tf.Tensor, logvar: tf.Tensor, mu0: number, var0: number): tf.Tensor {
  const term = tf.add(tf.div(tf.add(tf.exp(logvar), tf.square(tf.sub(mu, mu0))), var0), tf.sub(Math.log(var0) - 1, logvar)); // [B, K]
  return tf.mul(tf.sum(term, 1), 0.5);
}

/** ProdLDA: q(z|w) = N(μ, σ²) from word counts; θ = softmax(z); p(w|θ) = softmax(θ·β + b) (a product of experts). */
export class ProdLda implements LikelihoodModel, LatentModel {
  readonly networks: { decoder: tfl.LayersModel; encoder: tfl.LayersModel };
  readonly latentDim: number;
  private readonly prior: { mu: number; variance: number };

  constructor(private cfg: ProdLdaModelConfig, data: DataInfo) {
    if (data.kind !== 'vector' || data.shape.length !== 1) throw new Error('ProdLDA trains on bag-of-words vectors (data.name=bow).');
    const v = data.shape[0];
    this.latentDim = cfg.topics;
    this.prior = logisticNormalPrior(cfg.alpha, cfg.topics);
    const input = tfl.input({ shape: [v] });
    let h: tfl.SymbolicTensor = input;
    for (const units of cfg.hidden) h = tfl.layers.dense({ units, activation: 'softplus' }).apply(h) as tfl.SymbolicTensor;
    const encOut = tfl.layers.dense({ units: 2 * cfg.topics }).apply(h) as tfl.SymbolicTensor; // [B, 2K]
    const encoder = tfl.model({ inputs: input, outputs: encOut, name: 'encoder' });
    const theta = tfl.input({ shape: [cfg.topics] });
    const logits = tfl.layers.dense({ units: v, name: 'topic_word' }).apply(theta) as tfl.SymbolicTensor; // [B, V]: θ·β + b
    const decoder = tfl.model({ inputs: theta, outputs: logits, name: 'decoder' });
    this.networks = { decoder, encoder };
  }

  private posterior(x: tf.Tensor, training: boolean): { mu: tf.Tensor; logvar: tf.Tensor } {
    // log(1 + counts) keeps long paragraphs from saturating the softplus layers
    const [mu, logvar] = tf.split(this.networks.encoder.apply(tf.log1p(x), { training }) as tf.Tensor, 2, 1); // [B, K] each
    return { mu, logvar };
  }

  /** Scaled topic proportions c·softmax(z) [B, K], the decoder's input. */
  private theta(z: tf.Tensor): tf.Tensor {
    const c = this.cfg.thetaScale ?? 1;
    return c === 1 ? tf.softmax(z) : tf.mul(tf.softmax(z), c);
  }

  /**
   * Negative ELBO per document, averaged over the batch (nats):
   * loss = mean_b [ −Σ_v n_bv · log softmax(θ_b·β + b)_v + w·KL(q(z|w_b) ‖ N(μ₀, σ₀²)) ], θ_b = softmax(z_b),
   * with w = min(1, step / klWarmup) during warm-up and 1 otherwise (and in evaluation).
   */
  loss(batch: Batch, rng: Rng, _mode?: string, step?: number): { loss: tf.Scalar; parts: Record<string, tf.Scalar> } {
    const x = batch.x; // [B, V] counts
    const { mu, logvar } = this.posterior(x, true);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), rng.normalTensor(mu.shape))); // [B, K]
    const logp = logSoftmax(this.networks.decoder.apply(this.theta(z), { training: true }) as tf.Tensor); // [B, V]
    const recon = tf.mean(tf.neg(tf.sum(tf.mul(x, logp), 1))) as tf.Scalar;
    const kl = tf.mean(gaussianKlToPrior(mu, logvar, this.prior.mu, this.prior.variance)) as tf.Scalar;
    const w = step !== undefined && (this.cfg.klWarmup ?? 0) > 0 ? Math.min(1, step / this.cfg.klWarmup!) : 1;
    return { loss: tf.add(recon, tf.mul(kl, w)) as tf.Scalar, parts: { recon, kl } };
  }

  /** Posterior means of the topic logits [B, K]. */
  encode(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.posterior(x, false).mu);
  }

  /** Topic proportions θ = softmax(μ) [B, K] for documents x [B, V]. */
  topicProportions(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.softmax(this.encode(x)));
  }

  /** Word distributions softmax(softmax(z)·β + b) [B, V] for topic logits z [B, K]. */
  decode(z: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.exp(logSoftmax(this.networks.decoder.apply(this.theta(z)) as tf.Tensor)));
  }

  /** Word distributions [n, V] of n documents with z drawn from the prior (scaled by the temperature). */
  sample(n: number, rng: Rng, opts: SampleOptions = {}): tf.Tensor {
    return tf.tidy(() => {
      const sd = Math.sqrt(this.prior.variance) * (opts.temperature ?? 1);
      return this.decode(tf.add(tf.mul(rng.normalTensor([n, this.latentDim]), sd), this.prior.mu));
    });
  }

  /** The topic–word weights β [K, V] (row k scores every word for topic k). */
  topicWordWeights(): Float32Array {
    const kernel = this.networks.decoder.getLayer('topic_word').getWeights()[0]; // [K, V]
    return kernel.dataSync() as Float32Array;
  }

  dispose(): void {
    this.networks.encoder.dispose();
    this.networks.decoder.dispose();
  }
}

/** Indices of the `top` largest weights of each row of β [K, V], best first. */
export function topWordIds(beta: Float32Array, k: number, top: number): number[][] {
  const v = beta.length / k;
  return Array.from({ length: k }, (_, t) => {
    const row = beta.subarray(t * v, (t + 1) * v);
    return Array.from(row.keys()).sort((a, b) => row[b] - row[a] || a - b).slice(0, top);
  });
}
