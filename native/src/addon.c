// N-API entry points of genlab's native backend: OpenBLAS sgemm, im2col convolutions, sums, tile,
// elementwise functions and comparisons on tensor data inside a caller-owned ArrayBuffer (the tfjs
// wasm heap), so no tensor is copied out of wasm.
// Every offset is bounds-checked against the buffer, because a wrong offset would corrupt memory.
#include <cblas.h>
#include <stdlib.h>
#include <string.h>
#include <node_api.h>
#include "binary.h"
#include "copy.h"
#include "gemm.h"
#include "norm.h"
#include "optim.h"
#include "reduce.h"
#include "resample.h"
#include "select.h"
#include "tile.h"
#include "unary.h"

#define CHECK(call)                                                                    \
  do {                                                                                 \
    if ((call) != napi_ok) {                                                           \
      napi_throw_error(env, "GENLAB_NATIVE", "genlab native: N-API call failed: " #call); \
      return NULL;                                                                     \
    }                                                                                  \
  } while (0)

static napi_value fail(napi_env env, const char *msg) {
  napi_throw_error(env, "GENLAB_NATIVE", msg);
  return NULL;
}

/** Reads the wasm heap (argument 0 of every kernel entry point). */
static int get_heap(napi_env env, napi_value v, uint8_t **heap, size_t *heapBytes) {
  void *p;
  if (napi_get_arraybuffer_info(env, v, &p, heapBytes) != napi_ok) return 0;
  *heap = p;
  return 1;
}

/** Declares argv[n] from the call and fails unless exactly n arguments were passed. */
#define ARGS(n, name)                                                                  \
  size_t argc = (n);                                                                   \
  napi_value argv[n];                                                                  \
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));                         \
  if (argc != (n)) return fail(env, "genlab native: " name " expects " #n " arguments.")

/** Reads argument 0, the wasm heap, into `heap` / `heapBytes`. */
#define HEAP_ARG(name)                                                                 \
  if (!get_heap(env, argv[0], &heap, &heapBytes))                                      \
  return fail(env, "genlab native: " name "'s first argument must be an ArrayBuffer (the wasm heap).")

static int get_int(napi_env env, napi_value v, int *out) {
  return napi_get_value_int32(env, v, out) == napi_ok;
}

/** Reads a Uint32Array argument (byte offsets). */
static int get_offsets(napi_env env, napi_value v, const uint32_t **data, size_t *len) {
  napi_typedarray_type type;
  void *ptr;
  if (napi_get_typedarray_info(env, v, &type, len, &ptr, NULL, NULL) != napi_ok) return 0;
  *data = ptr;
  return type == napi_uint32_array;
}

/** Reads an Int32Array argument of exactly `n` entries (a kernel's geometry). */
static int get_geometry(napi_env env, napi_value v, size_t n, const int32_t **out) {
  napi_typedarray_type type;
  size_t len;
  void *p;
  if (napi_get_typedarray_info(env, v, &type, &len, &p, NULL, NULL) != napi_ok || type != napi_int32_array || len != n) return 0;
  *out = p;
  return 1;
}

/** True when [off, off + bytes) lies inside the heap and off is aligned to `align` bytes. */
static int in_heap_aligned(size_t heapBytes, size_t off, size_t bytes, size_t align) {
  return off % align == 0 && off <= heapBytes && bytes <= heapBytes - off;
}

/** True when [off, off + bytes) lies inside the heap and off is float-aligned. */
static int in_heap(size_t heapBytes, size_t off, size_t bytes) {
  return in_heap_aligned(heapBytes, off, bytes, 4);
}

// sgemm(heap, transA, transB, m, n, k, aOffsets, bOffsets, cOffsets)
static napi_value sgemm(napi_env env, napi_callback_info info) {
  ARGS(9, "sgemm");
  uint8_t *heap;
  size_t heapBytes;
  bool ta, tb;
  int m, n, k;
  const uint32_t *ao, *bo, *co;
  size_t na, nb, nc;
  HEAP_ARG("sgemm");
  CHECK(napi_get_value_bool(env, argv[1], &ta));
  CHECK(napi_get_value_bool(env, argv[2], &tb));
  if (!get_int(env, argv[3], &m) || !get_int(env, argv[4], &n) || !get_int(env, argv[5], &k) || m < 0 || n < 0 || k < 0)
    return fail(env, "genlab native: sgemm sizes m, n, k must be non-negative integers.");
  if (!get_offsets(env, argv[6], &ao, &na) || !get_offsets(env, argv[7], &bo, &nb) || !get_offsets(env, argv[8], &co, &nc))
    return fail(env, "genlab native: sgemm offsets must be Uint32Arrays.");
  if (na != nb || na != nc) return fail(env, "genlab native: sgemm offset arrays differ in length.");
  const size_t sa = (size_t)m * k * 4, sb = (size_t)k * n * 4, sc = (size_t)m * n * 4;
  for (size_t i = 0; i < na; i++) {
    if (!in_heap(heapBytes, ao[i], sa) || !in_heap(heapBytes, bo[i], sb) || !in_heap(heapBytes, co[i], sc))
      return fail(env, "genlab native: sgemm operand lies outside the heap (stale offset?).");
  }
  genlab_sgemm_batch(heap, ta, tb, m, n, k, ao, bo, co, na);
  return NULL;
}

// conv2d(heap, mode, geometry Int32Array[15], xOffset, wOffset, yOffset)
static napi_value conv2d(napi_env env, napi_callback_info info) {
  ARGS(6, "conv2d");
  uint8_t *heap;
  size_t heapBytes;
  int mode;
  const int32_t *v;
  uint32_t xo, wo, yo;
  HEAP_ARG("conv2d");
  if (!get_int(env, argv[1], &mode) || mode < 0 || mode > 2) return fail(env, "genlab native: conv2d mode must be 0, 1 or 2.");
  if (!get_geometry(env, argv[2], 15, &v)) return fail(env, "genlab native: conv2d geometry must be an Int32Array of 15 entries.");
  CHECK(napi_get_value_uint32(env, argv[3], &xo));
  CHECK(napi_get_value_uint32(env, argv[4], &wo));
  CHECK(napi_get_value_uint32(env, argv[5], &yo));
  for (int i = 0; i < 15; i++) {
    if (v[i] < 0 || (i >= 9 && i <= 12 && v[i] == 0)) return fail(env, "genlab native: conv2d geometry has a negative size or a zero stride/dilation.");
  }
  const genlab_conv_geom g = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14]};
  const size_t xs = (size_t)g.n * g.h * g.w * g.ci * 4, ws = (size_t)g.fh * g.fw * g.ci * g.co * 4,
               ys = (size_t)g.n * g.ho * g.wo * g.co * 4;
  if (!in_heap(heapBytes, xo, xs) || !in_heap(heapBytes, wo, ws) || !in_heap(heapBytes, yo, ys))
    return fail(env, "genlab native: conv2d operand lies outside the heap (stale offset?).");
  uint8_t *base = heap;
  if (genlab_conv2d(mode, &g, (float *)(base + xo), (float *)(base + wo), (float *)(base + yo)) != 0)
    return fail(env, "genlab native: conv2d could not allocate its im2col workspace.");
  return NULL;
}

