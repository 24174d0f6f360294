// Weight initialisation from genlab's Rng (so same seed → same model on every backend):
// Glorot/Xavier uniform for kernels (Glorot & Bengio 2010) or He uniform for ReLU networks (He et al.
// 2015), zeros for biases, ones for scales.
import { tf, tfl } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';

function fans(shape: number[]): [number, number] {
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [receptive * shape[shape.length - 2], receptive * shape[shape.length - 1]];
}

/**
 * Kernel scheme: 'glorot' U(±√(6/(fan_in + fan_out))), or 'he' U(±√(6/fan_in)), whose variance 2/fan_in
 * keeps the signal's second moment through ReLU layers (Glorot's roughly halves it per layer).
 */
export type KernelInit = 'glorot' | 'he';

/** Re-initialises every weight of `models` from `rng`, by the weight's role in its layer. */
export function initWeights(models: tfl.LayersModel[], rng: Rng, kernel: KernelInit = 'glorot'): void {
  for (const model of models) {
    for (const w of model.weights) {
      const name = w.originalName ?? w.name;
      const shape = w.shape as number[];
      const size = shape.reduce((a, b) => a * b, 1);
      let values: Float32Array;
      if (/(kernel|embeddings)$/.test(name) && shape.length >= 2) {
        const [fanIn, fanOut] = fans(shape);
        const limit = Math.sqrt(6 / (kernel === 'he' ? fanIn : fanIn + fanOut));
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
