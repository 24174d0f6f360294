// Per-span maths on encoded table rows (CTGAN/TVAE, Xu et al. 2019): output activations (tanh, Gumbel-
// softmax), TVAE's reconstruction terms and CTGAN's conditional cross-entropy, one slice per span.
import { tf } from '../../engine/tf.js';
import { logSoftmax } from '../../engine/ops.js';
import type { Rng } from '../../random/rng.js';
import type { SpanInfo } from '../../data/tabular/transform-types.js';

/** Each span's [offset, dim] in the encoded row, in span order. */
export function spanOffsets(spans: readonly SpanInfo[]): { span: SpanInfo; offset: number }[] {
  let offset = 0;
  return spans.map((span) => {
    const o = { span, offset };
    offset += span.dim;
    return o;
  });
}

/** The columns [offset, offset + dim) of x [B, D]. */
export const sliceSpan = (x: tf.Tensor, offset: number, dim: number): tf.Tensor => tf.slice(x, [0, offset], [-1, dim]);

/**
 * Gumbel-softmax sample softmax((logits + g)/τ), g = −log(−log U) (Jang et al. 2017; torch's
 * F.gumbel_softmax with hard=False, which CTGAN's generator uses with τ = 0.2).
 */
export function gumbelSoftmax(logits: tf.Tensor, tau: number, rng: Rng): tf.Tensor {
  return tf.tidy(() => tf.exp(logSoftmax(tf.div(tf.add(logits, gumbelNoise(logits.shape, rng)), tau), -1)));
}

/** Standard Gumbel noise g = −log(−log U): argmax(logits + g) is a draw from softmax(logits). */
export function gumbelNoise(shape: number[], rng: Rng): tf.Tensor {
  return tf.tidy(() => {
    const u = rng.uniformTensor(shape, 1e-10, 1); // (0, 1]: log(u) finite
    return tf.neg(tf.log(tf.add(tf.neg(tf.log(u)), 1e-10)));
  });
}

/**
 * CTGAN's `_apply_activate`: tanh on value spans, Gumbel-softmax (τ) on one-hot spans; raw [B, D] →
 * data-space rows [B, D].
 */
export function activateSpans(raw: tf.Tensor, spans: readonly SpanInfo[], tau: number, rng: Rng): tf.Tensor {
  return tf.tidy(() =>
    tf.concat(
      spanOffsets(spans).map(({ span, offset }) => {
        const part = sliceSpan(raw, offset, span.dim); // [B, dim]
        if (span.activation === 'tanh') return tf.tanh(part);
        return gumbelSoftmax(part, tau, rng);
      }),
      1,
    ),
  );
}

/**
 * TVAE's reconstruction loss summed over the batch (the ctgan package's `_loss_function`): value spans
 * Σ_b (x − tanh r)²/(2σ²) + B·log σ with σ the learnt scale at the span's offset (σ [1, D], or one row per
 * example [B, D] so DP-SGD sees each example's σ gradient); one-hot spans the
 * cross-entropy of r against argmax x. Returns the sum (the caller divides by B and weights it).
 */
export function tvaeReconstruction(raw: tf.Tensor, x: tf.Tensor, sigma: tf.Tensor, spans: readonly SpanInfo[]): tf.Scalar {
  return tf.tidy(() => {
    const b = x.shape[0];
    const terms = spanOffsets(spans).map(({ span, offset }) => {
      const r = sliceSpan(raw, offset, span.dim); // [B, dim]
      const t = sliceSpan(x, offset, span.dim); // [B, dim]
      if (span.activation === 'tanh') {
        const s = sliceSpan(sigma, offset, span.dim); // [1 or B, dim]
        const sq = tf.sum(tf.div(tf.square(tf.sub(t, tf.tanh(r))), tf.mul(tf.square(s), 2)));
        return tf.add(sq, tf.mul(tf.sum(tf.log(s)), b / s.shape[0])); // B·Σ log σ either way
      }
      const target = tf.oneHot(tf.argMax(t, 1), span.dim); // [B, dim]: ties go to the first, as torch.argmax
      return tf.neg(tf.sum(tf.mul(target, logSoftmax(r, -1))));
    });
    return tf.addN(terms) as tf.Scalar;
  });
}
