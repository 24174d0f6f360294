// Row-major float32 GEMM in wasm SIMD128: tfjs-wasm runs batched products through a scalar loop
// (~2 GFLOP/s on attention's [48, 64, 32] × [48, 32, 64]) and needs explicit transposes before
// XNNPACK; this register-blocked kernel (4 rows × 8 columns of C; 6 × 8 spilled registers and ran at
// half speed) reaches 25–38 GFLOP/s on both, 40–50 with relaxed SIMD's fused multiply-add.
#include <stdlib.h>
#include <wasm_simd128.h>
#include <cblas.h>

/** The operands of one product: op(A)(i, p) = a[i·rowA + p·colA]; B row-major [k, n], leading dim ldb. */
typedef struct {
  const float *a;
  int rowA, colA;
  const float *b;
  int ldb;
  float *c;
  int ldc;
  float alpha, beta; // C = alpha·op(A)·B + beta·C; beta is 0 (C not read) or any other value
} product;

static inline v128_t load_cols(const float *p, int w) {
  if (w == 4) return wasm_v128_load(p);
  v128_t v = wasm_f32x4_splat(0);
  v = wasm_f32x4_replace_lane(v, 0, p[0]);
  if (w > 1) v = wasm_f32x4_replace_lane(v, 1, p[1]);
  if (w > 2) v = wasm_f32x4_replace_lane(v, 2, p[2]);
  return v;
}

static inline void store_cols(const product *g, float *c, v128_t acc, int w) {
  acc = wasm_f32x4_mul(acc, wasm_f32x4_splat(g->alpha));
  if (g->beta != 0) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(load_cols(c, w), wasm_f32x4_splat(g->beta)));
  if (w == 4) { wasm_v128_store(c, acc); return; }
  c[0] = wasm_f32x4_extract_lane(acc, 0);
  if (w > 1) c[1] = wasm_f32x4_extract_lane(acc, 1);
  if (w > 2) c[2] = wasm_f32x4_extract_lane(acc, 2);
}

// With relaxed SIMD (the second build) a fused multiply-add where the CPU has one: ~1.3× the GFLOP/s.
#ifdef __wasm_relaxed_simd__
#define FMA(acc, x, y) acc = __builtin_wasm_relaxed_madd_f32x4(x, y, acc)
#else
#define FMA(acc, x, y) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(x, y))
#endif

static void gemm_panel(const product *g, int m, int n, int k) {
  const int colA = g->colA, ldb = g->ldb, ldc = g->ldc;
  int i = 0;
  for (; i + 4 <= m; i += 4) {
    const float *a0 = g->a + (i + 0) * g->rowA, *a1 = a0 + g->rowA, *a2 = a1 + g->rowA, *a3 = a2 + g->rowA;
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      v128_t c00 = wasm_f32x4_splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
      const float *bp = g->b + j;
      for (int p = 0; p < k; p++, bp += ldb) {
        const v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
        const v128_t x0 = wasm_v128_load32_splat(a0 + p * colA), x1 = wasm_v128_load32_splat(a1 + p * colA);
        const v128_t x2 = wasm_v128_load32_splat(a2 + p * colA), x3 = wasm_v128_load32_splat(a3 + p * colA);
        FMA(c00, x0, b0); FMA(c01, x0, b1); FMA(c10, x1, b0); FMA(c11, x1, b1);
        FMA(c20, x2, b0); FMA(c21, x2, b1); FMA(c30, x3, b0); FMA(c31, x3, b1);
      }
      float *cp = g->c + i * ldc + j;
      store_cols(g, cp, c00, 4); store_cols(g, cp + 4, c01, 4); cp += ldc;
      store_cols(g, cp, c10, 4); store_cols(g, cp + 4, c11, 4); cp += ldc;
      store_cols(g, cp, c20, 4); store_cols(g, cp + 4, c21, 4); cp += ldc;
      store_cols(g, cp, c30, 4); store_cols(g, cp + 4, c31, 4);
    }
    for (; j < n; j += 4) {
      const int w = n - j < 4 ? n - j : 4;
      v128_t c0 = wasm_f32x4_splat(0), c1 = c0, c2 = c0, c3 = c0;
      const float *bp = g->b + j;
      for (int p = 0; p < k; p++, bp += ldb) {
        const v128_t b0 = load_cols(bp, w);
        FMA(c0, wasm_v128_load32_splat(a0 + p * colA), b0); FMA(c1, wasm_v128_load32_splat(a1 + p * colA), b0);
        FMA(c2, wasm_v128_load32_splat(a2 + p * colA), b0); FMA(c3, wasm_v128_load32_splat(a3 + p * colA), b0);
      }
      float *cp = g->c + i * ldc + j;
      store_cols(g, cp, c0, w); store_cols(g, cp + ldc, c1, w);
      store_cols(g, cp + 2 * ldc, c2, w); store_cols(g, cp + 3 * ldc, c3, w);
    }
  }
  for (; i < m; i++) {
    const float *ai = g->a + i * g->rowA;
    for (int j = 0; j < n; j += 4) {
      const int w = n - j < 4 ? n - j : 4;
      v128_t acc = wasm_f32x4_splat(0);
      const float *bp = g->b + j;
      for (int p = 0; p < k; p++, bp += ldb) FMA(acc, wasm_v128_load32_splat(ai + p * colA), load_cols(bp, w));
      store_cols(g, g->c + i * ldc + j, acc, w);
    }
  }
}

