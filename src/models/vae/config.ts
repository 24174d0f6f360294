// The VAE family's `model` config section (Kingma & Welling 2014; β-VAE, Higgins et al. 2017; capacity
// annealing, Burgess et al. 2018): one zod schema gives its type, defaults and help text.
import { z } from 'zod';

/** Architecture keys shared by the encoder and the decoder (networks.ts). */
export const vaeNetShape = {
  arch: z.enum(['mlp', 'conv']).default('mlp').describe("'mlp': dense encoder/decoder; 'conv': a small DCGAN-style conv pair for 28×28 images."),
  hidden: z.array(z.number().int().positive()).default([512, 256]).describe('Widths of the dense hidden layers of the encoder (after its convs for conv); the decoder uses them in reverse.'),
  latentDim: z.number().int().positive().default(32).describe('Dimension of the latent z.'),
};

/** The VAE's `model` section with the family's defaults; entries change them with `withDefaults`. */
export const vaeModelSection = z.strictObject({
  ...vaeNetShape,
  decoder: z.enum(['bernoulli', 'gaussian']).default('bernoulli').describe('Likelihood p(x|z): Bernoulli on pixels in [0, 1], or a Gaussian with fixed std.'),
  decoderStd: z.number().positive().default(0.1).describe('Fixed standard deviation of the Gaussian decoder.'),
  beta: z.number().min(0).default(1).describe('Weight of the KL term (β-VAE); 1 gives the ELBO.'),
  capacity: z.number().min(0).default(0).describe('Capacity annealing (Burgess et al. 2018): target KL in nats at the end of annealing; 0 = off.'),
  capacitySteps: z.number().int().min(0).default(10000).describe('Steps over which the target KL grows linearly from 0 to `capacity`.'),
  gamma: z.number().min(0).default(1000).describe('Weight γ of |KL − C| when capacity annealing is on.'),
});

/** Architecture settings shared by both networks. */
export type VaeNetConfig = z.output<z.ZodObject<typeof vaeNetShape>>;
/** VAE settings (the `model` section). */
export type VaeModelConfig = z.output<typeof vaeModelSection>;
