// Finite-difference checks of first derivatives and of derivatives of a scalar function of the gradient
// (what a gradient penalty differentiates), after torch.autograd.gradcheck / gradgradcheck, in float32.
import { tf, type Tensor } from './tf.js';

/** A scalar-valued function of several tensors. */
export type ScalarFn = (...xs: Tensor[]) => tf.Scalar;

/** Tolerances and scope of a check. */
export interface GradCheckOptions {
  /** Central-difference step (default 1e-3). */
  eps?: number;
  /**
   * Relative tolerance on each coordinate (default 2e-3). Every engine check passes at ≤ 0.68× of it
   * with the default atol (measured on cpu, wasm and native); a gradient 1 % off fails.
   */
  rtol?: number;
  /** Absolute tolerance, multiplied by max(1, max |numeric|) (default 2e-3). */
  atol?: number;
  /** Check at most this many coordinates per input, evenly strided (default: all). */
  maxCoords?: number;
  /** Indices of the inputs to differentiate (default: all float32 inputs). */
  wrt?: number[];
}

/** Outcome of a check; `message` explains the worst coordinate. */
export interface GradCheckReport {
  ok: boolean;
  checked: number;
  maxAbsErr: number;
  worst: { input: number; index: number; analytic: number; numeric: number } | null;
  message: string;
}

const floatInputs = (xs: Tensor[]): number[] => xs.flatMap((x, i) => (x.dtype === 'float32' ? [i] : []));

/** ∂f/∂xs[i] for each i in `wrt` as flat arrays (zeros where f does not depend on xs[i]). */
export function analyticGradients(f: ScalarFn, xs: Tensor[], wrt: number[]): Float32Array[] {
  const grads = tf.tidy(() => {
    const { grads: gs } = tf.engine().gradients(() => f(...xs), wrt.map((i) => xs[i]), undefined, true);
    return wrt.map((i, k) => (gs[k] ?? tf.zerosLike(xs[i])) as Tensor);
  });
  const out = grads.map((g) => g.dataSync() as Float32Array);
  tf.dispose(grads);
  return out;
}

function evaluate(f: ScalarFn, xs: Tensor[], i: number, values: Float32Array): number {
  const y = tf.tidy(() => {
    const args = xs.slice();
    args[i] = tf.tensor(values, xs[i].shape, 'float32');
    return f(...args);
  });
  const v = y.dataSync()[0];
  y.dispose();
  return v;
}

/** Coordinates checked for a tensor of `size` elements. */
function coordinates(size: number, maxCoords: number): number[] {
  if (size <= maxCoords) return Array.from({ length: size }, (_, k) => k);
  return Array.from({ length: maxCoords }, (_, k) => Math.floor(((k + 0.5) * size) / maxCoords));
}

/** Compares tf's gradient of `f` at `xs` with central finite differences, coordinate by coordinate. */
export function checkGradients(f: ScalarFn, xs: Tensor[], options: GradCheckOptions = {}): GradCheckReport {
  const { eps = 1e-3, rtol = 2e-3, atol = 2e-3, maxCoords = Infinity } = options;
  const wrt = options.wrt ?? floatInputs(xs);
  const analytic = analyticGradients(f, xs, wrt);
  const rows: Array<{ input: number; index: number; analytic: number; numeric: number }> = [];
  wrt.forEach((i, k) => {
    const base = xs[i].dataSync() as Float32Array;
    for (const index of coordinates(base.length, maxCoords)) {
      const plus = Float32Array.from(base), minus = Float32Array.from(base);
      plus[index] = Math.fround(base[index] + eps);
      minus[index] = Math.fround(base[index] - eps);
      const numeric = (evaluate(f, xs, i, plus) - evaluate(f, xs, i, minus)) / (plus[index] - minus[index]);
      rows.push({ input: i, index, analytic: analytic[k][index], numeric });
    }
  });
  const scale = rows.reduce((m, r) => Math.max(m, Math.abs(r.numeric)), 1);
  let worst: GradCheckReport['worst'] = null, worstRatio = -1, maxAbsErr = 0;
  for (const r of rows) {
    const err = Math.abs(r.analytic - r.numeric);
    const ratio = Number.isFinite(err) ? err / (atol * scale + rtol * Math.abs(r.numeric)) : Infinity;
    maxAbsErr = Math.max(maxAbsErr, err);
    if (ratio > worstRatio) [worst, worstRatio] = [r, ratio];
  }
  const ok = rows.length > 0 && worstRatio <= 1;
  const message = worst
    ? `${ok ? 'ok' : 'MISMATCH'}: ${rows.length} coords, worst at input ${worst.input}[${worst.index}]: ` +
      `analytic ${worst.analytic.toPrecision(6)} vs numeric ${worst.numeric.toPrecision(6)} ` +
      `(|err| ${Math.abs(worst.analytic - worst.numeric).toExponential(2)}, ${worstRatio.toFixed(2)}× tolerance)`
    : 'no coordinates checked';
  return { ok, checked: rows.length, maxAbsErr, worst, message };
}