/** Depth of the k-blocks: a [KC, 8] panel of B (8 KB) stays in L1 across all rows of A. */
#define KC 256

/** C = alpha·op(A)·B + beta·C in k-blocks: the first block applies beta, later ones accumulate. */
static void gemm(const product *g, int m, int n, int k) {
  if (k <= KC) { gemm_panel(g, m, n, k); return; }
  product block = *g;
  for (int p0 = 0; p0 < k; p0 += KC) {
    block.a = g->a + p0 * g->colA;
    block.b = g->b + p0 * g->ldb;
    block.beta = p0 == 0 ? g->beta : 1.0f;
    gemm_panel(&block, m, n, k - p0 < KC ? k - p0 : KC);
  }
}

/** dst [cols, rows] = srcᵀ for src [rows, cols] with leading dim ld. */
static void transpose(const float *src, int ld, float *dst, int rows, int cols) {
  for (int r = 0; r < rows; r++)
    for (int q = 0; q < cols; q++) dst[q * rows + r] = src[r * ld + q];
}

/** op(B) as a row-major [k, n] matrix: B itself, or its transpose packed into `packed` (k·n floats). */
static const float *row_major_b(const float *b, int ldb, int transB, int n, int k, float *packed, int *ld) {
  if (!transB) { *ld = ldb; return b; }
  transpose(b, ldb, packed, n, k);
  *ld = n;
  return packed;
}

void cblas_sgemm(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb, int m, int n, int k,
                 float alpha, const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc) {
  (void)order;
  if (m <= 0 || n <= 0) return;
  float *packed = tb == CblasTrans ? malloc((size_t)k * n * sizeof(float)) : 0;
  if (tb == CblasTrans && !packed) __builtin_trap();
  product g = {a, ta == CblasTrans ? 1 : lda, ta == CblasTrans ? lda : 1, 0, 0, c, ldc, alpha, beta};
  g.b = row_major_b(b, ldb, tb == CblasTrans, n, k, packed, &g.ldb);
  gemm(&g, m, n, k);
  if (packed) free(packed);
}

/**
 * C_i = op(A_i)·op(B_i) for i < batch, row-major, no padding; aOff[i] etc. are the matrices' addresses
 * (byte offsets in the shared memory). A repeated B address (broadcast) is packed once.
 */
__attribute__((export_name("genlab_sgemm_batch")))
int genlab_sgemm_batch(int transA, int transB, int m, int n, int k, const unsigned *aOff, const unsigned *bOff,
                       const unsigned *cOff, int batch) {
  if (m <= 0 || n <= 0) return 0;
  float *packed = transB ? malloc((size_t)k * n * sizeof(float)) : 0;
  if (transB && !packed) return -1;
  product g = {0, transA ? 1 : k, transA ? m : 1, 0, 0, 0, n, 1.0f, 0.0f};
  for (int i = 0; i < batch; i++) {
    g.a = (const float *)aOff[i];
    g.c = (float *)cOff[i];
    if (!transB || i == 0 || bOff[i] != bOff[i - 1]) g.b = row_major_b((const float *)bOff[i], transB ? k : n, transB, n, k, packed, &g.ldb);
    gemm(&g, m, n, k);
  }
  if (packed) free(packed);
  return 0;
}
