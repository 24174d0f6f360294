// A GAN as pure networks (Goodfellow et al. 2014): latent prior, generator, discriminator with packing
// (PacGAN, Lin et al. 2018) and label conditioning (cGAN, Mirza & Osindero 2014; projection D).
import { tf, tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import type { DataInfo, SampleOptions } from '../types.js';
import type { AdversarialModel, DiscriminatorOutput } from './types.js';
import { buildDiscriminator, buildGenerator, resolveArch, type GanNetConfig } from './networks.js';

/** GAN model settings (the `model` section of a GAN config). */
export type GanModelConfig = GanNetConfig;

/** Generator + discriminator; images live in [−1, 1] inside the model (tanh output), vectors are divided by model.dataScale. */
export class Gan implements AdversarialModel {
  readonly networks: { generator: tfl.LayersModel; discriminator: tfl.LayersModel };
  readonly latentDim: number;
  readonly conditional: boolean;
  readonly pac: number;
  readonly numClasses: number;
  readonly batchIndependent: boolean;
  private readonly image: boolean;
  private readonly conv: boolean;
  private readonly scale: number;

  constructor(cfg: GanModelConfig, data: DataInfo, conditional: boolean) {
    if (conditional && !(data.numClasses && data.numClasses > 1)) {
      throw new Error('A conditional GAN needs a labelled dataset (numClasses ≥ 2), e.g. mnist.');
    }
    if (conditional && cfg.pac > 1) throw new Error('Packing (model.pac > 1) is not supported for conditional GANs; set model.pac=1.');
    this.latentDim = cfg.latentDim;
    this.conditional = conditional;
    this.pac = cfg.pac;
    this.numClasses = conditional ? data.numClasses! : 0;
    this.batchIndependent = cfg.dNorm !== 'batch' && cfg.minibatchStddev === 0 && cfg.minibatchDiscrimination === 0;
    this.image = data.kind === 'image';
    this.scale = cfg.dataScale;
    this.conv = resolveArch(cfg, data) === 'dcgan';
    this.networks = {
      generator: buildGenerator(cfg, data, this.numClasses),
      discriminator: buildDiscriminator(cfg, data, this.numClasses),
    };
  }

  sampleLatent(n: number, rng: Rng): tf.Tensor {
    return rng.normalTensor([n, this.latentDim]); // [n, L]
  }

  toModelSpace(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => (this.image ? tf.sub(tf.mul(x, 2), 1) : tf.div(x, this.scale)));
  }

  /** Inverse of toModelSpace (images back to [0, 1]). */
  toDataSpace(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => (this.image ? tf.clipByValue(tf.div(tf.add(x, 1), 2), 0, 1) : tf.mul(x, this.scale)));
  }

  private oneHot(labels: tf.Tensor | undefined, n: number): tf.Tensor {
    if (!labels) throw new Error('This GAN is conditional: pass class labels (batch.y or sample({ labels })).');
    if (labels.shape[0] !== n) throw new Error(`Got ${labels.shape[0]} labels for ${n} examples.`);
    return tf.oneHot(tf.cast(tf.reshape(labels, [n]), 'int32'), this.numClasses); // [n, K]
  }

  generate(z: tf.Tensor, labels: tf.Tensor | undefined, training: boolean): tf.Tensor {
    return tf.tidy(() => {
      const input = this.conditional ? [z, this.oneHot(labels, z.shape[0])] : z;
      return this.networks.generator.apply(input, { training }) as tf.Tensor; // [n, ...shape]
    });
  }

  /** Stacks groups of `pac` consecutive examples into one discriminator input. */
  private pack(x: tf.Tensor): tf.Tensor {
    const b = x.shape[0];
    if (b % this.pac !== 0) throw new Error(`Batch size ${b} is not divisible by the packing degree model.pac=${this.pac}.`);
    if (!this.conv) return tf.reshape(x, [b / this.pac, -1]); // [B/pac, pac·D]
    if (this.pac === 1) return x;
    const [h, w, c] = x.shape.slice(1);
    const grouped = tf.reshape(x, [b / this.pac, this.pac, h, w, c]);
    return tf.reshape(tf.transpose(grouped, [0, 2, 3, 1, 4]), [b / this.pac, h, w, this.pac * c]); // [B/pac, H, W, pac·C]
  }

  discriminate(x: tf.Tensor, labels: tf.Tensor | undefined, training: boolean): DiscriminatorOutput {
    return tf.tidy(() => {
      const packed = this.pack(x);
      const input = this.conditional ? [packed, this.oneHot(labels, packed.shape[0])] : packed;
      const [logit, features] = this.networks.discriminator.apply(input, { training }) as tf.Tensor[];
      return { logits: tf.reshape(logit, [-1]), features }; // [B'], [B', F]
    });
  }

  /**
   * n samples in data space. Conditional models take `opts.labels`; by default sample i gets its row
   * in a ⌈√n⌉-column grid (mod K), so `genlab sample --n 100` draws one row per MNIST digit.
   */
  sample(n: number, rng: Rng, opts: SampleOptions = {}): tf.Tensor {
    let labels: number[] | undefined;
    if (this.conditional) {
      const cols = Math.ceil(Math.sqrt(n));
      labels = opts.labels ?? Array.from({ length: n }, (_, i) => Math.floor(i / cols) % this.numClasses);
      if (labels.length !== n) throw new Error(`sample(${n}) got ${labels.length} labels; pass one label per sample.`);
      const bad = labels.find((l) => !Number.isInteger(l) || l < 0 || l >= this.numClasses);
      if (bad !== undefined) throw new Error(`Label ${bad} is out of range; this model has classes 0…${this.numClasses - 1}.`);
    } else if (opts.labels) {
      throw new Error('This GAN is unconditional; it takes no labels.');
    }
    return tf.tidy(() => {
      const z = tf.mul(this.sampleLatent(n, rng), opts.temperature ?? 1);
      const y = labels ? tf.tensor1d(labels, 'int32') : undefined;
      return this.toDataSpace(this.generate(z, y, false));
    });
  }

  dispose(): void {
    this.networks.generator.dispose();
    this.networks.discriminator.dispose();
  }
}
