// Sums of float32 tensors on caller-owned memory (see reduce.c): row / column sums of a matrix, and sums
// over any axis set of a (collapsed) 4-D tensor.
#ifndef GENLAB_REDUCE_H
#define GENLAB_REDUCE_H
#include <stddef.h>
#include <stdint.h>

/** y = scale · column sums of x [rows, cols] (overRows) or scale · its row sums; -1 if out of memory. */
int genlab_reduce_sum(int overRows, int rows, int cols, float scale, const float *x, float *y);

/**
 * y = scale · sums of x over a 4-D row-major `shape`, element (i0..i3) adding into y[Σ ik·outStride[k]]
 * (stride 0 on reduced dims); y has outLen entries; float64 accumulation; -1 when out of memory.
 */
int genlab_reduce_strided(const int32_t *shape, const int32_t *outStride, size_t outLen, float scale, const float *x, float *y);

#endif
