// Elementwise float32 functions on caller-owned memory (see unary.c); op codes match src/engine/native/unary.ts.
#ifndef GENLAB_UNARY_H
#define GENLAB_UNARY_H
#include <stddef.h>

enum { GENLAB_EXP = 0, GENLAB_LOG = 1, GENLAB_ERF = 2, GENLAB_TANH = 3, GENLAB_SQRT = 4, GENLAB_SOFTPLUS = 5 };

/** y[i] = f(x[i]) for i < n (x and y may be the same); -1 for an unknown op. */
int genlab_unary(int op, size_t n, const float *x, float *y);

#endif
