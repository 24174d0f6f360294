// The one cblas entry point native/src/conv.c uses, implemented in wasm/src/gemm.c (row-major only).
#ifndef GENLAB_WASM_CBLAS_H
#define GENLAB_WASM_CBLAS_H
enum CBLAS_ORDER { CblasRowMajor = 101 };
enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112 };
void cblas_sgemm(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb, int m, int n, int k,
                 float alpha, const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc);
#endif
