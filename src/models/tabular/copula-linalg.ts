// Small dense float64 linear algebra for the Gaussian copula: Cholesky factors, a positive-definite
// repair by shrinkage toward the identity, and the conditional Gaussian N(A·z_S, Σ_F − A·Σ_SF).

/** Smallest pivot a correlation matrix's Cholesky factor may have before it counts as singular. */
export const MIN_PIVOT = 1e-10;

/** Cholesky's column loop; a pivot ≤ `minPivot` makes it return null ('fail') or leave a zero column ('zero'). */
function choleskyWith(m: ArrayLike<number>, d: number, minPivot: number, small: 'fail' | 'zero'): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = m[j * d + j];
    for (let k = 0; k < j; k++) s -= l[j * d + k] * l[j * d + k];
    if (!(s > minPivot)) {
      if (small === 'fail') return null;
      continue;
    }
    const ljj = Math.sqrt(s);
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = m[i * d + j];
      for (let k = 0; k < j; k++) t -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = t / ljj;
    }
  }
  return l;
}

/** Lower Cholesky factor of a row-major [d, d] matrix, or null when a pivot is ≤ minPivot. */
export function cholesky(m: ArrayLike<number>, d: number, minPivot = MIN_PIVOT): Float64Array | null {
  return choleskyWith(m, d, minPivot, 'fail');
}

/**
 * Lower factor L with L·Lᵀ = m for a positive semi-definite m: a pivot that rounding left at or below
 * zero (a direction with no variance left) gets a zero column instead of failing.
 */
export function choleskyPsd(m: ArrayLike<number>, d: number): Float64Array {
  let scale = 0;
  for (let j = 0; j < d; j++) scale = Math.max(scale, Math.abs(m[j * d + j]));
  return choleskyWith(m, d, 1e-14 * Math.max(scale, 1), 'zero')!;
}

/**
 * A positive-definite version of a correlation matrix: R itself when its Cholesky factor exists, else
 * (1 − λ)·R + λ·I for the smallest λ in 1e-9, 1e-8, …, 1 that has one (keeps the unit diagonal; the
 * copulas package instead adds ε·I when R is singular).
 */
export function positiveDefinite(r: Float64Array, d: number): { correlation: Float64Array; factor: Float64Array; shrinkage: number } {
  const direct = cholesky(r, d);
  if (direct) return { correlation: r, factor: direct, shrinkage: 0 };
  for (let e = -9; e <= 0; e++) {
    const lambda = 10 ** e;
    const s = new Float64Array(d * d);
    for (let i = 0; i < d * d; i++) s[i] = (1 - lambda) * r[i];
    for (let i = 0; i < d; i++) s[i * d + i] = 1;
    const f = cholesky(s, d);
    if (f) return { correlation: s, factor: f, shrinkage: lambda };
  }
  throw new Error('The correlation matrix could not be made positive definite (it holds non-finite entries).');
}

/** Solves L·Lᵀ·x = b in place for a lower Cholesky factor L [d, d]. */
export function choleskySolve(l: Float64Array, d: number, b: Float64Array): Float64Array {
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * d + k] * b[k];
    b[i] = s / l[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < d; k++) s -= l[k * d + i] * b[k];
    b[i] = s / l[i * d + i];
  }
  return b;
}

/** The block of a row-major [d, d] matrix at rows `rows` and columns `cols`. */
export function block(m: ArrayLike<number>, d: number, rows: readonly number[], cols: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * cols.length);
  rows.forEach((r, i) => cols.forEach((c, j) => (out[i * cols.length + j] = m[r * d + c])));
  return out;
}

/**
 * The conditional law of z_F given z_S for z ~ N(0, R): z_F | z_S ~ N(A·z_S, Σ) with
 * A = R_FS·R_SS⁻¹ [|F|, |S|] and Σ = R_FF − A·R_SF, returned as A and a lower factor of Σ; plus the
 * precision matrix R_SS⁻¹ [|S|, |S|], whose rows give each conditioned coordinate's full conditional.
 */
export function conditionalGaussian(
  r: ArrayLike<number>,
  d: number,
  cond: readonly number[],
): { free: number[]; gain: Float64Array; factor: Float64Array; precision: Float64Array } {
  const s = cond.length;
  const taken = new Set(cond);
  const free = [...Array(d).keys()].filter((i) => !taken.has(i));
  const f = free.length;
  const lss = cholesky(block(r, d, cond, cond), s, 0);
  if (!lss) throw new Error('The conditioned columns have a singular correlation block; condition on fewer of them.');
  const precision = new Float64Array(s * s);
  for (let j = 0; j < s; j++) {
    const e = new Float64Array(s);
    e[j] = 1;
    choleskySolve(lss, s, e);
    for (let i = 0; i < s; i++) precision[i * s + j] = e[i];
  }
  const rfs = block(r, d, free, cond);
  const gain = new Float64Array(f * s);
  for (let i = 0; i < f; i++) {
    const row = choleskySolve(lss, s, rfs.slice(i * s, (i + 1) * s)); // R_SS symmetric: (R_FS·R_SS⁻¹)ᵢ = R_SS⁻¹·(R_FS)ᵢᵀ
    gain.set(row, i * s);
  }
  const cov = block(r, d, free, free);
  for (let i = 0; i < f; i++) {
    for (let j = 0; j < f; j++) {
      let t = 0;
      for (let k = 0; k < s; k++) t += gain[i * s + k] * rfs[j * s + k];
      cov[i * f + j] -= t;
    }
  }
  return { free, gain, factor: choleskyPsd(cov, f), precision };
}
