// Elementwise float32 functions on caller-owned memory (see unary.c); op codes match src/engine/native/unary.ts.
#ifndef GENLAB_UNARY_H
#define GENLAB_UNARY_H
#include <stddef.h>
#include <stdint.h>

enum { GENLAB_EXP = 0, GENLAB_LOG = 1, GENLAB_ERF = 2, GENLAB_TANH = 3, GENLAB_SQRT = 4, GENLAB_SOFTPLUS = 5, GENLAB_LEAKY_RELU = 6 };

/** y[i] = f(x[i]) for i < n (x and y may be the same); `param` is LeakyRelu's alpha; -1 for an unknown op. */
int genlab_unary(int op, size_t n, float param, const float *x, float *y);

enum { GENLAB_GREATER = 0, GENLAB_GREATER_EQUAL = 1, GENLAB_LESS = 2, GENLAB_LESS_EQUAL = 3, GENLAB_EQUAL = 4, GENLAB_NOT_EQUAL = 5 };

/** out[i] = a[i] OP b[bScalar ? 0 : i] as 0/1 bytes (tfjs bool), on int32 (isInt) or float32; -1 for an unknown op. */
int genlab_compare(int op, int isInt, size_t n, const void *a, const void *b, int bScalar, uint8_t *out);

/** SiLU y = x·s from x and its sigmoid s (the sigmoid stays wasm's XNNPACK kernel); y may alias s. */
void genlab_silu(size_t n, const float *x, const float *s, float *y);

/** SiLU's gradient dx = dy·s·(1 + x·(1 − s)) with s = σ(x). */
void genlab_silu_grad(size_t n, const float *dy, const float *x, const float *s, float *dx);

/** Exact GELU y = ½·x·(1 + erf(x/√2)). */
void genlab_gelu(size_t n, const float *x, float *y);

/** GELU's gradient dx = dy·(Φ(x) + x·φ(x)). */
void genlab_gelu_grad(size_t n, const float *dy, const float *x, float *dx);

enum { GENLAB_ACT_SILU = 0, GENLAB_ACT_GELU = 1 };

#endif
