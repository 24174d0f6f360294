// TVAE's `model` config section, defaults from the ctgan package's TVAE (embedding_dim 128,
// compress_dims/decompress_dims (128, 128), loss_factor 2, σ initialised to 0.1), except that samples draw
// their categories from the decoder's softmax rather than take its argmax.
import { z } from 'zod';

/** The TVAE `model` section. */
export const tvaeModelSection = z.strictObject({
  embeddingDim: z.number().int().positive().default(128).describe('Dimension of the latent z.'),
  compressDims: z.array(z.number().int().positive()).default([128, 128]).describe('Widths of the encoder’s ReLU layers.'),
  decompressDims: z.array(z.number().int().positive()).default([128, 128]).describe('Widths of the decoder’s ReLU layers.'),
  lossFactor: z.number().positive().default(2).describe('Weight of the reconstruction terms against the KL term.'),
  initialSigma: z.number().positive().default(0.1).describe('Initial learnt σ of every value span (clamped to [0.01, 1] after each step).'),
  learnSigma: z.boolean().default(true)
    .describe('Learn σ (the reference); false keeps it at initialSigma — under DP-SGD a learnt σ random-walks on the noise towards its 0.01 floor, where value errors swamp the clipped gradient'),
  categories: z.enum(['argmax', 'sample']).default('sample')
    .describe("How a sample picks each category and mode: 'sample' from the decoder's softmax, p(x|z) itself, or 'argmax' of its logits (the ctgan package, which drops rare categories: Adult quality 0.889 vs 0.93)"),
});

/** TVAE settings. */
export type TvaeModelConfig = z.output<typeof tvaeModelSection>;
