// Symmetric eigendecomposition on Float64Array: JAMA's tred2 (Householder tridiagonalisation) and
// tql2 (implicit QL), as ml-matrix implements them, with an eigenvalues-only mode that skips V; LAPACK's
// dsyevd instead when the native backend installed it (engine/float64-kernels.ts).
import { float64Kernels } from '../engine/float64-kernels.js';

// Storage note (as in ml-matrix): the hot loops walk V down columns, so V is kept transposed —
// w[a * n + b] holds what JAMA calls V(b, a) — and transposed back at the end.

function hypot(a: number, b: number): number {
  if (Math.abs(a) > Math.abs(b)) {
    const r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    const r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

// Householder reduction to tridiagonal form: diagonal in d, sub-diagonal in e[1..n), transforms
// accumulated in w when `vectors`.
function tred2(n: number, e: Float64Array, d: Float64Array, w: Float64Array, vectors: boolean): void {
  for (let j = 0; j < n; j++) d[j] = w[j * n + n - 1];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = w[j * n + i - 1];
        w[j * n + i] = 0;
        w[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        const row = j * n;
        f = d[j];
        w[i * n + j] = f;
        g = e[j] + w[row + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += w[row + k] * d[k];
          e[k] += w[row + k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        const row = j * n;
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) w[row + k] -= f * e[k] + g * d[k];
        d[j] = w[row + i - 1];
        w[row + i] = 0;
      }
    }
    d[i] = h;
  }
  if (vectors) {
    // Accumulate the Householder transforms.
    for (let i = 0; i < n - 1; i++) {
      w[i * n + n - 1] = w[i * n + i];
      w[i * n + i] = 1;
      const h = d[i + 1];
      const next = (i + 1) * n;
      if (h !== 0) {
        for (let k = 0; k <= i; k++) d[k] = w[next + k] / h;
        for (let j = 0; j <= i; j++) {
          const row = j * n;
          let g = 0;
          for (let k = 0; k <= i; k++) g += w[next + k] * w[row + k];
          for (let k = 0; k <= i; k++) w[row + k] -= g * d[k];
        }
      }
      for (let k = 0; k <= i; k++) w[next + k] = 0;
    }
    for (let j = 0; j < n; j++) {
      d[j] = w[j * n + n - 1];
      w[j * n + n - 1] = 0;
    }
    w[n * n - 1] = 1;
  } else {
    // Without vectors, the diagonal sits where the accumulation loop would have read it.
    for (let i = 0; i < n; i++) d[i] = w[i * n + i];
  }
  e[0] = 0;
}

// Implicit QL iterations on the tridiagonal (d, e); rotations applied to w when `vectors`.
function tql2(n: number, e: Float64Array, d: Float64Array, w: Float64Array, vectors: boolean): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      do {
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = c, c3 = c;
        const el1 = e[l + 1];
        let s = 0, s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (vectors) {
            const a = (i + 1) * n, b = i * n;
            for (let k = 0; k < n; k++) {
              const t = w[a + k];
              w[a + k] = s * w[b + k] + c * t;
              w[b + k] = c * w[b + k] - s * t;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  // Sort ascending (selection sort, as JAMA), swapping eigenvectors along.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) if (d[j] < p) (k = j), (p = d[j]);
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      if (vectors) {
        for (let j = 0; j < n; j++) {
          const t = w[i * n + j];
          w[i * n + j] = w[k * n + j];
          w[k * n + j] = t;
        }
      }
    }
  }
}

/**
 * Eigenvalues (ascending) of a symmetric row-major [n, n] matrix and, unless `vectors` is false,
 * its orthonormal eigenvectors as the columns of a row-major [n, n] matrix.
 */
export function symmetricEigen(
  m: Float64Array, n: number, opts: { vectors?: boolean } = {},
): { values: Float64Array; vectors: Float64Array | null } {
  if (m.length !== n * n) throw new Error(`symmetricEigen: expected ${n}×${n} values, got ${m.length}.`);
  const want = opts.vectors ?? true;
  const blas = float64Kernels();
  if (blas?.symEig) {
    const a = Float64Array.from(m); // symmetric: row- and column-major agree
    const values = new Float64Array(n);
    blas.symEig(want, n, a, values);
    if (!want) return { values, vectors: null };
    const v = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v[i * n + j] = a[j * n + i];
    return { values, vectors: v };
  }
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[j * n + i] = m[i * n + j];
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(n, e, d, w, want);
  tql2(n, e, d, w, want);
  if (!want) return { values: d, vectors: null };
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v[i * n + j] = w[j * n + i];
  return { values: d, vectors: v };
}