// tile(heap, elemBytes, inShape Int32Array, reps Int32Array, xOffset, yOffset)
static napi_value tile(napi_env env, napi_callback_info info) {
  ARGS(6, "tile");
  uint8_t *heap;
  void *sp, *rp;
  size_t heapBytes, rank, rl;
  int eb;
  napi_typedarray_type st, rt;
  uint32_t xo, yo;
  HEAP_ARG("tile");
  if (!get_int(env, argv[1], &eb) || (eb != 1 && eb != 4)) return fail(env, "genlab native: tile supports 1- and 4-byte elements.");
  if (napi_get_typedarray_info(env, argv[2], &st, &rank, &sp, NULL, NULL) != napi_ok || st != napi_int32_array ||
      napi_get_typedarray_info(env, argv[3], &rt, &rl, &rp, NULL, NULL) != napi_ok || rt != napi_int32_array || rl != rank)
    return fail(env, "genlab native: tile's shape and reps must be Int32Arrays of equal length.");
  if (rank > GENLAB_TILE_MAX_RANK) return fail(env, "genlab native: tile supports rank <= 8.");
  CHECK(napi_get_value_uint32(env, argv[4], &xo));
  CHECK(napi_get_value_uint32(env, argv[5], &yo));
  const int32_t *shape = sp, *reps = rp;
  size_t xs = (size_t)eb, ys = (size_t)eb;
  for (size_t i = 0; i < rank; i++) {
    if (shape[i] < 0 || reps[i] < 0) return fail(env, "genlab native: tile shape and reps must be non-negative.");
    xs *= (size_t)shape[i];
    ys *= (size_t)shape[i] * (size_t)reps[i];
  }
  if (!in_heap_aligned(heapBytes, xo, xs, eb) || !in_heap_aligned(heapBytes, yo, ys, eb))
    return fail(env, "genlab native: tile operand lies outside the heap (stale offset?).");
  genlab_tile((int)rank, shape, reps, (size_t)eb, (uint8_t *)heap + xo, (uint8_t *)heap + yo);
  return NULL;
}

// reduceSum(heap, overRows, rows, cols, scale, xOffset, yOffset)
static napi_value reduce_sum(napi_env env, napi_callback_info info) {
  ARGS(7, "reduceSum");
  uint8_t *heap;
  size_t heapBytes;
  bool overRows;
  int rows, cols;
  double scale;
  uint32_t xo, yo;
  HEAP_ARG("reduceSum");
  CHECK(napi_get_value_bool(env, argv[1], &overRows));
  if (!get_int(env, argv[2], &rows) || !get_int(env, argv[3], &cols) || rows < 0 || cols < 0)
    return fail(env, "genlab native: reduceSum rows and cols must be non-negative integers.");
  CHECK(napi_get_value_double(env, argv[4], &scale));
  CHECK(napi_get_value_uint32(env, argv[5], &xo));
  CHECK(napi_get_value_uint32(env, argv[6], &yo));
  const size_t xs = (size_t)rows * cols * 4, ys = (size_t)(overRows ? cols : rows) * 4;
  if (!in_heap(heapBytes, xo, xs) || !in_heap(heapBytes, yo, ys))
    return fail(env, "genlab native: reduceSum operand lies outside the heap (stale offset?).");
  uint8_t *base = heap;
  if (genlab_reduce_sum(overRows, rows, cols, (float)scale, (const float *)(base + xo), (float *)(base + yo)) != 0)
    return fail(env, "genlab native: reduceSum could not allocate its ones vector.");
  return NULL;
}

