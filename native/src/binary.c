// Broadcasting float32 arithmetic (Add, Sub, Multiply, RealDiv, SquaredDifference) on caller-owned
// memory. tfjs-wasm's broadcasting path computes an index per element: in a diffusion UNet step the
// group-norm arithmetic ([B,HW,G,C/G] against [B,1,G,1]) and its gradient took ~40 % of the time.
// The caller collapses the shapes to ≤ 4 dims; each operand has an element stride per dim (0 where it
// broadcasts), and the innermost dim runs one vectorisable loop per stride pattern.
#include "binary.h"

#define APPLY(OPX)                                                                         \
  for (int i0 = 0; i0 < shape[0]; i0++) {                                                  \
    for (int i1 = 0; i1 < shape[1]; i1++) {                                                \
      for (int i2 = 0; i2 < shape[2]; i2++) {                                              \
        const float *pa = a + (ptrdiff_t)i0 * sa[0] + (ptrdiff_t)i1 * sa[1] + (ptrdiff_t)i2 * sa[2]; \
        const float *pb = b + (ptrdiff_t)i0 * sb[0] + (ptrdiff_t)i1 * sb[1] + (ptrdiff_t)i2 * sb[2]; \
        const int n = shape[3];                                                            \
        if (sa[3] == 1 && sb[3] == 1) {                                                    \
          for (int i = 0; i < n; i++) { const float x = pa[i], y = pb[i]; out[i] = (OPX); } \
        } else if (sa[3] == 1 && sb[3] == 0) {                                             \
          const float y = pb[0];                                                           \
          for (int i = 0; i < n; i++) { const float x = pa[i]; out[i] = (OPX); }           \
        } else if (sa[3] == 0 && sb[3] == 1) {                                             \
          const float x = pa[0];                                                           \
          for (int i = 0; i < n; i++) { const float y = pb[i]; out[i] = (OPX); }           \
        } else {                                                                           \
          for (int i = 0; i < n; i++) { const float x = pa[(ptrdiff_t)i * sa[3]], y = pb[(ptrdiff_t)i * sb[3]]; out[i] = (OPX); } \
        }                                                                                  \
        out += n;                                                                          \
      }                                                                                    \
    }                                                                                      \
  }                                                                                        \
  return 0

int genlab_binary(int op, const int32_t *shape, const int32_t *sa, const int32_t *sb, const float *a, const float *b, float *out) {
  switch (op) {
    case GENLAB_ADD: APPLY(x + y);
    case GENLAB_SUB: APPLY(x - y);
    case GENLAB_MUL: APPLY(x * y);
    case GENLAB_DIV: APPLY(x / y);
    case GENLAB_SQUARED_DIFFERENCE: APPLY((x - y) * (x - y));
    default: return -1;
  }
}
