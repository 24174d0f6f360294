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

int genlab_reduce_strided(const int32_t *shape, const int32_t *outStride, size_t outLen, float scale, const float *x, float *y) {
  // float64 accumulators: a group-norm statistic sums B·H·W·C/G floats
  double *acc = calloc(outLen ? outLen : 1, sizeof(double));
  if (!acc) return -1;
  const int n = shape[3];
  const int32_t s3 = outStride[3];
  for (int i0 = 0; i0 < shape[0]; i0++) {
    for (int i1 = 0; i1 < shape[1]; i1++) {
      for (int i2 = 0; i2 < shape[2]; i2++) {
        double *o = acc + (ptrdiff_t)i0 * outStride[0] + (ptrdiff_t)i1 * outStride[1] + (ptrdiff_t)i2 * outStride[2];
        if (s3 == 0) {
          double s = 0;
          for (int i = 0; i < n; i++) s += x[i];
          o[0] += s;
        } else {
          for (int i = 0; i < n; i++) o[(ptrdiff_t)i * s3] += x[i];
        }
        x += n;
      }
    }
  }
  for (size_t i = 0; i < outLen; i++) y[i] = (float)(acc[i] * scale);
  free(acc);
  return 0;
}
