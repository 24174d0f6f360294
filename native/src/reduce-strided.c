// Sums over any axis set of a (collapsed) 4-D float32 tensor, with float64 accumulators; plain C, so the
// wasm kernels (wasm/src) build it too.
#include <stdlib.h>
#include "reduce.h"

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
