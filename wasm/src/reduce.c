// Row and column sums of a float32 matrix in wasm SIMD128 (native/src/reduce.c uses OpenBLAS sgemv).
#include <wasm_simd128.h>
#include "../../native/src/reduce.h"

/** Sum of x[0 … n) with four vector accumulators. */
static float sum_row(const float *x, int n) {
  v128_t a0 = wasm_f32x4_splat(0), a1 = a0, a2 = a0, a3 = a0;
  int i = 0;
  for (; i + 16 <= n; i += 16) {
    a0 = wasm_f32x4_add(a0, wasm_v128_load(x + i));
    a1 = wasm_f32x4_add(a1, wasm_v128_load(x + i + 4));
    a2 = wasm_f32x4_add(a2, wasm_v128_load(x + i + 8));
    a3 = wasm_f32x4_add(a3, wasm_v128_load(x + i + 12));
  }
  for (; i + 4 <= n; i += 4) a0 = wasm_f32x4_add(a0, wasm_v128_load(x + i));
  const v128_t a = wasm_f32x4_add(wasm_f32x4_add(a0, a1), wasm_f32x4_add(a2, a3));
  float s = wasm_f32x4_extract_lane(a, 0) + wasm_f32x4_extract_lane(a, 1) + wasm_f32x4_extract_lane(a, 2) +
            wasm_f32x4_extract_lane(a, 3);
  for (; i < n; i++) s += x[i];
  return s;
}

int genlab_reduce_sum(int overRows, int rows, int cols, float scale, const float *x, float *y) {
  if (!overRows) {
    for (int r = 0; r < rows; r++) y[r] = scale * sum_row(x + (long)r * cols, cols);
    return 0;
  }
  int c = 0;
  for (; c + 4 <= cols; c += 4) { // four columns at a time, down all rows
    v128_t acc = wasm_f32x4_splat(0);
    for (int r = 0; r < rows; r++) acc = wasm_f32x4_add(acc, wasm_v128_load(x + (long)r * cols + c));
    wasm_v128_store(y + c, wasm_f32x4_mul(acc, wasm_f32x4_splat(scale)));
  }
  for (; c < cols; c++) {
    float s = 0;
    for (int r = 0; r < rows; r++) s += x[(long)r * cols + c];
    y[c] = scale * s;
  }
  return 0;
}
