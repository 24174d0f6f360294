// The variational autoencoder (Kingma & Welling 2014) with the β weight of Higgins et al. 2017 and
// the importance-weighted bound of Burda et al. 2016 for log-likelihood estimates.
import { tf, tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import type { Batch } from '../../data/types.js';
import type { DataInfo, ImportanceWeightedModel, LatentModel, LikelihoodModel, SampleOptions } from '../types.js';
import { buildDecoder, buildEncoder, type VaeNetConfig } from './networks.js';
import {
  bernoulliLogLik,
  diagGaussianLogDensityFromEps,
  gaussianKl,
  gaussianLogLik,
  standardNormalLogDensity,
} from './likelihoods.js';

/** VAE model settings (the `model` section of its config). */
export interface VaeModelConfig extends VaeNetConfig {
  decoder: 'bernoulli' | 'gaussian';
  /** Fixed standard deviation of the Gaussian decoder. */
  decoderStd: number;
  /** Weight of the KL term (β-VAE); 1 gives the ELBO. */
  beta: number;
}

/** A VAE: encoder q(z|x) = N(μ, σ²), prior N(0, I), Bernoulli or Gaussian decoder p(x|z). */
export class Vae implements LikelihoodModel, LatentModel, ImportanceWeightedModel {
  readonly networks: { decoder: tfl.LayersModel; encoder: tfl.LayersModel };
  readonly latentDim: number;
  private readonly squashMean: boolean;

  constructor(private cfg: VaeModelConfig, data: DataInfo) {
    this.latentDim = cfg.latentDim;
    this.networks = { decoder: buildDecoder(cfg, data), encoder: buildEncoder(cfg, data) };
    // image means live in [0, 1]; other data (tables, points) are unbounded
    this.squashMean = data.kind === 'image';
  }

  /** Splits the encoder output into μ and log σ², each [B, L]. */
  posterior(x: tf.Tensor, training = false): { mu: tf.Tensor; logvar: tf.Tensor } {
    const h = this.networks.encoder.apply(x, { training }) as tf.Tensor; // [B, 2L]
    const [mu, logvar] = tf.split(h, 2, 1);
    return { mu, logvar };
  }

  private decoderOut(z: tf.Tensor, training = false): tf.Tensor {
    return this.networks.decoder.apply(z, { training }) as tf.Tensor; // [B, ...shape]
  }

  /** log p(x|z) per example from the decoder's raw output. */
  private logLik(x: tf.Tensor, out: tf.Tensor): tf.Tensor {
    if (this.cfg.decoder === 'bernoulli') return bernoulliLogLik(x, out);
    return gaussianLogLik(x, this.squashMean ? tf.sigmoid(out) : out, this.cfg.decoderStd);
  }

  /**
   * Negative β-ELBO averaged over the batch, in nats per example:
   * loss = mean_b [ −E_q log p(x_b|z) + β · KL(q(z|x_b) ‖ p(z)) ], one reparameterised z per example.
   * Sign: minimised; with β = 1 it upper-bounds −log p(x).
   */
  loss(batch: Batch, rng: Rng): { loss: tf.Scalar; parts: Record<string, tf.Scalar> } {
    const x = batch.x;
    const { mu, logvar } = this.posterior(x, true);
    const eps = rng.normalTensor(mu.shape); // [B, L]
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), eps)); // reparameterisation
    const rec = tf.neg(this.logLik(x, this.decoderOut(z, true))); // [B]
    const kl = gaussianKl(mu, logvar); // [B]
    const recon = tf.mean(rec) as tf.Scalar;
    const klMean = tf.mean(kl) as tf.Scalar;
    const loss = tf.add(recon, tf.mul(klMean, this.cfg.beta)) as tf.Scalar;
    return { loss, parts: { recon, kl: klMean } };
  }

  /** Posterior means μ(x) [B, L]. */
  encode(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.posterior(x).mu);
  }

  /** Decoded data-space means for latents z [B, L]. */
  decode(z: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const out = this.decoderOut(z);
      return this.cfg.decoder === 'bernoulli' || this.squashMean ? tf.sigmoid(out) : out;
    });
  }

  /** Decoded means of n prior draws z ~ N(0, t²·I). */
  sample(n: number, rng: Rng, opts: SampleOptions = {}): tf.Tensor {
    return tf.tidy(() => this.decode(tf.mul(rng.normalTensor([n, this.latentDim]), opts.temperature ?? 1)));
  }

  /**
   * IWAE estimate log p(x) ≈ log (1/k) Σ_i p(x, z_i) / q(z_i|x), z_i ~ q(z|x) (Burda et al. 2016, eq. 8).
   * Returns [B] nats; memory grows with B·k, so callers chunk B.
   */
  logLikelihood(x: tf.Tensor, k: number, rng: Rng): tf.Tensor {
    return tf.tidy(() => {
      const b = x.shape[0];
      const L = this.latentDim;
      const { mu, logvar } = this.posterior(x);
      const rep = (t: tf.Tensor) => tf.reshape(tf.tile(tf.expandDims(t, 1), [1, k, ...t.shape.slice(1).map(() => 1)]), [b * k, ...t.shape.slice(1)]);
      const muK = rep(mu); // [B·k, L]
      const logvarK = rep(logvar);
      const eps = rng.normalTensor([b * k, L]);
      const z = tf.add(muK, tf.mul(tf.exp(tf.mul(logvarK, 0.5)), eps));
      const logPxz = this.logLik(rep(x), this.decoderOut(z)); // [B·k]
      const logW = tf.sub(tf.add(logPxz, standardNormalLogDensity(z)), diagGaussianLogDensityFromEps(eps, logvarK));
      return tf.sub(tf.logSumExp(tf.reshape(logW, [b, k]), 1), Math.log(k)); // [B]
    });
  }

  dispose(): void {
    this.networks.encoder.dispose();
    this.networks.decoder.dispose();
  }
}
