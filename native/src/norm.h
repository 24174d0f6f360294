// Normalisation kernels on caller-owned memory (see norm.c).
#ifndef GENLAB_NORM_H
#define GENLAB_NORM_H
#include <stddef.h>

/** y [rows, channels] = (x − mean)·scale/√(var + ε) + offset with per-channel float32 vectors; offset/scale may be NULL; -1 when out of memory. */
int genlab_batch_norm(size_t rows, size_t channels, const float *x, const float *mean, const float *var,
                      const float *offset, const float *scale, float eps, float *y);

#endif