/** Reads an element count that must fit the heap. */
static int get_count(napi_env env, napi_value v, size_t heapBytes, size_t *out) {
  double n;
  if (napi_get_value_double(env, v, &n) != napi_ok || !(n >= 0) || n > (double)heapBytes || n != (double)(size_t)n) return 0;
  *out = (size_t)n;
  return 1;
}

/** True when `rows` runs of `rowBytes`, `stride` bytes apart from `off`, lie inside the heap. */
static int rows_in_heap(size_t heapBytes, size_t off, size_t rows, size_t rowBytes, size_t stride) {
  if (rows == 0 || rowBytes == 0) return off <= heapBytes;
  if (stride < rowBytes || rows - 1 > (heapBytes / stride)) return 0;
  return in_heap_aligned(heapBytes, off, (rows - 1) * stride + rowBytes, 1);
}

// copyRows(heap, rows, rowBytes, srcOffset, srcStride, dstOffset, dstStride), all in bytes
static napi_value copy_rows(napi_env env, napi_callback_info info) {
  ARGS(7, "copyRows");
  uint8_t *heap;
  size_t heapBytes, v[6];
  HEAP_ARG("copyRows");
  for (int i = 0; i < 6; i++)
    if (!get_count(env, argv[1 + i], heapBytes, &v[i])) return fail(env, "genlab native: copyRows sizes and offsets out of range.");
  const size_t rows = v[0], rowBytes = v[1];
  if (!rows_in_heap(heapBytes, v[2], rows, rowBytes, v[3]) || !rows_in_heap(heapBytes, v[4], rows, rowBytes, v[5]))
    return fail(env, "genlab native: copyRows operand lies outside the heap (stale offset?).");
  if (rows && rowBytes) genlab_copy_rows(rows, rowBytes, heap + v[2], v[3], heap + v[4], v[5]);
  return NULL;
}

// resample(heap, up, geom Int32Array [batch, h, w, c, sh, sw], scale, smallOffset, bigOffset): up = true writes the
// big [batch, h·sh, w·sw, c] tensor from the small one, false the small one from block sums of the big one
static napi_value resample(napi_env env, napi_callback_info info) {
  ARGS(6, "resample");
  uint8_t *heap;
  size_t heapBytes;
  bool up;
  const int32_t *g;
  double scale;
  uint32_t so, bo;
  HEAP_ARG("resample");
  CHECK(napi_get_value_bool(env, argv[1], &up));
  if (!get_geometry(env, argv[2], 6, &g)) return fail(env, "genlab native: resample geometry must be an Int32Array of 6.");
  CHECK(napi_get_value_double(env, argv[3], &scale));
  CHECK(napi_get_value_uint32(env, argv[4], &so));
  CHECK(napi_get_value_uint32(env, argv[5], &bo));
  size_t small = 4, blocks = 1;
  for (int i = 0; i < 6; i++) {
    if (g[i] < 1) return fail(env, "genlab native: resample sizes must be positive.");
    if (i < 4) small *= (size_t)g[i];
    else blocks *= (size_t)g[i];
  }
  if (small > heapBytes || blocks > heapBytes / small) return fail(env, "genlab native: resample size out of range.");
  if (!in_heap(heapBytes, so, small) || !in_heap(heapBytes, bo, small * blocks))
    return fail(env, "genlab native: resample operand lies outside the heap (stale offset?).");
  if (up)
    genlab_upsample(g[0], g[1], g[2], g[3], g[4], g[5], (float)scale, (const float *)(heap + so), (float *)(heap + bo));
  else
    genlab_block_sum(g[0], g[1], g[2], g[3], g[4], g[5], (float)scale, (const float *)(heap + bo), (float *)(heap + so));
  return NULL;
}

// unary(heap, op, n, param, xOffset, yOffset)
static napi_value unary(napi_env env, napi_callback_info info) {
  ARGS(6, "unary");
  uint8_t *heap;
  size_t heapBytes, len;
  int op;
  double param;
  uint32_t xo, yo;
  HEAP_ARG("unary");
  if (!get_int(env, argv[1], &op)) return fail(env, "genlab native: unary op must be an integer.");
  if (!get_count(env, argv[2], heapBytes, &len)) return fail(env, "genlab native: unary length out of range.");
  CHECK(napi_get_value_double(env, argv[3], &param));
  CHECK(napi_get_value_uint32(env, argv[4], &xo));
  CHECK(napi_get_value_uint32(env, argv[5], &yo));
  if (!in_heap(heapBytes, xo, len * 4) || !in_heap(heapBytes, yo, len * 4))
    return fail(env, "genlab native: unary operand lies outside the heap (stale offset?).");
  uint8_t *base = heap;
  if (genlab_unary(op, len, (float)param, (const float *)(base + xo), (float *)(base + yo)) != 0)
    return fail(env, "genlab native: unknown unary op.");
  return NULL;
}

