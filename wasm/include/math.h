// The libm subset the shared kernels use, for the wasm build: sqrt and friends are wasm instructions
// (compiler builtins); exp, log, log1p, erf and tanh are branch-free inline versions of Cephes' float
// algorithms (minimax polynomials after range reduction, ~1–2 ulp; erf/tanh near 0 use their series),
// written with selects so clang's loop vectoriser turns the kernels' loops into SIMD128 code. A libm
// linked in would bring static data (tables) into tfjs' memory, which this module must not own.
#ifndef GENLAB_WASM_MATH_H
#define GENLAB_WASM_MATH_H
#define sqrtf(x) __builtin_sqrtf(x)
#define sqrt(x) __builtin_sqrt(x)
#define fabsf(x) __builtin_fabsf(x)
#define truncf(x) __builtin_truncf(x)
#define floorf(x) __builtin_floorf(x)
#define isnan(x) __builtin_isnan(x)
#define isinf(x) __builtin_isinf(x)
#define isfinite(x) __builtin_isfinite(x)
#define INFINITY (__builtin_inff())
#define NAN (__builtin_nanf(""))

/** Exact only where a / b is exact (b a power of two, as in select.c's int32 wrap-around). */
static inline double fmod(double a, double b) { return a - __builtin_trunc(a / b) * b; }

static inline float genlab_from_bits(int i) { return __builtin_bit_cast(float, i); }
static inline int genlab_bits(float f) { return __builtin_bit_cast(int, f); }

/** e^x: x = n·ln 2 + r, |r| ≤ ½ ln 2; 2^n applied in two halves so subnormal results stay graded. */
static inline __attribute__((always_inline)) float expf(float x) {
  const float xc = x > 88.72283935546875f ? 88.72283935546875f : (x < -103.972084045410f ? -103.972084045410f : x);
  const float n = __builtin_floorf(xc * 1.44269504088896341f + 0.5f);
  const float r = (xc - n * 0.693359375f) - n * -2.12194440e-4f;
  const float z = r * r;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const float er = p * z + r + 1.0f;
  const int ni = (int)n, n1 = ni >> 1, n2 = ni - n1;
  const float y = er * genlab_from_bits((n1 + 127) << 23) * genlab_from_bits((n2 + 127) << 23);
  return x != x ? x : x > 88.72283935546875f ? __builtin_inff() : x < -103.972084045410f ? 0.0f : y;
}

/** ln x: x = m·2^e with m in [√½, √2), ln(1 + f) by Cephes' degree-9 polynomial. */
static inline __attribute__((always_inline)) float logf(float x) {
  const int sub = x < 1.17549435e-38f; // subnormal (or ≤ 0): scale into the normal range first
  const float xs = sub ? x * 8388608.0f : x;
  const int bits = genlab_bits(xs);
  float e = (float)(((bits >> 23) & 0xff) - 126) - (sub ? 23.0f : 0.0f);
  float m = genlab_from_bits((bits & 0x807fffff) | 0x3f000000); // [0.5, 1)
  const int low = m < 0.707106781186547524f;
  e = low ? e - 1.0f : e;
  m = low ? m + m - 1.0f : m - 1.0f;
  const float z = m * m;
  float p = 7.0376836292e-2f;
  p = p * m - 1.1514610310e-1f;
  p = p * m + 1.1676998740e-1f;
  p = p * m - 1.2420140846e-1f;
  p = p * m + 1.4249322787e-1f;
  p = p * m - 1.6668057665e-1f;
  p = p * m + 2.0000714765e-1f;
  p = p * m - 2.4999993993e-1f;
  p = p * m + 3.3333331174e-1f;
  float y = m * z * p + e * -2.12194440e-4f - 0.5f * z;
  y = m + y + e * 0.693359375f;
  return x != x ? x : x < 0.0f ? __builtin_nanf("") : x == 0.0f ? -__builtin_inff() : x == __builtin_inff() ? x : y;
}

/** ln(1 + u), accurate for small u: ln(w)·u/(w − 1) with w = 1 + u rounded (Goldberg 1991). */
static inline __attribute__((always_inline)) float log1pf(float u) {
  const float w = 1.0f + u;
  const float d = w - 1.0f;
  return d == 0.0f ? u : w == __builtin_inff() ? w : logf(w) * (u / d);
}

/** tanh: Cephes' odd polynomial below 0.625, else 1 − 2/(e^{2|x|} + 1) with the sign of x. */
static inline __attribute__((always_inline)) float tanhf(float x) {
  const float a = __builtin_fabsf(x);
  const float z = x * x;
  float p = -5.70498872745e-3f;
  p = p * z + 2.06390887954e-2f;
  p = p * z - 5.37397155531e-2f;
  p = p * z + 1.33314422036e-1f;
  p = p * z - 3.33332819422e-1f;
  const float small = x + x * z * p;
  const float big = 1.0f - 2.0f / (expf(a + a) + 1.0f);
  return __builtin_copysignf(a < 0.625f ? small : big, x); // copysign keeps tanh(−0) = −0
}

/**
 * erf: the Maclaurin series through x¹⁹ below 0.75 (truncation < 1e-10), else 1 − erfc with Numerical
 * Recipes' Chebyshev erfc (fractional error < 1.2e-7), signed.
 */
static inline __attribute__((always_inline)) float erff(float x) {
  const float a = __builtin_fabsf(x);
  const float z = x * x;
  float s = -1.0f / 6894720.0f; // erf(x) = (2/√π)·x·(1 + z·s(z)), z = x²
  s = s * z + 1.0f / 685440.0f;
  s = s * z - 1.0f / 75600.0f;
  s = s * z + 1.0f / 9360.0f;
  s = s * z - 1.0f / 1320.0f;
  s = s * z + 1.0f / 216.0f;
  s = s * z - 1.0f / 42.0f;
  s = s * z + 1.0f / 10.0f;
  s = s * z - 1.0f / 3.0f;
  // 2/√π split into a float and its remainder, so the leading term x·2/√π is rounded once
  const float small = x * 1.12837922573089599609375f + x * (-5.86353835e-8f + 1.12837922573089599609375f * (z * s));
  const float t = 1.0f / (1.0f + 0.5f * a);
  float q = 0.17087277f;
  q = q * t - 0.82215223f;
  q = q * t + 1.48851587f;
  q = q * t - 1.13520398f;
  q = q * t + 0.27886807f;
  q = q * t - 0.18628806f;
  q = q * t + 0.09678418f;
  q = q * t + 0.37409196f;
  q = q * t + 1.00002368f;
  q = q * t - 1.26551223f;
  const float erfc = t * expf(-z + q);
  return x != x ? x : __builtin_copysignf(a < 0.75f ? small : 1.0f - erfc, x); // copysign keeps erf(−0) = −0
}
#endif
