// Adversarial losses on discriminator logits, as in torchgan's losses module: minimax and
// non-saturating (Goodfellow et al. 2014), least squares (Mao et al. 2017), hinge (Lim & Ye 2017;
// Miyato et al. 2018), Wasserstein (Arjovsky et al. 2017); plus feature matching (Salimans et al. 2016).
import { tf } from '../../engine/tf.js';

/** The adversarial objectives genlab implements. */
export const GAN_LOSSES = ['non-saturating', 'minimax', 'hinge', 'least-squares', 'wasserstein'] as const;
/** One of GAN_LOSSES. */
export type GanLoss = (typeof GAN_LOSSES)[number];

/** Options of the discriminator loss. */
export interface DiscriminatorLossOptions {
  /** One-sided label smoothing (Salimans et al. 2016, §3.4): real targets become 1 − s (minimax/non-saturating). */
  labelSmoothing?: number;
}

/** Mean binary cross-entropy with logits against a constant target t: softplus(l) − t·l. */
export function bceWithLogits(logits: tf.Tensor, target: number): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.sub(tf.softplus(logits), tf.mul(logits, target))) as tf.Scalar);
}

/**
 * Discriminator (critic) loss to minimise, from logits on real [B] and generated [B] examples.
 * minimax / non-saturating: BCE(D(x), 1) + BCE(D(G(z)), 0)   (torchgan minimax_discriminator_loss)
 * least-squares: ½·E(D(x) − 1)² + ½·E D(G(z))²                (Mao et al. 2017, eq. 2 with a=0, b=1)
 * hinge: E relu(1 − D(x)) + E relu(1 + D(G(z)))
 * wasserstein: E D(G(z)) − E D(x)                            (Arjovsky et al. 2017, Algorithm 1)
 */
export function discriminatorLoss(kind: GanLoss, real: tf.Tensor, fake: tf.Tensor, opts: DiscriminatorLossOptions = {}): tf.Scalar {
  return tf.tidy(() => {
    switch (kind) {
      case 'minimax':
      case 'non-saturating':
        return tf.add(bceWithLogits(real, 1 - (opts.labelSmoothing ?? 0)), bceWithLogits(fake, 0)) as tf.Scalar;
      case 'least-squares':
        return tf.mul(tf.add(tf.mean(tf.square(tf.sub(real, 1))), tf.mean(tf.square(fake))), 0.5) as tf.Scalar;
      case 'hinge':
        return tf.add(tf.mean(tf.relu(tf.sub(1, real))), tf.mean(tf.relu(tf.add(1, fake)))) as tf.Scalar;
      case 'wasserstein':
        return tf.sub(tf.mean(fake), tf.mean(real)) as tf.Scalar;
      default:
        throw new Error(`Unknown GAN loss '${kind as string}'; valid losses: ${GAN_LOSSES.join(', ')}.`);
    }
  });
}

/**
 * Generator loss to minimise, from the discriminator's logits on generated examples [B].
 * minimax: −BCE(D(G(z)), 0) = E log(1 − σ(D))   (saturates early in training)
 * non-saturating: BCE(D(G(z)), 1) = −E log σ(D)
 * least-squares: ½·E(D(G(z)) − 1)²;  hinge and wasserstein: −E D(G(z)).
 */
export function generatorLoss(kind: GanLoss, fake: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    switch (kind) {
      case 'minimax':
        return tf.neg(bceWithLogits(fake, 0)) as tf.Scalar;
      case 'non-saturating':
        return bceWithLogits(fake, 1);
      case 'least-squares':
        return tf.mul(tf.mean(tf.square(tf.sub(fake, 1))), 0.5) as tf.Scalar;
      case 'hinge':
      case 'wasserstein':
        return tf.neg(tf.mean(fake)) as tf.Scalar;
      default:
        throw new Error(`Unknown GAN loss '${kind as string}'; valid losses: ${GAN_LOSSES.join(', ')}.`);
    }
  });
}

/** Feature matching (Salimans et al. 2016, §3.1): ‖E f(x) − E f(G(z))‖₂² over features [B, F]. */
export function featureMatchingLoss(realFeatures: tf.Tensor, fakeFeatures: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.square(tf.sub(tf.mean(realFeatures, 0), tf.mean(fakeFeatures, 0)))) as tf.Scalar);
}
