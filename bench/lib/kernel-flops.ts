// FLOPs of a step counted from the kernels it ran (tf.profile records: kernel name, input and output
// shapes), for workloads without an analytic formula. Only the matrix kernels are counted, at 2 FLOPs
// per multiply-add (the convention of bench/lib/flops.ts); padded taps count as in the usual analytic
// conv estimate. Pure over the records, so the formulas are unit-tested without an engine.

/** One profiled kernel call; `depth` > 0 marks a kernel run inside another kernel's implementation. */
export interface KernelRecord {
  name: string;
  /** Shapes of the kernel's inputs in the order the op passed them (null for an absent optional input). */
  inputShapes: Array<number[] | null>;
  outputShapes: number[][];
  /** Nesting level when the kernel ran (0 = called by an op); records arrive innermost first. */
  depth?: number;
}

/** Total FLOPs and the part of each kernel name. */
export interface KernelFlops {
  flops: number;
  byKernel: Record<string, number>;
}

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

function shape(s: number[] | null | undefined, what: string, r: KernelRecord): number[] {
  if (!s) throw new Error(`kernel-flops: ${r.name} record has no ${what} shape (inputs ${JSON.stringify(r.inputShapes)}).`);
  return s;
}

/**
 * C = op(A)·op(B) with A [..., p, q], C [..., M, N]: transpose flags are not in the record, but K is the
 * axis of A that is not M (if both are M, K = M either way). FLOPs 2·batch·M·N·K, batch the product of
 * C's leading axes (broadcasting already applied).
 */
function matMulFlops(r: KernelRecord): number {
  const a = shape(r.inputShapes[0], 'a', r);
  const c = shape(r.outputShapes[0], 'output', r);
  const [p, q] = a.slice(-2);
  const m = c[c.length - 2];
  const k = p === m ? q : p;
  return 2 * prod(c) * k;
}

/**
 * Each kernel's FLOPs; every conv kernel is priced as the forward conv it belongs to, y [B,Ho,Wo,Co] =
 * x [B,H,W,Ci] ⊛ W [kh,kw,Ci,Co]: 2·|y|·kh·kw·Ci (one multiply-add per output, tap and input channel);
 * its input gradient and filter gradient make the same multiply-adds in another order.
 */
const FORMULAS: Record<string, (r: KernelRecord) => number> = {
  MatMul: matMulFlops,
  BatchMatMul: matMulFlops,
  _FusedMatMul: matMulFlops,
  // inputs {x, filter [kh,kw,Ci,Co]} (+ bias, prelu weights), output y
  Conv2D: (r) => {
    const [kh, kw, ci] = shape(r.inputShapes[1], 'filter', r);
    return 2 * prod(shape(r.outputShapes[0], 'output', r)) * kh * kw * ci;
  },
  // inputs {dy [B,Ho,Wo,Co], filter [kh,kw,Ci,Co]}, output dx [B,H,W,Ci] (also conv2dTranspose's forward,
  // whose x plays dy): the forward conv of dx to dy, 2·|dy|·kh·kw·Ci
  Conv2DBackpropInput: (r) => {
    const [kh, kw, ci] = shape(r.inputShapes[1], 'filter', r);
    return 2 * prod(shape(r.inputShapes[0], 'dy', r)) * kh * kw * ci;
  },
  // inputs {x, dy [B,Ho,Wo,Co]}, output dW [kh,kw,Ci,Co]: 2·|dy|·kh·kw·Ci
  Conv2DBackpropFilter: (r) => {
    const [kh, kw, ci] = shape(r.outputShapes[0], 'filter gradient', r);
    return 2 * prod(shape(r.inputShapes[1], 'dy', r)) * kh * kw * ci;
  },
  // depthwise: filter [kh,kw,C,mult], y [B,Ho,Wo,C·mult]; each output sees one input channel: 2·|y|·kh·kw
  DepthwiseConv2dNative: (r) => {
    const [kh, kw] = shape(r.inputShapes[1], 'filter', r);
    return 2 * prod(shape(r.outputShapes[0], 'output', r)) * kh * kw;
  },
  // inputs {dy, filter}, output dx
  DepthwiseConv2dNativeBackpropInput: (r) => {
    const [kh, kw] = shape(r.inputShapes[1], 'filter', r);
    return 2 * prod(shape(r.inputShapes[0], 'dy', r)) * kh * kw;
  },
  // inputs {x, dy}, output dW [kh,kw,C,mult]
  DepthwiseConv2dNativeBackpropFilter: (r) => {
    const [kh, kw] = shape(r.outputShapes[0], 'filter gradient', r);
    return 2 * prod(shape(r.inputShapes[1], 'dy', r)) * kh * kw;
  },
};
FORMULAS.FusedConv2D = FORMULAS.Conv2D;
FORMULAS.FusedDepthwiseConv2D = FORMULAS.DepthwiseConv2dNative;

/** Kernel names whose FLOPs are counted. */
export const COUNTED_KERNELS: readonly string[] = Object.keys(FORMULAS);

/** FLOPs of one kernel record (0 for kernels that are not matrix products). */
export function recordFlops(r: KernelRecord): number {
  return FORMULAS[r.name]?.(r) ?? 0;
}

/**
 * Sums the FLOPs of the counted kernels, skipping those that ran inside another counted kernel: a
 * composite kernel (e.g. genlab's wasm Conv2DBackpropInput built from a Conv2D) is priced once, by
 * its own formula, whatever its implementation. Kernels inside uncounted wrappers (custom-gradient
 * ops such as fused conv) still count. Records come innermost first (post-order), so walking them
 * backwards visits every kernel before the kernels it called.
 */
export function countKernelFlops(records: readonly KernelRecord[]): KernelFlops {
  const byKernel: Record<string, number> = {};
  let flops = 0;
  const ancestors: boolean[] = []; // ancestors[d]: is the enclosing kernel at depth d counted?
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    const depth = r.depth ?? 0;
    ancestors.length = Math.min(ancestors.length, depth);
    const counted = r.name in FORMULAS;
    if (counted && !ancestors.includes(true)) {
      const f = recordFlops(r);
      byKernel[r.name] = (byKernel[r.name] ?? 0) + f;
      flops += f;
    }
    ancestors.push(counted);
  }
  return { flops, byKernel };
}
