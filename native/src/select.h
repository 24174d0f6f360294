// Select, Cast and LogicalNot over tfjs element layouts (see select.c); dtype codes match src/engine/native/select.ts.
#ifndef GENLAB_SELECT_H
#define GENLAB_SELECT_H
#include <stddef.h>
#include <stdint.h>

enum { GENLAB_FLOAT32 = 0, GENLAB_INT32 = 1, GENLAB_BOOL = 2 };

/** out[i] = cond[i] ? a[i] : b[i] over n 4-byte elements. */
void genlab_select(size_t n, const uint8_t *cond, const uint32_t *a, const uint32_t *b, uint32_t *out);

/** Casts n elements between dtype codes `from` and `to` (different); -1 for an unsupported pair. */
int genlab_cast(int from, int to, size_t n, const void *in, void *out);

/** y[i] = !x[i] over n bool bytes. */
void genlab_logical_not(size_t n, const uint8_t *x, uint8_t *y);

#endif
