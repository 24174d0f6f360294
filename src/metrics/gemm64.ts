// An optional float64 GEMM for the metrics' linear algebra: the native backend installs OpenBLAS'
// dgemm here (a 10k × 128 covariance: ~60 ms on the wasm Gram kernel, a few ms in BLAS); without one,
// linalg.ts uses the wasm SIMD / JS Gram kernel. Kept apart so the metrics stay browser-safe.

/** C [m, n] = op(A)·op(B) for row-major A ([m, k], or [k, m] when transA) and B ([k, n], or [n, k] when transB). */
export type Gemm64 = (transA: boolean, transB: boolean, m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array) => void;

let provider: Gemm64 | null = null;

/** Installs (or with null removes) the float64 GEMM the metrics use. */
export function setFloat64Gemm(gemm: Gemm64 | null): void {
  provider = gemm;
}

/** The installed float64 GEMM, or null. */
export function float64Gemm(): Gemm64 | null {
  return provider;
}
