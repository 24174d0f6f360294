// CTGAN's `model` config section, defaults from the ctgan package's CTGAN (embedding_dim 128,
// generator/discriminator dims (256, 256), pac 10, Gumbel-softmax τ 0.2, WGAN-GP λ 10, dropout 0.5).
import { z } from 'zod';

/** The CTGAN `model` section. */
export const ctganModelSection = z.strictObject({
  embeddingDim: z.number().int().positive().default(128).describe('Dimension of the noise z fed to the generator (with the conditional vector).'),
  generatorDims: z.array(z.number().int().positive()).default([256, 256]).describe('Widths of the generator’s residual blocks (each output is concatenated to its input).'),
  discriminatorDims: z.array(z.number().int().positive()).default([256, 256]).describe('Widths of the discriminator’s LeakyReLU + dropout layers.'),
  pac: z.number().int().positive().default(10).describe('PacGAN packing: rows the discriminator judges jointly (train.batchSize must be a multiple).'),
  tau: z.number().positive().default(0.2).describe('Gumbel-softmax temperature of the one-hot outputs.'),
  gpLambda: z.number().min(0).default(10).describe('λ of the WGAN-GP gradient penalty (on packed rows).'),
  dropout: z.number().min(0).lt(1).default(0.5).describe('Dropout rate after each discriminator layer.'),
  leak: z.number().min(0).default(0.2).describe('Slope of the discriminator’s LeakyReLU.'),
  logFrequency: z.boolean().default(true).describe('Training-by-sampling picks a category with probability ∝ log(1 + count) (false: ∝ count).'),
});

/** CTGAN settings. */
export type CtganModelConfig = z.output<typeof ctganModelSection>;
