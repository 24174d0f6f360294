// Optional float64 kernels for the metrics' linear algebra. The native backend installs OpenBLAS /
// LAPACK ones: a 10k × 128 covariance takes ~60 ms on the wasm Gram kernel and ~6 ms as dsyrk; FID's
// two 128 × 128 eigenproblems ~20 ms in the JS port and < 1 ms in dsyevd. Without them linalg.ts uses
// the wasm SIMD / JS Gram kernel and eigen.ts the JAMA port. The engine installs them, metrics/ reads them.

/** Float64 kernels on row-major arrays. */
export interface Float64Kernels {
  /** C [m, n] = op(A)·op(B) for A ([m, k], or [k, m] when transA) and B ([k, n], or [n, k] when transB). */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array): void;
  /** C [n, n] = Aᵀ·A for A [k, n], or (A − 1μᵀ)ᵀ(A − 1μᵀ) with a `centre` μ [n]; exactly symmetric. */
  gramT(n: number, k: number, a: Float64Array, c: Float64Array, centre: Float64Array | null): void;
  /**
   * Eigenvalues (ascending) of the symmetric `a` [n, n] into `w`; with `vectors`, `a` becomes the
   * eigenvectors, column-major. Optional: without it eigen.ts runs its JS port.
   */
  symEig?(vectors: boolean, n: number, a: Float64Array, w: Float64Array): void;
}

let installed: Float64Kernels | null = null;

/** Installs (or with null removes) the float64 kernels the metrics use. */
export function setFloat64Kernels(kernels: Float64Kernels | null): void {
  installed = kernels;
}

/** The installed float64 kernels, or null. */
export function float64Kernels(): Float64Kernels | null {
  return installed;
}
