// Log-densities for VAEs (Kingma & Welling 2014, appendix B; Burda et al. 2016 for the IWAE terms).
// Every function returns one value per example, summed over data/latent dimensions: [B].
import { tf } from '../../engine/tf.js';

const LOG_2PI = Math.log(2 * Math.PI);

function sumPerExample(t: tf.Tensor): tf.Tensor {
  const b = t.shape[0];
  return tf.sum(tf.reshape(t, [b, -1]), 1); // [B]
}

/** log p(x|z) for a Bernoulli decoder with logits l: Σ x·l − softplus(l)  (= −BCE). */
export function bernoulliLogLik(x: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return sumPerExample(tf.sub(tf.mul(x, logits), tf.softplus(logits)));
}

/** log N(x; mean, std²·I) with a fixed scalar std. */
export function gaussianLogLik(x: tf.Tensor, mean: tf.Tensor, std: number): tf.Tensor {
  const d = mean.size / mean.shape[0];
  const z2 = sumPerExample(tf.square(tf.div(tf.sub(x, mean), std)));
  return tf.sub(tf.mul(z2, -0.5), d * (Math.log(std) + 0.5 * LOG_2PI));
}

/** KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²), the closed form of Kingma & Welling (10). */
export function gaussianKl(mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.mul(tf.sum(tf.sub(tf.sub(tf.add(logvar, 1), tf.square(mu)), tf.exp(logvar)), 1), -0.5);
}

/** log N(z; μ, diag(exp(logvar))) for z = μ + σ·ε, computed from ε for accuracy. */
export function diagGaussianLogDensityFromEps(eps: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.mul(tf.sum(tf.add(tf.add(tf.square(eps), logvar), LOG_2PI), 1), -0.5);
}

/** log N(z; 0, I). */
export function standardNormalLogDensity(z: tf.Tensor): tf.Tensor {
  return tf.mul(tf.sum(tf.add(tf.square(z), LOG_2PI), 1), -0.5);
}
