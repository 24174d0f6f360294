// The contract between adversarially trained models and the adversarial recipe: a generator and a
// discriminator with a feature layer, in a model space the recipe never needs to know about.
import type { tf, tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import type { GenModel } from '../types.js';

/** What the discriminator returns for a batch. */
export interface DiscriminatorOutput {
  /** One score per (packed) example [B/pac]: a logit, or an unbounded critic value. */
  logits: tf.Tensor;
  /** The penultimate features [B/pac, F] (feature matching reads them). */
  features: tf.Tensor;
}

/** A model trained by the 'adversarial' recipe. */
export interface AdversarialModel extends GenModel {
  readonly networks: { generator: tfl.LayersModel; discriminator: tfl.LayersModel };
  readonly latentDim: number;
  /** Whether generator and discriminator take class labels. */
  readonly conditional: boolean;
  /** Examples the discriminator judges jointly (PacGAN's packing degree; 1 = none). */
  readonly pac: number;
  /**
   * True when the discriminator scores each (packed) example on its own (no batch norm, minibatch
   * features): real and generated batches may then share one forward pass.
   */
  readonly batchIndependent: boolean;
  /** Latent draws z [n, latentDim] from the prior. */
  sampleLatent(n: number, rng: Rng): tf.Tensor;
  /** Maps a data batch (images in [0, 1], vectors as is) to the space the networks work in. */
  toModelSpace(x: tf.Tensor): tf.Tensor;
  /** Generator output [n, ...shape] in model space for latents z [n, L] and labels [n] (int32). */
  generate(z: tf.Tensor, labels: tf.Tensor | undefined, training: boolean): tf.Tensor;
  /** Scores model-space examples x [B, ...shape] (B divisible by `pac`). */
  discriminate(x: tf.Tensor, labels: tf.Tensor | undefined, training: boolean): DiscriminatorOutput;
}
