// Gradient computation shared by recipes: value + gradients of a scalar loss w.r.t. an ordered
// variable list, named side-outputs kept alive, and global-norm clipping (torch's clip_grad_norm_).
import { tf, tfl } from '../engine/tf.js';

/** The trainable variables of some networks, in a stable order (network order, then layer order). */
export function trainableVariables(networks: tfl.LayersModel[]): tf.Variable[] {
  return networks.flatMap((n) => n.trainableWeights.map((w) => w.read() as tf.Variable));
}

/** Loss value, gradients aligned with `vars` (zeros where unused) and kept side-outputs. */
export interface LossGrads {
  loss: tf.Scalar;
  grads: tf.Tensor[];
  parts: Record<string, tf.Scalar>;
}

/** Computes a loss and its gradients; `fn` returns the loss and optional named parts to keep. */
export function lossAndGrads(
  fn: () => { loss: tf.Scalar; parts?: Record<string, tf.Scalar> },
  vars: tf.Variable[],
): LossGrads {
  let parts: Record<string, tf.Scalar> = {};
  const { value, grads } = tf.variableGrads(() => {
    const r = fn();
    parts = Object.fromEntries(Object.entries(r.parts ?? {}).map(([k, v]) => [k, tf.keep(v)]));
    return r.loss;
  }, vars);
  const aligned = vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
  return { loss: value, grads: aligned, parts };
}

/** Scales gradients so their global L2 norm is at most `maxNorm`; disposes the inputs it replaces. */
export function clipByGlobalNorm(grads: tf.Tensor[], maxNorm: number): { grads: tf.Tensor[]; norm: number } {
  const normT = tf.tidy(() => tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))));
  const norm = normT.dataSync()[0];
  normT.dispose();
  if (!(maxNorm > 0) || norm <= maxNorm || !Number.isFinite(norm)) return { grads, norm };
  const scale = maxNorm / (norm + 1e-6);
  const clipped = grads.map((g) => tf.mul(g, scale));
  grads.forEach((g) => g.dispose());
  return { grads: clipped, norm };
}

/** Reads named scalars into numbers and disposes them. */
export function readScalars(parts: Record<string, tf.Scalar>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(parts)) {
    out[k] = v.dataSync()[0];
    v.dispose();
  }
  return out;
}
