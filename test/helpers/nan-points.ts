// Test helper: 64 two-dimensional N(0, 1) points (seed 3) whose row `bad` holds a NaN, as a corrupt CSV
// row would — the input of the trainer's NaN-stop tests.
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import type { Dataset } from '../../src/data/types.js';

/** The dataset; its batches carry the NaN whenever they contain row `bad`. */
export function pointsWithNaN(bad: number): Dataset {
  const values = new Rng(3).normalArray(128);
  values[2 * bad + 1] = NaN;
  return {
    name: 'points-with-nan', kind: 'vector', shape: [2], size: 64,
    batch: (idx) => {
      const out = new Float32Array(idx.length * 2);
      Array.from(idx).forEach((r, i) => out.set(values.subarray(r * 2, r * 2 + 2), i * 2));
      return { x: tf.tensor2d(out, [idx.length, 2]) };
    },
  };
}
