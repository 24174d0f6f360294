// NHWC convolutions as im2col + sgemm (the Caffe / PyTorch CPU approach): the patch matrix of
// x is built a chunk of output pixels at a time so the workspace stays near 1 MB (one core's L2), where
// sgemm still finds it in cache: a 3×3 conv of [32,28,28,48] → 16 channels took 19.4 ms (CPU) with 16 MB
// chunks, 6.3–9.9 ms with 4 MB ones; 1 MB chunks took the MNIST UNet step from ~166 to ~161 ms and the
// DCGAN step from ~81 to ~74 ms (CPU, 2 runs each).
#include <cblas.h>
#include <stdlib.h>
#include <string.h>
#include "gemm.h"

#define CHUNK_FLOATS (1u << 18)

/** Copies the patches of output rows [r0, r0+rows) into col [rows, fh·fw·Ci] (zeros where padded). */
static void im2col(const genlab_conv_geom *g, const float *x, float *col, size_t r0, size_t rows) {
  const size_t k = (size_t)g->fh * g->fw * g->ci;
  for (size_t r = 0; r < rows; r++) {
    const size_t rr = r0 + r, n = rr / ((size_t)g->ho * g->wo);
    const int p = (int)((rr / g->wo) % g->ho), q = (int)(rr % g->wo);
    float *dst = col + r * k;
    for (int a = 0; a < g->fh; a++) {
      const int yy = p * g->sh - g->top + a * g->dh;
      for (int b = 0; b < g->fw; b++, dst += g->ci) {
        const int xx = q * g->sw - g->left + b * g->dw;
        if (yy < 0 || yy >= g->h || xx < 0 || xx >= g->w) memset(dst, 0, (size_t)g->ci * sizeof(float));
        else memcpy(dst, x + (((size_t)n * g->h + yy) * g->w + xx) * g->ci, (size_t)g->ci * sizeof(float));
      }
    }
  }
}

/** Adds col [rows, fh·fw·Ci] back into dx at the positions im2col read them from. */
static void col2im(const genlab_conv_geom *g, const float *col, float *dx, size_t r0, size_t rows) {
  const size_t k = (size_t)g->fh * g->fw * g->ci;
  for (size_t r = 0; r < rows; r++) {
    const size_t rr = r0 + r, n = rr / ((size_t)g->ho * g->wo);
    const int p = (int)((rr / g->wo) % g->ho), q = (int)(rr % g->wo);
    const float *src = col + r * k;
    for (int a = 0; a < g->fh; a++) {
      const int yy = p * g->sh - g->top + a * g->dh;
      for (int b = 0; b < g->fw; b++, src += g->ci) {
        const int xx = q * g->sw - g->left + b * g->dw;
        if (yy < 0 || yy >= g->h || xx < 0 || xx >= g->w) continue;
        float *d = dx + (((size_t)n * g->h + yy) * g->w + xx) * g->ci;
        for (int i = 0; i < g->ci; i++) d[i] += src[i];
      }
    }
  }
}

/** A 1×1, stride-1, unpadded conv is a plain matmul: x itself is the patch matrix. */
static int is_pointwise(const genlab_conv_geom *g) {
  return g->fh == 1 && g->fw == 1 && g->sh == 1 && g->sw == 1 && g->top == 0 && g->left == 0 &&
         g->ho == g->h && g->wo == g->w;
}

/**
 * The input gradient of a stride-1 conv as a forward conv of dy with the filter flipped in space and
 * its channel axes swapped, padded by d·(f − 1) − pad: im2col copies instead of col2im's scattered adds.
 * Returns 1 when it ran, 0 when the conv is strided or the flipped filter could not be allocated.
 */
