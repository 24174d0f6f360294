// Poisson sampling for DP-SGD (what the RDP accountant of the sampled Gaussian mechanism assumes, as
// Opacus's UniformWithReplacementSampler): each example joins step t's batch independently with probability q.
import { tf } from '../engine/tf.js';
import type { Batch, Dataset } from '../data/types.js';
import { Rng } from '../random/rng.js';

// murmur3 fmix32 over (seed, step): every step draws from its own stream, so resumed runs see the same batches.
function mix(seed: number, step: number): number {
  let h = (Math.trunc(seed) ^ Math.imul(step + 1, 0x85ebca6b) ^ 0x5bd1e995) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Sorted indices of step `step`'s Poisson batch over `size` examples (geometric gaps: O(q·size) work). */
export function poissonIndicesAt(step: number, q: number, size: number, seed: number): Int32Array {
  if (!(q > 0 && q <= 1)) throw new Error(`The Poisson sampling rate must be in (0, 1], got ${q} (batch size over dataset size).`);
  if (!Number.isInteger(step) || step < 0) throw new Error(`step must be an integer ≥ 0, got ${step}.`);
  if (q === 1) return Int32Array.from({ length: size }, (_, i) => i);
  const rng = new Rng(mix(seed, step));
  const logKeep = Math.log1p(-q);
  const out: number[] = [];
  // the gap to the next chosen example is Geometric(q): floor(log(U) / log(1 − q))
  for (let i = Math.floor(Math.log(1 - rng.uniform()) / logKeep); i < size; i += 1 + Math.floor(Math.log(1 - rng.uniform()) / logKeep)) out.push(i);
  return Int32Array.from(out);
}

/** The batch at `indices`; an empty draw gives zero-row tensors shaped like the data (a noise-only DP step). */
export function batchOrEmpty(data: Dataset, indices: Int32Array): Batch {
  if (indices.length > 0) return data.batch(indices);
  const one = data.batch([0]);
  const x = tf.slice(one.x, 0, 0); // [0, ...]
  const out: Batch = { x };
  if (one.y) out.y = tf.slice(one.y, 0, 0);
  if (one.x2) out.x2 = tf.slice(one.x2, 0, 0);
  one.x.dispose();
  one.y?.dispose();
  one.x2?.dispose();
  return out;
}
