// Broadcasting float32 arithmetic on caller-owned memory (see binary.c); op codes match src/engine/native/binary.ts.
#ifndef GENLAB_BINARY_H
#define GENLAB_BINARY_H
#include <stddef.h>
#include <stdint.h>

enum { GENLAB_ADD = 0, GENLAB_SUB = 1, GENLAB_MUL = 2, GENLAB_DIV = 3, GENLAB_SQUARED_DIFFERENCE = 4 };

/** out[i0,i1,i2,i3] = a[Σ ik·sa[k]] OP b[Σ ik·sb[k]] over the 4-D `shape` (row-major out); -1 for an unknown op. */
int genlab_binary(int op, const int32_t *shape, const int32_t *sa, const int32_t *sb, const float *a, const float *b, float *out);

#endif
