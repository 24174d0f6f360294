// The contract of genlab's native addon (native/src/addon.c): OpenBLAS sgemm, im2col convolutions, sums,
// tile, elementwise functions and comparisons on tensor data at byte offsets inside an ArrayBuffer — the wasm backend's
// heap, so nothing is copied; and float64 BLAS/LAPACK on plain arrays for the metrics.
import type { Float64Kernels } from '../float64-kernels.js';

/** Convolution modes of `NativeBlas.conv2d` (native/src/gemm.h). */
export const CONV_FORWARD = 0;
export const CONV_FILTER_GRAD = 1;
export const CONV_INPUT_GRAD = 2;

/** Functions the native addon exports; the Node adapter loads it, the engine only sees this shape. */
export interface NativeBlas extends Float64Kernels {
  /** C_i = op(A_i)·op(B_i) for every i, row-major float32 at byte offsets aOff[i], bOff[i], cOff[i] in `heap`. */
  sgemm(heap: ArrayBuffer, transA: boolean, transB: boolean, m: number, n: number, k: number,
    aOff: Uint32Array, bOff: Uint32Array, cOff: Uint32Array): void;
  /**
   * NHWC conv x [N,H,W,Ci] ⊛ w [fh,fw,Ci,Co] → y [N,Ho,Wo,Co]; mode FORWARD writes y, FILTER_GRAD writes w
   * from x and y = dy, INPUT_GRAD writes x from y = dy and w. `geom` holds
   * [N, H, W, Ci, Ho, Wo, Co, fh, fw, sh, sw, dh, dw, padTop, padLeft].
   */
  conv2d(heap: ArrayBuffer, mode: number, geom: Int32Array, xOff: number, wOff: number, yOff: number): void;
  /** y = tile(x, reps) for x of `shape` with 1- or 4-byte elements at byte offsets in `heap`. */
  tile(heap: ArrayBuffer, elemBytes: number, shape: Int32Array, reps: Int32Array, xOff: number, yOff: number): void;
  /** Copies `rows` runs of `rowBytes` bytes from srcOff (rows srcStride bytes apart) to dstOff (dstStride apart) in `heap`. */
  copyRows(heap: ArrayBuffer, rows: number, rowBytes: number, srcOff: number, srcStride: number, dstOff: number, dstStride: number): void;
  /**
   * Integer-factor NHWC resampling, `geom` [batch, h, w, c, sh, sw]: up = true writes big [batch, h·sh, w·sw, c]
   * at bigOff as scale × small repeated over blocks; false writes small as scale × block sums of big.
   */
  resample(heap: ArrayBuffer, up: boolean, geom: Int32Array, scale: number, smallOff: number, bigOff: number): void;
  /** y = scale · (overRows ? column sums : row sums) of a float32 matrix x [rows, cols] at byte offsets in `heap`. */
  reduceSum(heap: ArrayBuffer, overRows: boolean, rows: number, cols: number, scale: number, xOff: number, yOff: number): void;
  /**
   * y[outLen] = scale · sums of float32 x over a row-major 4-D `geom` [shape×4, out strides×4] (stride 0 on
   * reduced dims; float64 accumulation), at byte offsets in `heap`.
   */
  reduceStrided(heap: ArrayBuffer, geom: Int32Array, outLen: number, scale: number, xOff: number, yOff: number): void;
  /** y[i] = f(x[i]) for i < n, float32 at byte offsets in `heap`; `op` is a code of UNARY_OPS (unary.ts), `param` LeakyRelu's alpha. */
  unary(heap: ArrayBuffer, op: number, n: number, param: number, xOff: number, yOff: number): void;
  /**
   * Activations over n float32 entries at byte offsets in `heap`: op 0 SiLU from σ — forward [x, s, y]
   * (y = x·s, y may be s), gradient [dy, x, s, dx]; op 1 exact GELU — forward [x, y], gradient [dy, x, dx].
   */
  activation(heap: ArrayBuffer, op: number, grad: boolean, n: number, offsets: Uint32Array): void;
  /** out[i] = a[i] OP b[bScalar ? 0 : i] as bool bytes, int32 or float32; `op` is a code of COMPARE_OPS (compare.ts). */
  compare(heap: ArrayBuffer, op: number, isInt: boolean, n: number, aOff: number, bOff: number, bScalar: boolean, outOff: number): void;
  /** out[i] = cond[i] ? a[i] : b[i] over n elements: bool cond, 4-byte (float32 or int32) a, b, out at byte offsets. */
  select(heap: ArrayBuffer, n: number, condOff: number, aOff: number, bOff: number, outOff: number): void;
  /**
   * Casts n elements between dtype codes 0 float32, 1 int32, 2 bool (float → int truncates, NaN → 0);
   * from = to = 2 is LogicalNot.
   */
  cast(heap: ArrayBuffer, from: number, to: number, n: number, inOff: number, outOff: number): void;
  /**
   * out = a OP b over a 4-D broadcast: `geom` holds [shape×4, a strides×4, b strides×4] in elements (0 where
   * an operand broadcasts); float32 at byte offsets in `heap`; `op` is a code of BINARY_OPS (binary.ts).
   */
  binary(heap: ArrayBuffer, op: number, geom: Int32Array, aOff: number, bOff: number, outOff: number): void;
  /** C = op(A)·op(B), row-major float64 [m, k]·[k, n] (plain arrays: the metrics' products; see Float64Kernels). */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array): void;
  /** C [n, n] = Aᵀ·A for float64 A [k, n], or of A − 1μᵀ with a `centre` μ (dsyrk, mirrored): the metrics' covariances. */
  gramT(n: number, k: number, a: Float64Array, c: Float64Array, centre: Float64Array | null): void;
  /**
   * LAPACK dsyevd: eigenvalues (ascending) of the symmetric float64 `a` [n, n] into `w`; with `vectors`, `a` is
   * overwritten by the eigenvectors, column-major (vector j at a[j·n … j·n+n)).
   */
  symEig(vectors: boolean, n: number, a: Float64Array, w: Float64Array): void;
  /**
   * y [rows, channels] = (x − mean)·scale/√(var + ε) + offset with per-channel vectors, float32 at byte
   * offsets [x, mean, var, offset, scale, y] in `heap`; 0xFFFFFFFF for an absent offset or scale.
   */
  batchNorm(heap: ArrayBuffer, rows: number, channels: number, eps: number, offsets: Uint32Array): void;
  /**
   * Group norm of NHWC float32 x [batch, pixels, channels] in `groups` groups (see src/engine/fused-group-norm.ts):
   * offsets [x, γ, β, y] in `heap`; with `grad`, [dy, x, γ, dx, dγ, dβ] (statistics recomputed from x).
   */
  groupNorm(heap: ArrayBuffer, grad: boolean, batch: number, pixels: number, channels: number, groups: number, eps: number, offsets: Uint32Array): void;
  /**
   * One Adam step over n float32 entries: offsets [v, g, m, s, vOut, mOut, sOut] in `heap`; params
   * [β1, 1−β1, β2, 1−β2, bc1, bc2, ε, lr, l2, lr·wd, useL2, useDecoupled] (see src/engine/fused-adam.ts).
   */
  adam(heap: ArrayBuffer, n: number, offsets: Uint32Array, params: Float64Array): void;
  /** Sets OpenBLAS' thread count. */
  setThreads(n: number): void;
  /** OpenBLAS' current thread count. */
  threads(): number;
  /** OpenBLAS' build description (version, kernel architecture). */
  config(): string;
}
