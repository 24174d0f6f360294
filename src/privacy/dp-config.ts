// The `train.dp` config section: DP-SGD (Abadi et al. 2016) as Opacus exposes it — noise multiplier σ,
// per-example clipping norm C, δ, an optional ε budget, and Poisson or fixed-size batch sampling.
import { z } from 'zod';

/** DP-SGD settings; absent (the default) means ordinary, non-private training. */
export const dpSection = z
  .strictObject({
    noiseMultiplier: z.number().min(0).optional()
      .describe('σ: Gaussian noise std over the clipping norm (std σ·C on the summed gradient); unset = the smallest σ that reaches targetEpsilon in train.steps steps'),
    maxGradNorm: z.number().positive().default(1).describe('C: every example\'s gradient is clipped to this L2 norm before summing'),
    delta: z.number().gt(0).lt(1).default(1e-5).describe('δ of the (ε, δ) guarantee (should be below 1/N)'),
    targetEpsilon: z.number().positive().optional().describe('ε budget: training stops before the step that would exceed it'),
    sampling: z.enum(['poisson', 'fixed']).default('poisson')
      .describe("'poisson': each example joins a batch with probability batchSize/N (variable batch size, as Opacus; what the accountant assumes); 'fixed': the usual shuffled batches, accounted as if Poisson (as Opacus without poisson_sampling)"),
    conversion: z.enum(['balle2020', 'classic']).default('balle2020')
      .describe("RDP → (ε, δ): 'balle2020' (Balle et al. 2020 Thm 21, Opacus 1.x) or 'classic' (Mironov 2017 Prop. 3, Opacus 0.x)"),
  })
  .refine((d) => d.noiseMultiplier !== undefined || d.targetEpsilon !== undefined, {
    message: 'train.dp needs noiseMultiplier, targetEpsilon or both',
  });

/** Resolved DP-SGD settings. */
export type DpConfig = z.output<typeof dpSection>;
