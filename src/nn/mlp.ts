// The transformer feed-forward block: Linear(C→4C) → GELU → Linear(4C→C) → dropout (GPT-2 /
// nanoGPT's MLP), with the exact erf GELU of Hendrycks & Gimpel 2016 (torch.nn.GELU()).
import type { Tensor } from '../engine/tf.js';
import { gelu as geluActivation } from '../engine/fused-activations.js';
import { dropout } from './dropout.js';
import type { GenlabLayer } from './layer-base.js';
import { addLinearParams, linear, type LinearParams } from './linear.js';
import type { Rng } from '../random/rng.js';

/** The two projections of an MLP block. */
export interface MlpParams {
  fc: LinearParams;
  proj: LinearParams;
}

/** GELU(x) = x·Φ(x) = ½·x·(1 + erf(x/√2)); one kernel each way on native (src/engine/fused-activations.ts). */
export const gelu = (x: Tensor): Tensor => geluActivation(x);

/** Adds fc [dim, hidden] and proj [hidden, dim] to `layer` under `prefix`. */
export function addMlpParams(layer: GenlabLayer, prefix: string, dim: number, hidden: number, bias: boolean): MlpParams {
  return { fc: addLinearParams(layer, `${prefix}fc/`, dim, hidden, bias), proj: addLinearParams(layer, `${prefix}proj/`, hidden, dim, bias) };
}

/** x2d [N, C] → [N, C]. */
export function mlp(x2d: Tensor, p: MlpParams, rate = 0, rng?: Rng): Tensor {
  return dropout(linear(gelu(linear(x2d, p.fc)), p.proj), rate, rng);
}