// activation(heap, op, grad, n, offsets Uint32Array): SiLU (op 0) forward [x, s, y] → y = x·s with s = σ(x),
// gradient [dy, x, s, dx]; GELU (op 1) forward [x, y], gradient [dy, x, dx]
static napi_value activation(napi_env env, napi_callback_info info) {
  ARGS(5, "activation");
  uint8_t *heap;
  size_t heapBytes, len, no;
  int op;
  bool grad;
  const uint32_t *o;
  HEAP_ARG("activation");
  if (!get_int(env, argv[1], &op) || (op != GENLAB_ACT_SILU && op != GENLAB_ACT_GELU)) return fail(env, "genlab native: activation op must be 0 (SiLU) or 1 (GELU).");
  CHECK(napi_get_value_bool(env, argv[2], &grad));
  if (!get_count(env, argv[3], heapBytes, &len)) return fail(env, "genlab native: activation length out of range.");
  const size_t want = (op == GENLAB_ACT_SILU ? 3u : 2u) + (grad ? 1u : 0u);
  if (!get_offsets(env, argv[4], &o, &no) || no != want) return fail(env, "genlab native: wrong number of activation offsets.");
  for (size_t i = 0; i < no; i++)
    if (!in_heap(heapBytes, o[i], len * 4)) return fail(env, "genlab native: activation operand lies outside the heap (stale offset?).");
  const float *a = (const float *)(heap + o[0]), *b = (const float *)(heap + o[1]);
  float *last = (float *)(heap + o[no - 1]);
  if (op == GENLAB_ACT_SILU) {
    if (grad) genlab_silu_grad(len, a, b, (const float *)(heap + o[2]), last);
    else genlab_silu(len, a, b, last);
  } else {
    if (grad) genlab_gelu_grad(len, a, b, last);
    else genlab_gelu(len, a, last);
  }
  return NULL;
}

// compare(heap, op, isInt, n, aOffset, bOffset, bScalar, outOffset)
static napi_value compare(napi_env env, napi_callback_info info) {
  ARGS(8, "compare");
  uint8_t *heap;
  size_t heapBytes, len;
  int op;
  bool isInt, bScalar;
  uint32_t ao, bo, oo;
  HEAP_ARG("compare");
  if (!get_int(env, argv[1], &op)) return fail(env, "genlab native: compare op must be an integer.");
  CHECK(napi_get_value_bool(env, argv[2], &isInt));
  if (!get_count(env, argv[3], heapBytes, &len)) return fail(env, "genlab native: compare length out of range.");
  CHECK(napi_get_value_uint32(env, argv[4], &ao));
  CHECK(napi_get_value_uint32(env, argv[5], &bo));
  CHECK(napi_get_value_bool(env, argv[6], &bScalar));
  CHECK(napi_get_value_uint32(env, argv[7], &oo));
  if (!in_heap(heapBytes, ao, len * 4) || !in_heap(heapBytes, bo, (bScalar ? 1 : len) * 4) ||
      !in_heap_aligned(heapBytes, oo, len, 1))
    return fail(env, "genlab native: compare operand lies outside the heap (stale offset?).");
  uint8_t *base = heap;
  if (genlab_compare(op, isInt, len, base + ao, base + bo, bScalar, base + oo) != 0)
    return fail(env, "genlab native: unknown compare op.");
  return NULL;
}

/** Element bytes of a dtype code of select.h. */
static size_t dtype_bytes(int code) {
  return code == GENLAB_BOOL ? 1 : 4;
}

/** Reads argv[first … first+count) as byte offsets into `out`. */
static int get_offset_args(napi_env env, napi_value *argv, int first, int count, uint32_t *out) {
  for (int i = 0; i < count; i++)
    if (napi_get_value_uint32(env, argv[first + i], &out[i]) != napi_ok) return 0;
  return 1;
}

// select(heap, n, condOffset, aOffset, bOffset, outOffset): 4-byte a, b, out; bool cond
static napi_value select_kernel(napi_env env, napi_callback_info info) {
  ARGS(6, "select");
  uint8_t *heap;
  size_t heapBytes, len;
  uint32_t o[4];
  HEAP_ARG("select");
  if (!get_count(env, argv[1], heapBytes, &len)) return fail(env, "genlab native: select length out of range.");
  if (!get_offset_args(env, argv, 2, 4, o)) return fail(env, "genlab native: select offsets must be unsigned integers.");
  if (!in_heap_aligned(heapBytes, o[0], len, 1) || !in_heap(heapBytes, o[1], len * 4) || !in_heap(heapBytes, o[2], len * 4) ||
      !in_heap(heapBytes, o[3], len * 4))
    return fail(env, "genlab native: select operand lies outside the heap (stale offset?).");
  genlab_select(len, heap + o[0], (const uint32_t *)(heap + o[1]), (const uint32_t *)(heap + o[2]), (uint32_t *)(heap + o[3]));
  return NULL;
}

