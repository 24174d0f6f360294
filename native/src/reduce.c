// Sums over leading or trailing axes (Sum / Mean kernels) as one OpenBLAS sgemv with a ones vector:
// tfjs-wasm transposes the reduced axes innermost first, which for batch-norm statistics over N, H, W
// copies the whole activation before summing it.
#include <cblas.h>
#include <stdlib.h>
#include <string.h>
#include "reduce.h"

static float *ones = NULL;
static size_t onesLen = 0;

/** A ones vector of at least n entries, kept between calls (the addon runs on Node's main thread). */
static const float *ones_of(size_t n) {
  if (n > onesLen) {
    float *grown = realloc(ones, n * sizeof(float));
    if (!grown) return NULL;
    ones = grown;
    for (size_t i = onesLen; i < n; i++) ones[i] = 1.0f;
    onesLen = n;
  }
  return ones;
}

int genlab_reduce_sum(int overRows, int rows, int cols, float scale, const float *x, float *y) {
  const int outLen = overRows ? cols : rows;
  if (rows == 0 || cols == 0) {
    memset(y, 0, (size_t)outLen * sizeof(float));
    return 0;
  }
  const float *v = ones_of((size_t)(overRows ? rows : cols));
  if (!v) return -1;
  // overRows: y[cols] = scale · xᵀ·1; else y[rows] = scale · x·1
  cblas_sgemv(CblasRowMajor, overRows ? CblasTrans : CblasNoTrans, rows, cols, scale, x, cols, v, 1, 0.0f, y, 1);
  return 0;
}
