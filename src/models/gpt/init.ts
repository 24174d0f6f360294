// nanoGPT's weight initialisation (model.py _init_weights, after GPT-2): every projection and embedding
// N(0, 0.02²), residual output projections N(0, (0.02/√(2·nLayer))²), biases 0, LayerNorm scales 1.
import { tf, type tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';

/** Re-draws every weight of `model` from `rng` in weight order; `std` is nanoGPT's 0.02. */
export function initGptWeights(model: tfl.LayersModel, nLayer: number, rng: Rng, std = 0.02): void {
  for (const w of model.weights) {
    const name = w.originalName ?? w.name;
    const shape = w.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    let values: Float32Array;
    if (/gamma$/.test(name)) values = new Float32Array(size).fill(1);
    else if (/(beta|bias)$/.test(name)) values = new Float32Array(size);
    else {
      // c_proj.weight in nanoGPT: the projections that write into the residual stream
      const s = /\/(attn|mlp)\/proj\/kernel$/.test(name) ? std / Math.sqrt(2 * nLayer) : std;
      values = rng.normalArray(size);
      for (let i = 0; i < size; i++) values[i] *= s;
    }
    const t = tf.tensor(values, shape);
    w.write(t);
    t.dispose();
  }
}
