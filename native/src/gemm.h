// Batched row-major float32 GEMM and im2col convolutions over OpenBLAS, on caller-owned memory.
#ifndef GENLAB_GEMM_H
#define GENLAB_GEMM_H
#include <stddef.h>
#include <stdint.h>

/** C_i = op(A_i) · op(B_i) for i < batch; A_i = base + aOff[i] (byte offsets), row-major, no padding. */
void genlab_sgemm_batch(uint8_t *base, int transA, int transB, int m, int n, int k,
                        const uint32_t *aOff, const uint32_t *bOff, const uint32_t *cOff, size_t batch);

/** Geometry of an NHWC convolution x [N,H,W,Ci] ⊛ w [fh,fw,Ci,Co] → y [N,Ho,Wo,Co]. */
typedef struct {
  int n, h, w, ci, ho, wo, co, fh, fw, sh, sw, dh, dw, top, left;
} genlab_conv_geom;

enum { GENLAB_CONV_FORWARD = 0, GENLAB_CONV_FILTER_GRAD = 1, GENLAB_CONV_INPUT_GRAD = 2 };

/**
 * FORWARD: y = x ⊛ w; FILTER_GRAD: w = ∂L/∂w from x and y = ∂L/∂y; INPUT_GRAD: x = ∂L/∂x from y = ∂L/∂y
 * and w. Returns 0, or -1 when the im2col workspace cannot be allocated.
 */
int genlab_conv2d(int mode, const genlab_conv_geom *g, float *x, float *w, float *y);

#endif
