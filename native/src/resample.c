// Integer-factor nearest-neighbour upsampling of NHWC tensors and its adjoint (block sums): with a
// scale, the same two loops are ResizeNearestNeighbor / its gradient and k×k stride-k AvgPool / its
// gradient — the UNet's up- and down-sampling. wasm ran ResizeNearestNeighborGrad and AvgPoolGrad as
// genlab's composed patches (6 and 3 ms per UNet step) and the forward resize at 1.7–5.8 ms per call.
#include "resample.h"

void genlab_upsample(size_t batch, size_t h, size_t w, size_t c, size_t sh, size_t sw, float scale, const float *x, float *y) {
  const size_t W = w * sw;
  for (size_t b = 0; b < batch; b++)
    for (size_t i = 0; i < h; i++) {
      const float *xr = x + (b * h + i) * w * c;
      float *y0 = y + (b * h * sh + i * sh) * W * c;
      for (size_t j = 0; j < w; j++)
        for (size_t q = 0; q < sw; q++)
          for (size_t k = 0; k < c; k++) y0[(j * sw + q) * c + k] = xr[j * c + k] * scale;
      for (size_t p = 1; p < sh; p++) // the other rows of the block repeat the first
        for (size_t k = 0; k < W * c; k++) y0[p * W * c + k] = y0[k];
    }
}

void genlab_block_sum(size_t batch, size_t h, size_t w, size_t c, size_t sh, size_t sw, float scale, const float *y, float *x) {
  const size_t W = w * sw;
  for (size_t b = 0; b < batch; b++)
    for (size_t i = 0; i < h; i++) {
      float *xr = x + (b * h + i) * w * c;
      for (size_t k = 0; k < w * c; k++) xr[k] = 0;
      for (size_t p = 0; p < sh; p++) {
        const float *yr = y + (b * h * sh + i * sh + p) * W * c;
        for (size_t j = 0; j < w; j++)
          for (size_t q = 0; q < sw; q++)
            for (size_t k = 0; k < c; k++) xr[j * c + k] += yr[(j * sw + q) * c + k];
      }
      for (size_t k = 0; k < w * c; k++) xr[k] *= scale;
    }
}
