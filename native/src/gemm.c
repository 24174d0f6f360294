// Batched sgemm: one cblas_sgemm per batch entry (OpenBLAS threads each large product itself and
// keeps small ones on one thread, which suits attention's many small matrices).
#include <cblas.h>
#include <string.h>
#include "gemm.h"

void genlab_sgemm_batch(uint8_t *base, int transA, int transB, int m, int n, int k,
                        const uint32_t *aOff, const uint32_t *bOff, const uint32_t *cOff, size_t batch) {
  if (m == 0 || n == 0) return;
  for (size_t i = 0; i < batch; i++) {
    float *c = (float *)(base + cOff[i]);
    if (k == 0) { // an empty sum: BLAS may skip the beta scaling, so zero C explicitly
      memset(c, 0, (size_t)m * n * sizeof(float));
      continue;
    }
    const float *a = (const float *)(base + aOff[i]);
    const float *b = (const float *)(base + bOff[i]);
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, 1.0f, a, transA ? m : k, b, transB ? k : n, 0.0f, c, n);
  }
}
