// Float64 linear algebra for the metrics: means, N−1 covariances and A·Bᵀ products on the Gram
// kernel (or the installed float64 BLAS, engine/float64-kernels.ts), and PSD square roots from the symmetric
// eigensolver in eigen.ts (JAMA tred2/tql2).
import { symmetricEigen } from './eigen.js';
import { float64Kernels } from '../engine/float64-kernels.js';
import { GramWorkspace } from './gram.js';

/** Block edge for tiled products (a multiple of 4; many small kernel calls also let wasm tier up). */
const BLOCK = 64;

/**
 * A·Bᵀ for row-major A [na, k] and B [nb, k] (B omitted: A·Aᵀ, computed once per block pair and
 * mirrored so the result is exactly symmetric); returns row-major [na, nb].
 */
export function matmulNT(
  a: Float64Array,
  na: number,
  k: number,
  b?: Float64Array,
  nb = na,
  opts: { simd?: boolean } = {},
): Float64Array {
  const sym = b === undefined;
  const blas = opts.simd === undefined ? float64Kernels() : null; // an explicit kernel choice (tests) keeps the Gram path
  if (blas) {
    const out = new Float64Array(na * nb);
    blas.gemm(false, true, na, nb, k, a, b ?? a, out);
    return sym ? symmetrize(out, na) : out;
  }
  const ws = new GramWorkspace(k, na, sym ? 0 : nb, BLOCK * BLOCK, opts);
  ws.loadA(a, na);
  if (!sym) ws.loadB(b, nb);
  const out = new Float64Array(na * nb);
  for (let i0 = 0; i0 < na; i0 += BLOCK) {
    const ni = Math.min(BLOCK, na - i0);
    for (let j0 = sym ? i0 : 0; j0 < nb; j0 += BLOCK) {
      const nj = Math.min(BLOCK, nb - j0);
      const t = ws.tile(i0, ni, j0, nj);
      const s = GramWorkspace.stride(nj);
      for (let r = 0; r < ni; r++) {
        for (let c = 0; c < nj; c++) {
          const v = t[r * s + c];
          out[(i0 + r) * nb + j0 + c] = v;
          if (sym) out[(j0 + c) * nb + i0 + r] = v;
        }
      }
    }
  }
  return out;
}

/** Column means of a row-major [n, d] matrix (float64 accumulation). */
export function columnMeans(x: Float64Array, n: number, d: number): Float64Array {
  const mu = new Float64Array(d);
  const blas = float64Kernels();
  if (blas) {
    blas.gemm(false, false, 1, d, n, new Float64Array(n).fill(1 / n), x, mu); // (1/n)·1ᵀX, one BLAS pass
    return mu;
  }
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) mu[j] += x[o + j];
  }
  for (let j = 0; j < d; j++) mu[j] /= n;
  return mu;
}

/** Unbiased (N−1) covariance [d, d] of a row-major [n, d] matrix around the given means. */
export function covariance(x: Float64Array, n: number, d: number, mu: Float64Array): Float64Array {
  if (n < 2) throw new Error(`covariance needs at least 2 samples, got ${n}.`);
  const blas = float64Kernels();
  let sigma: Float64Array;
  if (blas) {
    sigma = new Float64Array(d * d);
    blas.gramT(d, n, x, sigma, mu); // (X − 1μᵀ)ᵀ(X − 1μᵀ), centred in the kernel
  } else {
    // Centre and transpose to [d, n] so each covariance entry is one contiguous dot product; blocks of
    // rows keep the strided writes in cache (2–3× faster than row by row on 10k × 128).
    const xt = new Float64Array(d * n);
    const rows = 64;
    for (let i0 = 0; i0 < n; i0 += rows) {
      const i1 = Math.min(n, i0 + rows);
      for (let j = 0; j < d; j++) {
        const m = mu[j], row = j * n;
        for (let i = i0; i < i1; i++) xt[row + i] = x[i * d + j] - m;
      }
    }
    sigma = matmulNT(xt, d, n);
  }
  const scale = 1 / (n - 1);
  for (let i = 0; i < sigma.length; i++) sigma[i] *= scale;
  return sigma;
}

/** Symmetric PSD square root V·diag(√max(λ, 0))·Vᵀ of a symmetric matrix, as row-major [d, d]. */
export function sqrtPsd(m: Float64Array, d: number): Float64Array {
  const { values, vectors } = symmetricEigen(m, d) as { values: Float64Array; vectors: Float64Array };
  // W = V·diag(λ^¼), so √M = W·Wᵀ (exactly symmetric through matmulNT's mirroring).
  const w = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(Math.sqrt(Math.max(values[j], 0)));
    for (let i = 0; i < d; i++) w[i * d + j] = vectors[i * d + j] * s;
  }
  return matmulNT(w, d, d);
}

/** (M + Mᵀ)/2 for a row-major square matrix. */
export function symmetrize(m: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v = 0.5 * (m[i * d + j] + m[j * d + i]);
      out[i * d + j] = v;
      out[j * d + i] = v;
    }
  }
  return out;
}

/** Trace of a row-major square matrix. */
export function trace(m: Float64Array, d: number): number {
  let t = 0;
  for (let i = 0; i < d; i++) t += m[i * d + i];
  return t;
}

