// The exact GELU x·Φ(x) and its gradient, vectorised through libmvec (vector-math.h): with scalar erff
// and expf the gradient of a GPT block's [768, 512] activation took 2.9 ms, more than the composed ops
// it replaced; vectorised, the GPT step is ~11 % faster than with the composed ops.
#include "vector-math.h"
#include "unary.h"

void genlab_gelu(size_t n, const float *x, float *y) {
  // the composed form's operations in its order: (x·½)·(erf(x·√½) + 1)
  for (size_t i = 0; i < n; i++) y[i] = (x[i] * 0.5f) * (erff(x[i] * 0.70710678118654752f) + 1.0f);
}

void genlab_gelu_grad(size_t n, const float *dy, const float *x, float *dx) {
  // d/dx x·Φ(x) = Φ(x) + x·φ(x), φ(x) = exp(−x²/2)/√(2π)
  for (size_t i = 0; i < n; i++) {
    const float v = x[i];
    const float cdf = 0.5f * (1.0f + erff(v * 0.70710678118654752f));
    dx[i] = dy[i] * (cdf + v * 0.39894228040143268f * expf(-0.5f * v * v));
  }
}