// cast(heap, from, to, n, inOffset, outOffset): dtype codes of select.h; from == to == bool is LogicalNot
static napi_value cast_kernel(napi_env env, napi_callback_info info) {
  ARGS(6, "cast");
  uint8_t *heap;
  size_t heapBytes, len;
  int from, to;
  uint32_t o[2];
  HEAP_ARG("cast");
  if (!get_int(env, argv[1], &from) || !get_int(env, argv[2], &to) || from < 0 || from > 2 || to < 0 || to > 2)
    return fail(env, "genlab native: cast dtype codes must be 0 (float32), 1 (int32) or 2 (bool).");
  if (!get_count(env, argv[3], heapBytes, &len)) return fail(env, "genlab native: cast length out of range.");
  if (!get_offset_args(env, argv, 4, 2, o)) return fail(env, "genlab native: cast offsets must be unsigned integers.");
  size_t inBytes = dtype_bytes(from), outBytes = dtype_bytes(to);
  if (!in_heap_aligned(heapBytes, o[0], len * inBytes, inBytes) || !in_heap_aligned(heapBytes, o[1], len * outBytes, outBytes))
    return fail(env, "genlab native: cast operand lies outside the heap (stale offset?).");
  if (from == GENLAB_BOOL && to == GENLAB_BOOL) {
    genlab_logical_not(len, heap + o[0], heap + o[1]);
  } else if (genlab_cast(from, to, len, heap + o[0], heap + o[1]) != 0) {
    return fail(env, "genlab native: unsupported cast.");
  }
  return NULL;
}

// binary(heap, op, geom Int32Array [shape×4, aStrides×4, bStrides×4], aOffset, bOffset, outOffset)
static napi_value binary(napi_env env, napi_callback_info info) {
  ARGS(6, "binary");
  uint8_t *heap;
  size_t heapBytes;
  int op;
  const int32_t *g;
  uint32_t ao, bo, oo;
  HEAP_ARG("binary");
  if (!get_int(env, argv[1], &op)) return fail(env, "genlab native: binary op must be an integer.");
  if (!get_geometry(env, argv[2], 12, &g)) return fail(env, "genlab native: binary geometry must be an Int32Array of 12 (shape, a strides, b strides).");
  CHECK(napi_get_value_uint32(env, argv[3], &ao));
  CHECK(napi_get_value_uint32(env, argv[4], &bo));
  CHECK(napi_get_value_uint32(env, argv[5], &oo));
  size_t outLen = 1, aLast = 0, bLast = 0; // element counts spanned by out, a, b
  for (int k = 0; k < 4; k++) {
    if (g[k] < 0 || g[4 + k] < 0 || g[8 + k] < 0) return fail(env, "genlab native: binary shape and strides must be non-negative.");
    outLen *= (size_t)g[k];
    if (g[k] > 0) {
      aLast += (size_t)(g[k] - 1) * (size_t)g[4 + k];
      bLast += (size_t)(g[k] - 1) * (size_t)g[8 + k];
    }
  }
  if (outLen == 0) return NULL;
  if (!in_heap(heapBytes, ao, (aLast + 1) * 4) || !in_heap(heapBytes, bo, (bLast + 1) * 4) || !in_heap(heapBytes, oo, outLen * 4))
    return fail(env, "genlab native: binary operand lies outside the heap (stale offset?).");
  if (genlab_binary(op, g, g + 4, g + 8, (const float *)(heap + ao), (const float *)(heap + bo), (float *)(heap + oo)) != 0)
    return fail(env, "genlab native: unknown binary op.");
  return NULL;
}

// reduceStrided(heap, geom Int32Array [shape×4, out strides×4], outLen, scale, xOffset, yOffset)
static napi_value reduce_strided(napi_env env, napi_callback_info info) {
  ARGS(6, "reduceStrided");
  uint8_t *heap;
  size_t heapBytes, outLen;
  const int32_t *g;
  double scale;
  uint32_t xo, yo;
  HEAP_ARG("reduceStrided");
  if (!get_geometry(env, argv[1], 8, &g)) return fail(env, "genlab native: reduceStrided geometry must be an Int32Array of 8 (shape, out strides).");
  if (!get_count(env, argv[2], heapBytes, &outLen)) return fail(env, "genlab native: reduceStrided output length out of range.");
  CHECK(napi_get_value_double(env, argv[3], &scale));
  CHECK(napi_get_value_uint32(env, argv[4], &xo));
  CHECK(napi_get_value_uint32(env, argv[5], &yo));
  size_t inLen = 1, outLast = 0;
  for (int k = 0; k < 4; k++) {
    if (g[k] < 0 || g[4 + k] < 0) return fail(env, "genlab native: reduceStrided shape and strides must be non-negative.");
    inLen *= (size_t)g[k];
    if (g[k] > 0) outLast += (size_t)(g[k] - 1) * (size_t)g[4 + k];
  }
  if (inLen > 0 && outLast >= outLen) return fail(env, "genlab native: reduceStrided strides reach past the output.");
  if (!in_heap(heapBytes, xo, inLen * 4) || !in_heap(heapBytes, yo, outLen * 4))
    return fail(env, "genlab native: reduceStrided operand lies outside the heap (stale offset?).");
  if (genlab_reduce_strided(g, g + 4, outLen, (float)scale, (const float *)(heap + xo), (float *)(heap + yo)) != 0)
    return fail(env, "genlab native: reduceStrided could not allocate its accumulators.");
  return NULL;
}

