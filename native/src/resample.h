// Integer-factor NHWC resampling on caller-owned memory (see resample.c).
#ifndef GENLAB_RESAMPLE_H
#define GENLAB_RESAMPLE_H
#include <stddef.h>

/** y [batch, h·sh, w·sw, c] = scale · x [batch, h, w, c] repeated over sh×sw blocks. */
void genlab_upsample(size_t batch, size_t h, size_t w, size_t c, size_t sh, size_t sw, float scale, const float *x, float *y);

/** x [batch, h, w, c] = scale · the sums of y [batch, h·sh, w·sw, c] over sh×sw blocks (the adjoint of upsample). */
void genlab_block_sum(size_t batch, size_t h, size_t w, size_t c, size_t sh, size_t sw, float scale, const float *y, float *x);

#endif
