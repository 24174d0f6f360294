// Lipschitz constraints on a critic: the gradient penalty of WGAN-GP (Gulrajani et al. 2017,
// Algorithm 1, lines 6–8) and the weight clipping of WGAN (Arjovsky et al. 2017, Algorithm 1, line 7).
import { tf } from '../../engine/tf.js';

/**
 * Row norms ‖g_i‖₂ of g [N, D] whose gradient is 0 at a zero row (torch.norm's subgradient), so a
 * critic with a vanishing input gradient gives a finite penalty gradient instead of 0·∞ = NaN.
 */
export const safeRowNorm = tf.customGrad(((g: tf.Tensor, save: tf.GradSaveFunc) => {
  const norm = tf.sqrt(tf.sum(tf.square(g), 1)); // [N]
  save([g, norm]);
  return {
    value: norm,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [x, n] = saved;
      const safe = tf.where(tf.greater(n, 0), n, tf.onesLike(n)); // [N]
      const scale = tf.where(tf.greater(n, 0), tf.div(dy as tf.Tensor, safe), tf.zerosLike(n)); // [N]
      return [tf.mul(x, tf.expandDims(scale, 1))]; // [N, D]
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (g: tf.Tensor) => tf.Tensor;

/** What `gradientPenalty` returns: the penalty (before λ) and the mean gradient norm, for logging. */
export interface GradientPenalty {
  penalty: tf.Scalar;
  gradNorm: tf.Scalar;
}

/**
 * E[(‖∇x̂ D(x̂)‖₂ − 1)²] at x̂ = α·x + (1 − α)·x̃ with α ~ U[0, 1] per example (WGAN-GP eq. 3;
 * torchgan's WassersteinGradientPenalty). `critic` maps x [B, ...] to scores [B'] (B' = B/pac when
 * it packs examples; the norm is then taken over each packed group, the critic's actual input).
 * `alpha` [B] must be drawn from U[0, 1] by the caller's seeded Rng.
 */
export function gradientPenalty(
  critic: (x: tf.Tensor) => tf.Tensor,
  real: tf.Tensor,
  fake: tf.Tensor,
  alpha: tf.Tensor,
): GradientPenalty {
  return tf.tidy(() => {
    const b = real.shape[0];
    const a = tf.reshape(alpha, [b, ...real.shape.slice(1).map(() => 1)]); // [B, 1, ...]
    const xHat = tf.add(tf.mul(a, real), tf.mul(tf.sub(1, a), fake)); // [B, ...]
    let groups = b;
    const grad = tf.grad((x: tf.Tensor) => {
      const scores = critic(x); // [B']
      groups = scores.shape[0];
      return tf.sum(scores);
    })(xHat); // [B, ...]; rows independent as long as the critic scores each (packed) input alone
    const norms = safeRowNorm(tf.reshape(grad, [groups, -1])); // [B']
    return { penalty: tf.mean(tf.square(tf.sub(norms, 1))) as tf.Scalar, gradNorm: tf.mean(norms) as tf.Scalar };
  });
}

/** Clips every variable into [−c, c] in place (WGAN's crude Lipschitz constraint). */
export function clipWeights(vars: tf.Variable[], c: number): void {
  if (!(c > 0)) throw new Error(`Weight clipping needs a positive clip value, got ${c}.`);
  tf.tidy(() => vars.forEach((v) => v.assign(tf.clipByValue(v, -c, c))));
}