/** Reads a Float64Array argument. */
static int get_f64(napi_env env, napi_value v, double **data, size_t *len) {
  napi_typedarray_type type;
  void *ptr;
  if (napi_get_typedarray_info(env, v, &type, len, &ptr, NULL, NULL) != napi_ok || type != napi_float64_array) return 0;
  *data = ptr;
  return 1;
}

// gemm(transA, transB, m, n, k, a Float64Array, b Float64Array, c Float64Array): C = op(A)·op(B), row-major
// float64, for the metrics (FID covariances, PSD square roots) rather than tensors, so plain typed arrays.
static napi_value dgemm(napi_env env, napi_callback_info info) {
  ARGS(8, "dgemm");
  bool ta, tb;
  int m, n, k;
  double *a, *b, *c;
  size_t la, lb, lc;
  CHECK(napi_get_value_bool(env, argv[0], &ta));
  CHECK(napi_get_value_bool(env, argv[1], &tb));
  if (!get_int(env, argv[2], &m) || !get_int(env, argv[3], &n) || !get_int(env, argv[4], &k) || m < 0 || n < 0 || k < 0)
    return fail(env, "genlab native: dgemm sizes m, n, k must be non-negative integers.");
  if (!get_f64(env, argv[5], &a, &la) || !get_f64(env, argv[6], &b, &lb) || !get_f64(env, argv[7], &c, &lc))
    return fail(env, "genlab native: dgemm operands must be Float64Arrays.");
  if (la < (size_t)m * k || lb < (size_t)k * n || lc < (size_t)m * n)
    return fail(env, "genlab native: dgemm operand shorter than its m, n, k say.");
  if (m == 0 || n == 0) return NULL;
  if (k == 0) {
    memset(c, 0, (size_t)m * n * sizeof(double));
    return NULL;
  }
  cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, 1.0, a, ta ? m : k, b,
              tb ? k : n, 0.0, c, n);
  return NULL;
}

// gramT(n, k, a Float64Array [k·n], c Float64Array [n·n], centre Float64Array [n] | null): C = AᵀA, or with a
// centre μ, (A − 1μᵀ)ᵀ(A − 1μᵀ) — the centring in C (a 10k × 128 copy in JS took ~4 ms) — by dsyrk on one
// triangle, then mirrored.
static napi_value gram_t(napi_env env, napi_callback_info info) {
  ARGS(5, "gramT");
  int n, k;
  double *a, *c, *mu = NULL;
  size_t la, lc, lm;
  napi_valuetype centreType;
  if (!get_int(env, argv[0], &n) || !get_int(env, argv[1], &k) || n < 0 || k < 0)
    return fail(env, "genlab native: gramT sizes must be non-negative integers.");
  if (!get_f64(env, argv[2], &a, &la) || !get_f64(env, argv[3], &c, &lc) || la < (size_t)n * k || lc < (size_t)n * n)
    return fail(env, "genlab native: gramT needs Float64Arrays of k·n and n·n entries.");
  CHECK(napi_typeof(env, argv[4], &centreType));
  if (centreType != napi_null && centreType != napi_undefined && (!get_f64(env, argv[4], &mu, &lm) || lm < (size_t)n))
    return fail(env, "genlab native: gramT's centre must be a Float64Array of n entries or null.");
  if (n == 0) return NULL;
  if (k == 0) {
    memset(c, 0, (size_t)n * n * sizeof(double));
    return NULL;
  }
  double *src = a;
  if (mu) {
    src = malloc((size_t)n * k * sizeof(double));
    if (!src) return fail(env, "genlab native: gramT could not allocate its centred copy.");
    for (size_t r = 0; r < (size_t)k; r++)
      for (size_t j = 0; j < (size_t)n; j++) src[r * n + j] = a[r * n + j] - mu[j];
  }
  cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, n, k, 1.0, src, n, 0.0, c, n);
  if (mu) free(src);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < i; j++) c[(size_t)i * n + j] = c[(size_t)j * n + i];
  return NULL;
}

// LAPACK's symmetric eigensolver (divide and conquer), in OpenBLAS.
extern void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
                    const int *lwork, int *iwork, const int *liwork, int *info);

