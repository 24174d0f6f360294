// The variational autoencoder (Kingma & Welling 2014) with the β weight of Higgins et al. 2017, the
// capacity annealing of Burgess et al. 2018, label conditioning (CVAE, Sohn et al. 2015) and the
// importance-weighted bound of Burda et al. 2016 for log-likelihood estimates.
import { tf, tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import type { Batch } from '../../data/types.js';
import type { DataInfo, ImportanceWeightedModel, LatentModel, LikelihoodModel, SampleOptions } from '../types.js';
import { buildDecoder, buildEncoder } from './networks.js';
import {
  bernoulliLogLik,
  diagGaussianLogDensityFromEps,
  gaussianKl,
  gaussianLogLik,
  standardNormalLogDensity,
} from './likelihoods.js';
import type { VaeModelConfig } from './config.js';

/** VAE model settings (the `model` section; inferred from the schema in config.ts). */
export type { VaeModelConfig };

/** Target KL C(step) = capacity · min(1, step / capacitySteps) (Burgess et al. 2018, eq. 8); no step → the final C. */
export function capacityAt(cfg: Pick<VaeModelConfig, 'capacity' | 'capacitySteps'>, step?: number): number {
  const cmax = cfg.capacity ?? 0;
  if (step === undefined || !(cfg.capacitySteps && cfg.capacitySteps > 0)) return cmax;
  return cmax * Math.min(1, step / cfg.capacitySteps);
}

/**
 * A VAE: encoder q(z|x) = N(μ, σ²), prior N(0, I), Bernoulli or Gaussian decoder p(x|z). A conditional
 * VAE (numClasses > 0) models q(z|x, y) and p(x|z, y); its labels come from batch.y / sample({ labels }).
 */
export class Vae implements LikelihoodModel, LatentModel, ImportanceWeightedModel {
  readonly networks: { decoder: tfl.LayersModel; encoder: tfl.LayersModel };
  readonly latentDim: number;
  /** Number of label classes of a conditional VAE (0 = unconditional). */
  readonly numClasses: number;
  private readonly squashMean: boolean;

  constructor(private cfg: VaeModelConfig, data: DataInfo, opts: { conditional?: boolean } = {}) {
    if (opts.conditional && !(data.numClasses && data.numClasses > 1)) {
      throw new Error('A conditional VAE needs a labelled dataset (numClasses ≥ 2), e.g. mnist.');
    }
    this.latentDim = cfg.latentDim;
    this.numClasses = opts.conditional ? data.numClasses! : 0;
    this.networks = { decoder: buildDecoder(cfg, data, this.numClasses), encoder: buildEncoder(cfg, data, this.numClasses) };
    // image means live in [0, 1]; other data (tables, points) are unbounded
    this.squashMean = data.kind === 'image';
  }

  /** One-hot labels [n, K] of a conditional VAE; throws a teaching error when they are missing. */
  private oneHot(labels: tf.Tensor | undefined, n: number): tf.Tensor {
    if (!labels) throw new Error('This VAE is conditional: pass class labels (batch.y, encode(x, y) or sample({ labels })).');
    if (labels.shape[0] !== n) throw new Error(`Got ${labels.shape[0]} labels for ${n} examples.`);
    return tf.oneHot(tf.cast(tf.reshape(labels, [n]), 'int32'), this.numClasses); // [n, K]
  }

  private withLabel(t: tf.Tensor, labels: tf.Tensor | undefined): tf.Tensor | tf.Tensor[] {
    return this.numClasses > 0 ? [t, this.oneHot(labels, t.shape[0])] : t;
  }

  /** Splits the encoder output into μ and log σ², each [B, L]; `labels` [B] for a conditional VAE. */
  posterior(x: tf.Tensor, training = false, labels?: tf.Tensor): { mu: tf.Tensor; logvar: tf.Tensor } {
    const h = this.networks.encoder.apply(this.withLabel(x, labels), { training }) as tf.Tensor; // [B, 2L]
    const [mu, logvar] = tf.split(h, 2, 1);
    return { mu, logvar };
  }

  private decoderOut(z: tf.Tensor, training = false, labels?: tf.Tensor): tf.Tensor {
    return this.networks.decoder.apply(this.withLabel(z, labels), { training }) as tf.Tensor; // [B, ...shape]
  }

  /** log p(x|z) per example from the decoder's raw output. */
  private logLik(x: tf.Tensor, out: tf.Tensor): tf.Tensor {
    if (this.cfg.decoder === 'bernoulli') return bernoulliLogLik(x, out);
    return gaussianLogLik(x, this.squashMean ? tf.sigmoid(out) : out, this.cfg.decoderStd);
  }

  /**
   * Negative β-ELBO averaged over the batch, in nats per example:
   * loss = mean_b [ −E_q log p(x_b|z) + β · KL(q(z|x_b) ‖ p(z)) ], one reparameterised z per example.
   * Sign: minimised; with β = 1 it upper-bounds −log p(x). With capacity annealing on (Burgess et al.
   * 2018, eq. 8) the KL term is γ·|KL − C(step)| instead of β·KL.
   */
  loss(batch: Batch, rng: Rng, _mode?: string, step?: number): { loss: tf.Scalar; parts: Record<string, tf.Scalar> } {
    const x = batch.x;
    const { mu, logvar } = this.posterior(x, true, batch.y);
    const eps = rng.normalTensor(mu.shape); // [B, L]
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)); // reparameterisation
    const rec = tf.neg(this.logLik(x, this.decoderOut(z, true, batch.y))); // [B]
    const kl = gaussianKl(mu, logvar); // [B]
    const recon = tf.mean(rec) as tf.Scalar;
    const klMean = tf.mean(kl) as tf.Scalar;
    if ((this.cfg.capacity ?? 0) > 0) {
      const c = capacityAt(this.cfg, step);
      const loss = tf.add(recon, tf.mul(tf.abs(tf.sub(klMean, c)), this.cfg.gamma ?? 1000)) as tf.Scalar;
      return { loss, parts: { recon, kl: klMean, capacity: tf.scalar(c) } };
    }
    const loss = tf.add(recon, tf.mul(klMean, this.cfg.beta)) as tf.Scalar;
    return { loss, parts: { recon, kl: klMean } };
  }

  /** Posterior means μ(x) [B, L]; a conditional VAE also needs the labels [B]. */
  encode(x: tf.Tensor, labels?: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.posterior(x, false, labels).mu);
  }

  /** Decoded data-space means for latents z [B, L] (and labels [B] for a conditional VAE). */
  decode(z: tf.Tensor, labels?: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const out = this.decoderOut(z, false, labels);
      return this.cfg.decoder === 'bernoulli' || this.squashMean ? tf.sigmoid(out) : out;
    });
  }

  /**
   * Decoded means of n prior draws z ~ N(0, t²·I). A conditional VAE takes `opts.labels`; by default
   * sample i gets label ⌊i / cols⌋ mod K with cols = ⌈√n⌉, so a square grid shows one class per row.
   */
  sample(n: number, rng: Rng, opts: SampleOptions = {}): tf.Tensor {
    let labels: number[] | undefined;
    if (this.numClasses > 0) {
      const cols = Math.ceil(Math.sqrt(n));
      labels = opts.labels ?? Array.from({ length: n }, (_, i) => Math.floor(i / cols) % this.numClasses);
      if (labels.length !== n) throw new Error(`sample(${n}) got ${labels.length} labels; pass one label per sample.`);
      const bad = labels.find((l) => !Number.isInteger(l) || l < 0 || l >= this.numClasses);
      if (bad !== undefined) throw new Error(`Label ${bad} is not a class index in 0..${this.numClasses - 1}.`);
    } else if (opts.labels) {
      throw new Error('This VAE is unconditional; it takes no labels (use the cvae model).');
    }
    return tf.tidy(() => {
      const z = tf.mul(rng.normalTensor([n, this.latentDim]), opts.temperature ?? 1); // [n, L]
      return this.decode(z, labels ? tf.tensor1d(labels, 'int32') : undefined);
    });
  }

  /**
   * IWAE estimate log p(x) ≈ log (1/k) Σ_i p(x, z_i) / q(z_i|x), z_i ~ q(z|x) (Burda et al. 2016, eq. 8).
   * Returns [B] nats; memory grows with B·k, so callers chunk B. A conditional VAE gives log p(x|y).
   */
  logLikelihood(x: tf.Tensor, k: number, rng: Rng, labels?: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const b = x.shape[0];
      const L = this.latentDim;
      const { mu, logvar } = this.posterior(x, false, labels);
      const rep = (t: tf.Tensor) => tf.reshape(tf.tile(tf.expandDims(t, 1), [1, k, ...t.shape.slice(1).map(() => 1)]), [b * k, ...t.shape.slice(1)]);
      const muK = rep(mu); // [B·k, L]
      const logvarK = rep(logvar);
      const eps = rng.normalTensor([b * k, L]);
      const z = tf.add(muK, tf.mul(tf.exp(tf.mul(logvarK, 0.5)), eps));
      const yK = labels ? tf.reshape(tf.tile(tf.reshape(labels, [b, 1]), [1, k]), [b * k]) : undefined; // [B·k]
      const logPxz = this.logLik(rep(x), this.decoderOut(z, false, yK)); // [B·k]
      const logW = tf.sub(tf.add(logPxz, standardNormalLogDensity(z)), diagGaussianLogDensityFromEps(eps, logvarK));
      return tf.sub(tf.logSumExp(tf.reshape(logW, [b, k]), 1), Math.log(k)); // [B]
    });
  }

  dispose(): void {
    this.networks.encoder.dispose();
    this.networks.decoder.dispose();
  }
}
