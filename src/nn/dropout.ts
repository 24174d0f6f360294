// Inverted dropout (Srivastava et al. 2014) with masks drawn from genlab's seeded Rng: tfjs' own
// dropout draws unseeded randomness, which would break reproducibility and resume.
import { tf, type Tensor } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';

/** Zeroes each element with probability `rate` and scales the rest by 1/(1−rate); identity when rate is 0 or rng is absent. */
export function dropout(x: Tensor, rate: number, rng?: Rng): Tensor {
  if (!(rate > 0) || !rng) return x;
  if (rate >= 1) throw new Error(`dropout rate must lie in [0, 1), got ${rate}.`);
  const keep = 1 - rate;
  const n = x.size;
  const mask = new Float32Array(n);
  const scale = 1 / keep;
  for (let i = 0; i < n; i++) mask[i] = rng.uniform() < keep ? scale : 0;
  return tf.mul(x, tf.tensor(mask, x.shape));
}