/** Deterministic smooth weights of a given shape (no Rng needed): sin(1.7·k + seed). */
export function fixedWeights(shape: number[], seed = 0): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tidy(() => tf.reshape(tf.sin(tf.add(tf.mul(tf.range(0, size), 1.7), seed)), shape));
}

/**
 * h(xs) = Σ_{i ∈ inner} ⟨v_i, g_i⟩ + ½‖g_i‖² with g_i = ∂f/∂xs[i]: a scalar function of the gradient
 * shaped like a gradient penalty (two Hessian-vector products); `weights` are the v_i.
 */
export function gradientFunctional(f: ScalarFn, inner: number[] = [0], weights?: Tensor[]): ScalarFn {
  return (...xs: Tensor[]) =>
    tf.tidy(() => {
      const { grads } = tf.engine().gradients(() => f(...xs), inner.map((i) => xs[i]), undefined, true);
      let h: Tensor = tf.scalar(0);
      inner.forEach((i, k) => {
        const g = (grads[k] ?? tf.zerosLike(xs[i])) as Tensor;
        const v = weights?.[k] ?? fixedWeights(g.shape, k);
        h = tf.add(h, tf.add(tf.sum(tf.mul(v, g)), tf.mul(0.5, tf.sum(tf.square(g)))));
      });
      return h as tf.Scalar;
    });
}

/** Checks the derivative of `gradientFunctional(f, inner)` against finite differences. */
export function checkGradientOfGradient(
  f: ScalarFn,
  xs: Tensor[],
  options: GradCheckOptions & { inner?: number[]; weights?: Tensor[] } = {},
): GradCheckReport {
  return checkGradients(gradientFunctional(f, options.inner ?? [0], options.weights), xs, options);
}

/**
 * WGAN-GP penalty mean_b (‖∂ Σ critic(x) / ∂x_b‖ − target)² (Gulrajani et al. 2017, eq. 3), with 1e-12
 * inside the square root so a zero gradient stays differentiable.
 */
export function gradientPenalty(critic: (x: Tensor) => Tensor, x: Tensor, target = 1): tf.Scalar {
  return tf.tidy(() => {
    const g = tf.grad((xx: Tensor) => tf.sum(critic(xx)))(x); // [B, ...]
    const sq = tf.sum(tf.square(tf.reshape(g, [g.shape[0], -1])), 1); // [B]
    const norm = tf.sqrt(tf.add(sq, 1e-12));
    return tf.mean(tf.square(tf.sub(norm, target))) as tf.Scalar;
  });
}

/** Checks d gradientPenalty / dθ for `critic(x, ...θ)` against finite differences over θ. */
export function checkGradientPenalty(
  critic: (x: Tensor, ...params: Tensor[]) => Tensor,
  x: Tensor,
  params: Tensor[],
  options: GradCheckOptions = {},
): GradCheckReport {
  const penalty: ScalarFn = (...theta) => gradientPenalty((xx) => critic(xx, ...theta), x);
  return checkGradients(penalty, params, options);
}
