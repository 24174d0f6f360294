// Float64 GEMM and centred Gram (covariance) products in wasm SIMD128 for the metrics (FID's means and
// covariances, KID's kernels, precision/recall's distances), replacing the 2×2-tile Gram kernel of
// src/metrics/gram.ts on the wasm engine. Register block 4 rows × 4 columns (8 f64x2 accumulators).
#include <stdlib.h>
#include <wasm_simd128.h>

#ifdef __wasm_relaxed_simd__
#define FMA2(acc, x, y) acc = __builtin_wasm_relaxed_madd_f64x2(x, y, acc)
#else
#define FMA2(acc, x, y) acc = wasm_f64x2_add(acc, wasm_f64x2_mul(x, y))
#endif

/**
 * C [m, n] (+)= op(A)·B, op(A)(i, p) = a[i·rowA + p·colA], B row-major [k, n] with leading dim ldb;
 * `upper` skips the 4×4 blocks wholly below the diagonal (a symmetric product mirrored afterwards).
 */
static void dgemm_panel(const double *a, int rowA, int colA, const double *b, int ldb, double *c, int ldc, int m, int n,
                        int k, int accumulate, int upper) {
  int i = 0;
  for (; i + 4 <= m; i += 4) {
    const double *a0 = a + i * rowA, *a1 = a0 + rowA, *a2 = a1 + rowA, *a3 = a2 + rowA;
    int j = upper ? i : 0;
    for (; j + 4 <= n; j += 4) {
      v128_t c00 = wasm_f64x2_splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
      const double *bp = b + j;
      for (int p = 0; p < k; p++, bp += ldb) {
        const v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 2);
        v128_t x = wasm_v128_load64_splat(a0 + p * colA); FMA2(c00, x, b0); FMA2(c01, x, b1);
        x = wasm_v128_load64_splat(a1 + p * colA); FMA2(c10, x, b0); FMA2(c11, x, b1);
        x = wasm_v128_load64_splat(a2 + p * colA); FMA2(c20, x, b0); FMA2(c21, x, b1);
        x = wasm_v128_load64_splat(a3 + p * colA); FMA2(c30, x, b0); FMA2(c31, x, b1);
      }
      const v128_t acc[8] = {c00, c01, c10, c11, c20, c21, c30, c31};
      for (int r = 0; r < 4; r++) {
        double *cp = c + (i + r) * ldc + j;
        v128_t lo = acc[2 * r], hi = acc[2 * r + 1];
        if (accumulate) { lo = wasm_f64x2_add(lo, wasm_v128_load(cp)); hi = wasm_f64x2_add(hi, wasm_v128_load(cp + 2)); }
        wasm_v128_store(cp, lo);
        wasm_v128_store(cp + 2, hi);
      }
    }
    for (; j < n; j++) { // column tail
      for (int r = 0; r < 4; r++) {
        double s = 0;
        for (int p = 0; p < k; p++) s += a[(i + r) * rowA + p * colA] * b[p * ldb + j];
        c[(i + r) * ldc + j] = accumulate ? c[(i + r) * ldc + j] + s : s;
      }
    }
  }
  for (; i < m; i++) { // row tail: two columns at a time
    const double *ai = a + i * rowA;
    int j = 0;
    for (; j + 2 <= n; j += 2) {
      v128_t s = wasm_f64x2_splat(0);
      for (int p = 0; p < k; p++) FMA2(s, wasm_v128_load64_splat(ai + p * colA), wasm_v128_load(b + p * ldb + j));
      double *cp = c + i * ldc + j;
      wasm_v128_store(cp, accumulate ? wasm_f64x2_add(s, wasm_v128_load(cp)) : s);
    }
    for (; j < n; j++) {
      double s = 0;
      for (int p = 0; p < k; p++) s += ai[p * colA] * b[p * ldb + j];
      c[i * ldc + j] = accumulate ? c[i * ldc + j] + s : s;
    }
  }
}

/** Depth of the k-blocks: a [KC, 4] panel of B (8 KB) stays in L1 across the rows of A. */
#define KC 256

/** C [m, n] = op(A)·B in k-blocks (k = 0 writes zeros). */
static void dgemm(const double *a, int rowA, int colA, const double *b, int ldb, double *c, int m, int n, int k) {
  int p0 = 0;
  do {
    const int kc = k - p0 < KC ? k - p0 : KC;
    dgemm_panel(a + p0 * colA, rowA, colA, b + p0 * ldb, ldb, c, n, m, n, kc, p0 > 0, 0);
    p0 += KC;
  } while (p0 < k);
}

/** C [m, n] = op(A)·op(B), row-major; transB packs Bᵀ into malloc'd memory. Returns -1 when out of memory. */
__attribute__((export_name("genlab_dgemm")))
int genlab_dgemm(int transA, int transB, int m, int n, int k, const double *a, const double *b, double *c) {
  double *packed = 0;
  if (transB) { // B is [n, k]: pack to [k, n]
    packed = malloc((size_t)k * n * sizeof(double));
    if (!packed) return -1;
    for (int r = 0; r < n; r++)
      for (int q = 0; q < k; q++) packed[q * n + r] = b[r * k + q];
    b = packed;
  }
  dgemm(a, transA ? 1 : k, transA ? m : 1, b, n, c, m, n, k);
  if (packed) free(packed);
  return 0;
}

/** Rows of A centred per block before they enter the product (A − 1μᵀ never exists in full). */
#define CENTRE_ROWS 256

/**
 * C [n, n] = Aᵀ·A for A [k, n], or (A − 1μᵀ)ᵀ(A − 1μᵀ) with `centre` μ (null: none); mirrored so C is
 * exactly symmetric. Returns -1 when out of memory.
 */
__attribute__((export_name("genlab_dgram_t")))
int genlab_dgram_t(int n, int k, const double *a, double *c, const double *centre) {
  double *block = malloc((size_t)CENTRE_ROWS * n * sizeof(double));
  if (!block) return -1;
  for (int i = 0; i < n * n; i++) c[i] = 0;
  for (int r0 = 0; r0 < k; r0 += CENTRE_ROWS) {
    const int rows = k - r0 < CENTRE_ROWS ? k - r0 : CENTRE_ROWS;
    const double *src = a + (size_t)r0 * n;
    if (centre) {
      for (int r = 0; r < rows; r++)
        for (int j = 0; j < n; j++) block[r * n + j] = src[r * n + j] - centre[j];
      src = block;
    }
    dgemm_panel(src, 1, n, src, n, c, n, n, n, rows, 1, 1); // upper blocks of C += blockᵀ·block
  }
  free(block);
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) c[j * n + i] = c[i * n + j]; // lower from upper
  return 0;
}
