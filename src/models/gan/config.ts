// The GAN family's `model` config section (MLP GANs, Goodfellow et al. 2014; DCGAN, Radford et al. 2016)
// with the discriminator-side cures as keys: one zod schema gives its type, defaults and help text.
import { z } from 'zod';

const widths = (v: number[]) => z.array(z.number().int().positive()).min(1).default(v);

/** The GAN's `model` section with the toy 2-D defaults; entries change them with `withDefaults`. */
export const ganModelSection = z.strictObject({
  arch: z.enum(['auto', 'mlp', 'dcgan']).default('auto').describe("'auto': MLP for vector data, DCGAN for images."),
  latentDim: z.number().int().positive().default(2).describe('Dimension of the latent z ~ N(0, I).'),
  gHidden: widths([128, 128, 128]).describe('MLP hidden widths of the generator.'),
  dHidden: widths([128, 128, 128]).describe('MLP hidden widths of the discriminator.'),
  gFilters: z.number().int().positive().default(64).describe("DCGAN: channels of the generator's last hidden map (doubling toward z)."),
  dFilters: z.number().int().positive().default(64).describe("DCGAN: channels of the discriminator's first conv (doubling down)."),
  gNorm: z.enum(['batch', 'none']).default('none').describe('Normalisation in the generator (DCGAN: batch).'),
  dNorm: z.enum(['batch', 'layer', 'none']).default('none').describe('Normalisation in the discriminator (none for WGAN-GP critics).'),
  leak: z.number().min(0).max(1).default(0.2).describe("Slope of the discriminator's leaky ReLUs."),
  spectralNorm: z.boolean().default(false).describe('Spectrally normalise every discriminator weight layer (Miyato et al. 2018).'),
  minibatchDiscrimination: z.number().int().min(0).default(0).describe('Minibatch-discrimination kernels before the output layer (Salimans et al. 2016); 0 = off.'),
  mbdKernelDim: z.number().int().positive().default(5).describe('Dimension of each minibatch-discrimination kernel.'),
  minibatchStddev: z.number().int().min(0).default(0).describe("Group size of a minibatch-stddev feature before D's last hidden layer (Karras et al. 2018); 0 = off."),
  pac: z.number().int().positive().default(1).describe('PacGAN packing degree: D judges `pac` examples jointly (Lin et al. 2018); 1 = off.'),
  labelEmbedding: z.number().int().positive().default(16).describe("Width of the generator's label embedding (conditional models)."),
  init: z
    .enum(['glorot', 'he', 'dcgan'])
    .default('glorot')
    .describe('Weight initialisation: Glorot uniform; He uniform (keeps a ReLU MLP generator from starting as a collapsed blob); N(0, 0.02) as in DCGAN.'),
  dataScale: z.number().positive().default(2.83).describe("Vector data enter the networks divided by this scale (≈ the data's std; images always use [−1, 1])."),
});

/** Architecture settings of both networks (the `model` section). */
export type GanNetConfig = z.output<typeof ganModelSection>;
