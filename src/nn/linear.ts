// A dense projection on 2-D activations, x·W (+ b), kept as a plain matmul: on wasm a transposed
// BatchMatMul is ~10× slower, so weights are stored [in, out] (the Keras layout; torch's Linear is [out, in]).
import { tf, type Tensor } from '../engine/tf.js';
import type { tfl } from '../engine/tf.js';
import type { GenlabLayer } from './layer-base.js';

/** A projection's kernel [in, out] and optional bias [out]. */
export interface LinearParams {
  kernel: tfl.LayerVariable;
  bias?: tfl.LayerVariable;
}

/** Adds `prefix`kernel [inDim, outDim] and, when `bias`, `prefix`bias [outDim] (zeros) to `layer`. */
export function addLinearParams(layer: GenlabLayer, prefix: string, inDim: number, outDim: number, bias: boolean): LinearParams {
  const kernel = layer.param(`${prefix}kernel`, [inDim, outDim]);
  return bias ? { kernel, bias: layer.param(`${prefix}bias`, [outDim]) } : { kernel };
}

/** x [N, in] → x·W + b [N, out]. */
export function linear(x: Tensor, p: LinearParams): Tensor {
  const y = tf.matMul(x, p.kernel.read());
  return p.bias ? tf.add(y, p.bias.read()) : y;
}
