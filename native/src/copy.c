// Strided row copies for Concat and SplitV: concatenating or splitting along an axis moves, for each
// index of the axes before it, one contiguous run per operand. tfjs-wasm's SplitV of a [12544, 96]
// attention projection into three [12544, 32] took 16.6 ms (it slices element by element); a last-axis
// Concat of two [64, 28, 28, 16–32] skip tensors 3–5 ms.
#include <string.h>
#include "copy.h"

void genlab_copy_rows(size_t rows, size_t rowBytes, const uint8_t *src, size_t srcStride, uint8_t *dst, size_t dstStride) {
  if (rowBytes == srcStride && rowBytes == dstStride) {
    memcpy(dst, src, rows * rowBytes); // contiguous on both sides: one copy
    return;
  }
  for (size_t r = 0; r < rows; r++) memcpy(dst + r * dstStride, src + r * srcStride, rowBytes);
}
