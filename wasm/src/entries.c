// Exports of the shared kernels (native/src) for the wasm build: the counterparts of native/src/addon.c's
// N-API entries, taking addresses in the shared memory where the addon takes typed arrays. Arguments are
// trusted: src/engine/wasm-kernels/module.ts passes the same checked offsets as the native glue, and an
// address outside the memory traps instead of corrupting the host.
#include <stddef.h>
#include <stdint.h>
#include "../../native/src/binary.h"
#include "../../native/src/copy.h"
#include "../../native/src/norm.h"
#include "../../native/src/optim.h"
#include "../../native/src/reduce.h"
#include "../../native/src/resample.h"
#include "../../native/src/select.h"
#include "../../native/src/tile.h"
#include "../../native/src/unary.h"

#define EXPORT(name) __attribute__((export_name(#name)))

EXPORT(genlab_tile) int tile_entry(int rank, const int32_t *shape, const int32_t *reps, int elemBytes, const void *x, void *y) {
  return genlab_tile(rank, shape, reps, (size_t)elemBytes, x, y);
}

EXPORT(genlab_reduce_sum) int reduce_sum_entry(int overRows, int rows, int cols, float scale, const float *x, float *y) {
  return genlab_reduce_sum(overRows, rows, cols, scale, x, y);
}

/** geom: [shape×4, out strides×4]. */
EXPORT(genlab_reduce_strided) int reduce_strided_entry(const int32_t *geom, size_t outLen, float scale, const float *x, float *y) {
  return genlab_reduce_strided(geom, geom + 4, outLen, scale, x, y);
}

EXPORT(genlab_copy_rows) void copy_rows_entry(size_t rows, size_t rowBytes, const uint8_t *src, size_t srcStride, uint8_t *dst, size_t dstStride) {
  if (rows && rowBytes) genlab_copy_rows(rows, rowBytes, src, srcStride, dst, dstStride);
}

/** geom: [batch, h, w, c, sh, sw]; up writes big from small, else small from big's block sums. */
EXPORT(genlab_resample) void resample_entry(int up, const int32_t *g, float scale, float *small, float *big) {
  if (up) genlab_upsample(g[0], g[1], g[2], g[3], g[4], g[5], scale, small, big);
  else genlab_block_sum(g[0], g[1], g[2], g[3], g[4], g[5], scale, big, small);
}

EXPORT(genlab_compare) int compare_entry(int op, int isInt, size_t n, const void *a, const void *b, int bScalar, uint8_t *out) {
  return genlab_compare(op, isInt, n, a, b, bScalar, out);
}

EXPORT(genlab_select) void select_entry(size_t n, const uint8_t *cond, const uint32_t *a, const uint32_t *b, uint32_t *out) {
  genlab_select(n, cond, a, b, out);
}

/** from = to = bool (2) is LogicalNot. */
EXPORT(genlab_cast) int cast_entry(int from, int to, size_t n, const void *in, void *out) {
  if (from == GENLAB_BOOL && to == GENLAB_BOOL) {
    genlab_logical_not(n, in, out);
    return 0;
  }
  return genlab_cast(from, to, n, in, out);
}

/** geom: [shape×4, a strides×4, b strides×4]. */
EXPORT(genlab_binary) int binary_entry(int op, const int32_t *g, const float *a, const float *b, float *out) {
  return genlab_binary(op, g, g + 4, g + 8, a, b, out);
}

/** o: [v, g, m, s, vOut, mOut, sOut]; q: the 12 parameters of NativeBlas.adam. */
EXPORT(genlab_adam) void adam_entry(size_t n, const uint32_t *o, const double *q) {
  const genlab_adam_params p = {(float)q[0], (float)q[1], (float)q[2], (float)q[3], (float)q[4], (float)q[5], (float)q[6],
                                (float)q[7], (float)q[8], (float)q[9], q[10] != 0, q[11] != 0};
  genlab_adam(n, (const float *)o[0], (const float *)o[1], (const float *)o[2], (const float *)o[3], (float *)o[4],
              (float *)o[5], (float *)o[6], &p);
}

/** o: [x, mean, var, offset, scale, y], 0xFFFFFFFF for an absent offset or scale. */
EXPORT(genlab_batch_norm) int batch_norm_entry(size_t rows, size_t channels, float eps, const uint32_t *o) {
  const float *offset = o[3] == 0xFFFFFFFFu ? NULL : (const float *)o[3];
  const float *scale = o[4] == 0xFFFFFFFFu ? NULL : (const float *)o[4];
  return genlab_batch_norm(rows, channels, (const float *)o[0], (const float *)o[1], (const float *)o[2], offset, scale, eps,
                           (float *)o[5]);
}

/** o: forward [x, γ, β, y]; grad [dy, x, γ, dx, dγ, dβ]. */
EXPORT(genlab_group_norm) int group_norm_entry(int grad, size_t batch, size_t pixels, size_t channels, size_t groups, float eps, const uint32_t *o) {
  const float *p0 = (const float *)o[0], *p1 = (const float *)o[1], *p2 = (const float *)o[2];
  return grad ? genlab_group_norm_grad(batch, pixels, channels, groups, p0, p1, p2, eps, (float *)o[3], (float *)o[4], (float *)o[5])
              : genlab_group_norm(batch, pixels, channels, groups, p0, p1, p2, eps, (float *)o[3]);
}

EXPORT(genlab_unary) int unary_entry(int op, size_t n, float param, const float *x, float *y) {
  return genlab_unary(op, n, param, x, y);
}

/** op 0 SiLU: forward o = [x, s, y], gradient [dy, x, s, dx]; op 1 GELU: forward [x, y], gradient [dy, x, dx]. */
EXPORT(genlab_activation) int activation_entry(int op, int grad, size_t n, const uint32_t *o) {
  const float *a = (const float *)o[0], *b = (const float *)o[1];
  if (op == GENLAB_ACT_SILU) {
    if (grad) genlab_silu_grad(n, a, b, (const float *)o[2], (float *)o[3]);
    else genlab_silu(n, a, b, (float *)o[2]);
  } else if (op == GENLAB_ACT_GELU) {
    if (grad) genlab_gelu_grad(n, a, b, (float *)o[2]);
    else genlab_gelu(n, a, (float *)o[1]);
  } else {
    return -1;
  }
  return 0;
}