static int input_grad_as_conv(const genlab_conv_geom *g, float *dx, const float *w, float *dy) {
  if (g->sh != 1 || g->sw != 1) return 0;
  const size_t taps = (size_t)g->fh * g->fw;
  float *wf = malloc(taps * g->ci * g->co * sizeof(float)); // [fh, fw, Co, Ci]
  if (!wf) return 0;
  for (int a = 0; a < g->fh; a++)
    for (int b = 0; b < g->fw; b++) {
      const float *src = w + ((size_t)(g->fh - 1 - a) * g->fw + (g->fw - 1 - b)) * g->ci * g->co; // [Ci, Co]
      float *dst = wf + ((size_t)a * g->fw + b) * g->co * g->ci;                                    // [Co, Ci]
      for (int i = 0; i < g->ci; i++)
        for (int o = 0; o < g->co; o++) dst[(size_t)o * g->ci + i] = src[(size_t)i * g->co + o];
    }
  const genlab_conv_geom t = {g->n, g->ho, g->wo, g->co, g->h, g->w, g->ci, g->fh, g->fw, 1, 1, g->dh, g->dw,
                              g->dh * (g->fh - 1) - g->top, g->dw * (g->fw - 1) - g->left};
  const int rc = genlab_conv2d(GENLAB_CONV_FORWARD, &t, dy, wf, dx);
  free(wf);
  return rc == 0;
}

int genlab_conv2d(int mode, const genlab_conv_geom *g, float *x, float *w, float *y) {
  if (mode == GENLAB_CONV_INPUT_GRAD && !(g->fh == 1 && g->fw == 1) && input_grad_as_conv(g, x, w, y)) return 0;
  const size_t total = (size_t)g->n * g->ho * g->wo; // rows of the patch matrix
  const size_t k = (size_t)g->fh * g->fw * g->ci;
  const int co = g->co;
  if (mode == GENLAB_CONV_INPUT_GRAD) memset(x, 0, (size_t)g->n * g->h * g->w * g->ci * sizeof(float));
  if (total == 0 || k == 0 || co == 0) {
    if (mode == GENLAB_CONV_FORWARD) memset(y, 0, total * co * sizeof(float));
    if (mode == GENLAB_CONV_FILTER_GRAD) memset(w, 0, k * co * sizeof(float));
    return 0;
  }
  if (is_pointwise(g)) {
    const int rows = (int)total, kk = (int)k;
    if (mode == GENLAB_CONV_FORWARD)
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, co, kk, 1.0f, x, kk, w, co, 0.0f, y, co);
    else if (mode == GENLAB_CONV_FILTER_GRAD)
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, kk, co, rows, 1.0f, x, kk, y, co, 0.0f, w, co);
    else
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, kk, co, 1.0f, y, co, w, co, 0.0f, x, kk);
    return 0;
  }
  size_t chunk = CHUNK_FLOATS / k;
  if (chunk == 0) chunk = 1;
  if (chunk > total) chunk = total;
  float *col = malloc(chunk * k * sizeof(float));
  if (!col) return -1;
  for (size_t r0 = 0; r0 < total; r0 += chunk) {
    const size_t rows = total - r0 < chunk ? total - r0 : chunk;
    float *yc = y + r0 * co; // [rows, Co] slice of y (or of dy)
    if (mode == GENLAB_CONV_FORWARD) {
      im2col(g, x, col, r0, rows);
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)rows, co, (int)k, 1.0f, col, (int)k, w, co,
                  0.0f, yc, co);
    } else if (mode == GENLAB_CONV_FILTER_GRAD) { // dW [K, Co] = Σ_chunks colᵀ · dy
      im2col(g, x, col, r0, rows);
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)k, co, (int)rows, 1.0f, col, (int)k, yc, co,
                  r0 == 0 ? 0.0f : 1.0f, w, co);
    } else { // dcol = dy · Wᵀ, scattered back into dx
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)rows, (int)k, co, 1.0f, yc, co, w, co, 0.0f, col,
                  (int)k);
      col2im(g, col, x, r0, rows);
    }
  }
  free(col);
  return 0;
}