// symEig(vectors, n, a Float64Array [n·n], w Float64Array [n]): eigenvalues (ascending) of the symmetric a into w;
// with vectors, a is overwritten by the orthonormal eigenvectors (column-major: vector j at a[j·n…]).
static napi_value sym_eig(napi_env env, napi_callback_info info) {
  ARGS(4, "symEig");
  bool vectors;
  int n;
  double *a, *w;
  size_t la, lw;
  CHECK(napi_get_value_bool(env, argv[0], &vectors));
  if (!get_int(env, argv[1], &n) || n < 0) return fail(env, "genlab native: symEig size must be a non-negative integer.");
  if (!get_f64(env, argv[2], &a, &la) || !get_f64(env, argv[3], &w, &lw) || la < (size_t)n * n || lw < (size_t)n)
    return fail(env, "genlab native: symEig needs Float64Arrays of n·n and n entries.");
  if (n == 0) return NULL;
  const char jobz = vectors ? 'V' : 'N', uplo = 'L';
  int lwork = -1, liwork = -1, iwq = 0, info_ = 0;
  double wq = 0;
  dsyevd_(&jobz, &uplo, &n, a, &n, w, &wq, &lwork, &iwq, &liwork, &info_); // workspace query
  if (info_ != 0) return fail(env, "genlab native: symEig workspace query failed.");
  lwork = (int)wq;
  liwork = iwq;
  double *work = malloc((size_t)lwork * sizeof(double));
  int *iwork = malloc((size_t)(liwork > 0 ? liwork : 1) * sizeof(int));
  if (!work || !iwork) {
    free(work);
    free(iwork);
    return fail(env, "genlab native: symEig could not allocate its workspace.");
  }
  dsyevd_(&jobz, &uplo, &n, a, &n, w, work, &lwork, iwork, &liwork, &info_);
  free(work);
  free(iwork);
  if (info_ != 0) return fail(env, "genlab native: symEig did not converge.");
  return NULL;
}

// adam(heap, n, offsets Uint32Array [v, g, m, s, vOut, mOut, sOut], params Float64Array
//      [beta1, 1−beta1, beta2, 1−beta2, bc1, bc2, eps, lr, l2, decoupled, useL2, useDecoupled])
static napi_value adam(napi_env env, napi_callback_info info) {
  ARGS(4, "adam");
  uint8_t *heap;
  size_t heapBytes, n, no, np;
  const uint32_t *o;
  double *q;
  HEAP_ARG("adam");
  if (!get_count(env, argv[1], heapBytes, &n)) return fail(env, "genlab native: adam length out of range.");
  if (!get_offsets(env, argv[2], &o, &no) || no != 7) return fail(env, "genlab native: adam needs 7 offsets (v, g, m, s and three outputs).");
  if (!get_f64(env, argv[3], &q, &np) || np != 12) return fail(env, "genlab native: adam needs 12 parameters.");
  for (int i = 0; i < 7; i++)
    if (!in_heap(heapBytes, o[i], n * 4)) return fail(env, "genlab native: adam operand lies outside the heap (stale offset?).");
  const genlab_adam_params p = {(float)q[0], (float)q[1], (float)q[2], (float)q[3], (float)q[4], (float)q[5], (float)q[6],
                                (float)q[7], (float)q[8], (float)q[9], q[10] != 0, q[11] != 0};
  genlab_adam(n, (const float *)(heap + o[0]), (const float *)(heap + o[1]), (const float *)(heap + o[2]),
              (const float *)(heap + o[3]), (float *)(heap + o[4]), (float *)(heap + o[5]), (float *)(heap + o[6]), &p);
  return NULL;
}

/** Offset marking an absent optional operand. */
#define ABSENT 0xFFFFFFFFu

// batchNorm(heap, rows, channels, eps, offsets Uint32Array [x, mean, var, offset, scale, y]; ABSENT for no offset / scale)
static napi_value batch_norm(napi_env env, napi_callback_info info) {
  ARGS(5, "batchNorm");
  uint8_t *heap;
  size_t heapBytes, rows, channels, no;
  double eps;
  const uint32_t *o;
  HEAP_ARG("batchNorm");
  if (!get_count(env, argv[1], heapBytes, &rows) || !get_count(env, argv[2], heapBytes, &channels))
    return fail(env, "genlab native: batchNorm sizes out of range.");
  CHECK(napi_get_value_double(env, argv[3], &eps));
  if (!get_offsets(env, argv[4], &o, &no) || no != 6) return fail(env, "genlab native: batchNorm needs 6 offsets (x, mean, var, offset, scale, y).");
  const size_t sizes[6] = {rows * channels * 4, channels * 4, channels * 4, channels * 4, channels * 4, rows * channels * 4};
  for (int i = 0; i < 6; i++) {
    if ((i == 3 || i == 4) && o[i] == ABSENT) continue;
    if (!in_heap(heapBytes, o[i], sizes[i])) return fail(env, "genlab native: batchNorm operand lies outside the heap (stale offset?).");
  }
  const float *off = o[3] == ABSENT ? NULL : (const float *)(heap + o[3]);
  const float *sc = o[4] == ABSENT ? NULL : (const float *)(heap + o[4]);
  if (genlab_batch_norm(rows, channels, (const float *)(heap + o[0]), (const float *)(heap + o[1]), (const float *)(heap + o[2]), off, sc,
                        (float)eps, (float *)(heap + o[5])) != 0)
    return fail(env, "genlab native: batchNorm could not allocate its per-channel scales.");
  return NULL;
}

