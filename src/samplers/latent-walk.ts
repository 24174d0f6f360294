// Latent-space walks: linear and spherical interpolation (slerp, Shoemake 1985; White 2016 for
// generative models) between pairs of latent codes.
import { tf } from '../engine/tf.js';

/** Interpolation method. */
export type Interpolation = 'lerp' | 'slerp';

/** Spherical interpolation between vectors a and b at fraction t (falls back to lerp when parallel). */
export function slerpVectors(a: Float32Array, b: Float32Array, t: number): Float32Array {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  const cos = Math.min(1, Math.max(-1, dot / (Math.sqrt(na * nb) || 1)));
  const omega = Math.acos(cos);
  const out = new Float32Array(a.length);
  if (Math.abs(Math.sin(omega)) < 1e-6) {
    for (let i = 0; i < a.length; i++) out[i] = (1 - t) * a[i] + t * b[i];
    return out;
  }
  const s0 = Math.sin((1 - t) * omega) / Math.sin(omega);
  const s1 = Math.sin(t * omega) / Math.sin(omega);
  for (let i = 0; i < a.length; i++) out[i] = s0 * a[i] + s1 * b[i];
  return out;
}

/**
 * For each row pair (from[i], to[i]) of [P, L] latents, `steps` evenly spaced codes from one
 * end to the other; returns [P·steps, L], row-major by pair.
 */
export function interpolateLatents(from: tf.Tensor, to: tf.Tensor, steps: number, method: Interpolation = 'lerp'): tf.Tensor {
  if (steps < 2) throw new Error(`Interpolation needs at least 2 steps, got ${steps}.`);
  const [p, l] = from.shape;
  const a = from.dataSync() as Float32Array;
  const b = to.dataSync() as Float32Array;
  const out = new Float32Array(p * steps * l);
  for (let i = 0; i < p; i++) {
    const ai = a.subarray(i * l, (i + 1) * l);
    const bi = b.subarray(i * l, (i + 1) * l);
    for (let s = 0; s < steps; s++) {
      const t = s / (steps - 1);
      const v = method === 'slerp' ? slerpVectors(ai, bi, t) : ai.map((x, j) => (1 - t) * x + t * bi[j]);
      out.set(v, (i * steps + s) * l);
    }
  }
  return tf.tensor2d(out, [p * steps, l]);
}
