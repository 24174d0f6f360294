// Layer normalisation over the last axis (Ba et al. 2016), optionally without bias as in nanoGPT's
// LayerNorm(bias=False); built from primitive ops so every gradient is exact on every backend, or on
// native as the group-norm kernels with one group over [N, 1, 1, C] (one kernel each way instead of ~8 and ~15).
import { tf, type Tensor } from '../engine/tf.js';
import { canFuseGroupNorm, fusedGroupNorm } from '../engine/fused-group-norm.js';
import { GenlabLayer, registerLayer } from './layer-base.js';
import type { tfl } from '../engine/tf.js';

/** Default ε, as torch.nn.functional.layer_norm. */
export const LAYER_NORM_EPS = 1e-5;

/** The parameters of one layer norm: scale γ [C] and optional shift β [C]. */
export interface LayerNormParams {
  gamma: tfl.LayerVariable;
  beta?: tfl.LayerVariable;
}

/** (x − mean) / √(var + ε) · γ + β over the last axis; x [..., C]. */
export function layerNorm(x: Tensor, gamma: Tensor, beta?: Tensor, eps = LAYER_NORM_EPS): Tensor {
  return tf.tidy(() => {
    if (canFuseGroupNorm() && x.dtype === 'float32' && x.rank >= 1 && x.size > 0) {
      const c = x.shape[x.rank - 1];
      const rows = tf.reshape(x, [-1, 1, 1, c]);
      return tf.reshape(fusedGroupNorm(rows, gamma, beta ?? tf.zeros([c]), 1, eps), x.shape);
    }
    const mean = tf.mean(x, -1, true); // [..., 1]
    const xc = tf.sub(x, mean);
    const variance = tf.mean(tf.mul(xc, xc), -1, true); // biased, as torch
    const y = tf.mul(tf.mul(xc, tf.rsqrt(tf.add(variance, eps))), gamma);
    return beta ? tf.add(y, beta) : y;
  });
}

/** Adds γ (ones) and, when `bias`, β (zeros) of width `dim` to `layer` under `prefix`. */
export function addLayerNormParams(layer: GenlabLayer, prefix: string, dim: number, bias: boolean): LayerNormParams {
  const gamma = layer.param(`${prefix}gamma`, [dim], 'ones');
  return bias ? { gamma, beta: layer.param(`${prefix}beta`, [dim]) } : { gamma };
}

/** Applies a LayerNormParams set to x [..., C]. */
export function applyLayerNorm(x: Tensor, p: LayerNormParams, eps = LAYER_NORM_EPS): Tensor {
  return layerNorm(x, p.gamma.read(), p.beta?.read(), eps);
}

/** Settings of the LayerNorm layer. */
export interface LayerNormArgs {
  name?: string;
  trainable?: boolean;
  bias?: boolean;
  eps?: number;
}

/** A layer norm over the last axis as a tfjs layer ([..., C] → [..., C]). */
export class LayerNorm extends GenlabLayer {
  static className = 'GenlabLayerNorm';
  readonly bias: boolean;
  readonly eps: number;
  params!: LayerNormParams;

  constructor(args: LayerNormArgs = {}) {
    super({ name: args.name, trainable: args.trainable });
    this.bias = args.bias ?? true;
    this.eps = args.eps ?? LAYER_NORM_EPS;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = inputShape as tfl.Shape;
    this.params = addLayerNormParams(this, '', shape[shape.length - 1]!, this.bias);
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return applyLayerNorm(Array.isArray(inputs) ? inputs[0] : inputs, this.params, this.eps);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), bias: this.bias, eps: this.eps };
  }
}
registerLayer(LayerNorm);