// groupNorm(heap, grad, batch, pixels, channels, groups, eps, offsets Uint32Array): forward [x, gamma, beta, y];
// grad = true [dy, x, gamma, dx, dgamma, dbeta]
static napi_value group_norm(napi_env env, napi_callback_info info) {
  ARGS(8, "groupNorm");
  uint8_t *heap;
  size_t heapBytes, dims[4], no;
  bool grad;
  double eps;
  const uint32_t *o;
  HEAP_ARG("groupNorm");
  CHECK(napi_get_value_bool(env, argv[1], &grad));
  for (int i = 0; i < 4; i++)
    if (!get_count(env, argv[2 + i], heapBytes, &dims[i])) return fail(env, "genlab native: groupNorm sizes out of range.");
  CHECK(napi_get_value_double(env, argv[6], &eps));
  if (!get_offsets(env, argv[7], &o, &no) || no != (grad ? 6u : 4u))
    return fail(env, "genlab native: groupNorm needs offsets [x, gamma, beta, y] or, for the gradient, [dy, x, gamma, dx, dgamma, dbeta].");
  const size_t n = dims[0] * dims[1] * dims[2], c = dims[2] * 4;
  if (dims[1] && dims[2] && n / dims[1] / dims[2] != dims[0]) return fail(env, "genlab native: groupNorm size overflows.");
  // which operands are whole tensors ([batch, pixels, channels]) and which per-channel vectors
  const size_t forward[4] = {n * 4, c, c, n * 4}, backward[6] = {n * 4, n * 4, c, n * 4, c, c};
  for (size_t i = 0; i < no; i++)
    if (!in_heap(heapBytes, o[i], grad ? backward[i] : forward[i])) return fail(env, "genlab native: groupNorm operand lies outside the heap (stale offset?).");
  const float *p0 = (const float *)(heap + o[0]), *p1 = (const float *)(heap + o[1]), *p2 = (const float *)(heap + o[2]);
  const int rc = grad ? genlab_group_norm_grad(dims[0], dims[1], dims[2], dims[3], p0, p1, p2, (float)eps, (float *)(heap + o[3]),
                                               (float *)(heap + o[4]), (float *)(heap + o[5]))
                      : genlab_group_norm(dims[0], dims[1], dims[2], dims[3], p0, p1, p2, (float)eps, (float *)(heap + o[3]));
  if (rc != 0) return fail(env, "genlab native: groupNorm needs channels divisible into groups (or ran out of memory).");
  return NULL;
}

static napi_value set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int n;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 1 || !get_int(env, argv[0], &n) || n < 1) return fail(env, "genlab native: setThreads expects a positive integer.");
  openblas_set_num_threads(n);
  return NULL;
}

static napi_value get_threads(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  CHECK(napi_create_int32(env, openblas_get_num_threads(), &out));
  return out;
}

static napi_value get_config(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  CHECK(napi_create_string_utf8(env, openblas_get_config(), NAPI_AUTO_LENGTH, &out));
  return out;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"sgemm", NULL, sgemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"conv2d", NULL, conv2d, NULL, NULL, NULL, napi_enumerable, NULL},
      {"copyRows", NULL, copy_rows, NULL, NULL, NULL, napi_enumerable, NULL},
      {"resample", NULL, resample, NULL, NULL, NULL, napi_enumerable, NULL},
      {"tile", NULL, tile, NULL, NULL, NULL, napi_enumerable, NULL},
      {"reduceSum", NULL, reduce_sum, NULL, NULL, NULL, napi_enumerable, NULL},
      {"unary", NULL, unary, NULL, NULL, NULL, napi_enumerable, NULL},
      {"activation", NULL, activation, NULL, NULL, NULL, napi_enumerable, NULL},
      {"compare", NULL, compare, NULL, NULL, NULL, napi_enumerable, NULL},
      {"select", NULL, select_kernel, NULL, NULL, NULL, napi_enumerable, NULL},
      {"cast", NULL, cast_kernel, NULL, NULL, NULL, napi_enumerable, NULL},
      {"binary", NULL, binary, NULL, NULL, NULL, napi_enumerable, NULL},
      {"reduceStrided", NULL, reduce_strided, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gemm", NULL, dgemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"symEig", NULL, sym_eig, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gramT", NULL, gram_t, NULL, NULL, NULL, napi_enumerable, NULL},
      {"batchNorm", NULL, batch_norm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"groupNorm", NULL, group_norm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"adam", NULL, adam, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setThreads", NULL, set_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"threads", NULL, get_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"config", NULL, get_config, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  CHECK(napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
