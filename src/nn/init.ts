// Weight initialisation from genlab's Rng (so same seed → same model on every backend):
// Glorot/Xavier uniform for kernels (Glorot & Bengio 2010) or He uniform for ReLU networks (He et al.
// 2015), zeros for biases, ones for scales; or PyTorch's layer defaults.
import { tf, tfl } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';

function fans(shape: number[]): [number, number] {
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [receptive * shape[shape.length - 2], receptive * shape[shape.length - 1]];
}

/**
 * Kernel scheme: 'glorot' U(±√(6/(fan_in + fan_out))), or 'he' U(±√(6/fan_in)), whose variance 2/fan_in
 * keeps the signal's second moment through ReLU layers (Glorot's roughly halves it per layer), or 'torch'
 * U(±1/√fan_in) for kernels and biases alike (PyTorch's nn.Linear/nn.Conv2d default, kaiming_uniform with
 * a = √5), for runs that reproduce a PyTorch recipe.
 */
export type KernelInit = 'glorot' | 'he' | 'torch';

/** The layer's part of a weight name: 'dense_1/kernel' → 'dense_1'. */
const layerOf = (weightName: string) => weightName.slice(0, weightName.lastIndexOf('/'));

/** fan_in of each layer's kernel, by layer name. */
function kernelFanIns(models: tfl.LayersModel[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of models.flatMap((m) => m.weights)) {
    const name = w.originalName ?? w.name;
    if (/kernel$/.test(name) && w.shape.length >= 2) out.set(layerOf(name), fans(w.shape as number[])[0]);
  }
  return out;
}

/** Re-initialises every weight of `models` from `rng`, by the weight's role in its layer. */
export function initWeights(models: tfl.LayersModel[], rng: Rng, kernel: KernelInit = 'glorot'): void {
  const fanIns = kernel === 'torch' ? kernelFanIns(models) : null;
  for (const model of models) {
    for (const w of model.weights) {
      const name = w.originalName ?? w.name;
      const shape = w.shape as number[];
      const size = shape.reduce((a, b) => a * b, 1);
      let values: Float32Array;
      if (/(kernel|embeddings)$/.test(name) && shape.length >= 2) {
        const [fanIn, fanOut] = fans(shape);
        const limit = kernel === 'torch' ? 1 / Math.sqrt(fanIn) : Math.sqrt(6 / (kernel === 'he' ? fanIn : fanIn + fanOut));
        values = rng.uniformArray(size, -limit, limit);
      } else if (fanIns?.has(layerOf(name)) && /bias$/.test(name)) {
        const limit = 1 / Math.sqrt(fanIns.get(layerOf(name))!);
        values = rng.uniformArray(size, -limit, limit);
      } else if (/(gamma|moving_variance)$/.test(name)) {
        values = new Float32Array(size).fill(1);
      } else {
        values = new Float32Array(size);
      }
      const t = tf.tensor(values, shape);
      w.write(t);
      t.dispose();
    }
  }
}
