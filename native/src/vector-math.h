// glibc's vector libm (libmvec: 4-wide SSE variants of expf, logf, erff, tanhf, log1pf), declared as
// its math-vector.h does under -ffast-math, so loops calling them vectorise without fast-math (whose
// NaN/Inf shortcuts would reach every kernel). Include after <math.h>. Elsewhere the scalar libm runs.
#ifndef GENLAB_VECTOR_MATH_H
#define GENLAB_VECTOR_MATH_H
#include <math.h>

#if defined(__x86_64__) && defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 35) // erff, tanhf, log1pf: 2.35
#define GENLAB_SIMD __attribute__((__simd__("notinbranch")))
float expf(float) GENLAB_SIMD;
float logf(float) GENLAB_SIMD;
float erff(float) GENLAB_SIMD;
float tanhf(float) GENLAB_SIMD;
float log1pf(float) GENLAB_SIMD;
#endif

#endif
