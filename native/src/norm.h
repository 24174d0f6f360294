// Normalisation kernels on caller-owned memory (see norm.c).
#ifndef GENLAB_NORM_H
#define GENLAB_NORM_H
#include <stddef.h>

/** y [rows, channels] = (x − mean)·scale/√(var + ε) + offset with per-channel float32 vectors; offset/scale may be NULL; -1 when out of memory. */
int genlab_batch_norm(size_t rows, size_t channels, const float *x, const float *mean, const float *var,
                      const float *offset, const float *scale, float eps, float *y);

/**
 * Group norm of NHWC x [batch, pixels, channels] with `groups` channel groups: statistics per example and
 * group (float64), then y = (x − μ)/√(σ² + ε)·γ + β per channel; -1 when channels % groups ≠ 0, -2 out of memory.
 */
int genlab_group_norm(size_t batch, size_t pixels, size_t channels, size_t groups, const float *x, const float *gamma,
                      const float *beta, float eps, float *y);

/**
 * The gradient of genlab_group_norm: dx [batch, pixels, channels] and dγ, dβ [channels] from dy, x and γ
 * (statistics recomputed); -1 when channels % groups ≠ 0, -2 out of memory.
 */
int genlab_group_norm_grad(size_t batch, size_t pixels, size_t channels, size_t groups, const float *dy, const float *x,
                           const float *gamma, float eps, float *dx, float *dgamma, float *dbeta);

#endif
