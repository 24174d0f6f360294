// genlab's own wasm SIMD kernels (wasm/src, built by scripts/build-wasm-kernels.mjs) instantiated on a
// tfjs-wasm backend's memory and allocator: they read and write tensors in place, like the native
// addon does, so they serve the native backend's kernel glue (engine/native/*) through this NativeBlas
// subset, and the metrics' float64 products. One instance per backend (one memory each).
import type { Float64Kernels } from '../float64-kernels.js';
import { envFlag } from '../env-flag.js';
import type { NativeBlas } from '../native/blas.js';
import { WASM_KERNELS_BASE64, WASM_KERNELS_RELAXED_BASE64 } from './binary.js';

/** The NativeBlas functions the wasm kernels provide; `heap` arguments are ignored (same memory). */
export type WasmKernels = Pick<NativeBlas, 'sgemm' | 'conv2d' | 'tile' | 'reduceSum' | 'reduceStrided' | 'copyRows' |
  'resample' | 'compare' | 'select' | 'cast' | 'binary' | 'adam' | 'batchNorm' | 'groupNorm' | 'unary' | 'activation'>;

/** What of tfjs-backend-wasm 4.22's emscripten module the kernels need. */
interface EmscriptenModuleLike {
  asm: { memory: WebAssembly.Memory; malloc(size: number): number; free(ptr: number): void };
}

interface KernelExports {
  __stack_pointer: WebAssembly.Global;
  genlab_sgemm_batch(transA: number, transB: number, m: number, n: number, k: number, aOff: number, bOff: number, cOff: number, batch: number): number;
  genlab_conv2d(mode: number, geom: number, x: number, w: number, y: number): number;
  genlab_tile(rank: number, shape: number, reps: number, elemBytes: number, x: number, y: number): number;
  genlab_reduce_sum(overRows: number, rows: number, cols: number, scale: number, x: number, y: number): number;
  genlab_reduce_strided(geom: number, outLen: number, scale: number, x: number, y: number): number;
  genlab_copy_rows(rows: number, rowBytes: number, src: number, srcStride: number, dst: number, dstStride: number): void;
  genlab_resample(up: number, geom: number, scale: number, small: number, big: number): void;
  genlab_compare(op: number, isInt: number, n: number, a: number, b: number, bScalar: number, out: number): number;
  genlab_select(n: number, cond: number, a: number, b: number, out: number): void;
  genlab_cast(from: number, to: number, n: number, x: number, y: number): number;
  genlab_binary(op: number, geom: number, a: number, b: number, out: number): number;
  genlab_adam(n: number, offsets: number, params: number): void;
  genlab_batch_norm(rows: number, channels: number, eps: number, offsets: number): number;
  genlab_dgemm(transA: number, transB: number, m: number, n: number, k: number, a: number, b: number, c: number): number;
  genlab_dgram_t(n: number, k: number, a: number, c: number, centre: number): number;
  genlab_unary(op: number, n: number, param: number, x: number, y: number): number;
  genlab_activation(op: number, grad: number, n: number, offsets: number): number;
  genlab_group_norm(grad: number, batch: number, pixels: number, channels: number, groups: number, eps: number, offsets: number): number;
}

const STACK_BYTES = 64 * 1024;
let compiled: { module: WebAssembly.Module; variant: WasmKernelVariant } | null | undefined;
const instances = new WeakMap<object, { kernels: WasmKernels; float64: Float64Kernels } | null>();

/** Which build runs: with relaxed SIMD's fused multiply-add, or SIMD128 only. */
export type WasmKernelVariant = 'relaxed-simd' | 'simd';

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const g = globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array }; atob?(s: string): string };
  if (g.Buffer) return new Uint8Array(g.Buffer.from(text, 'base64'));
  const raw = g.atob!(text);
  return Uint8Array.from(raw, (ch) => ch.charCodeAt(0));
}

/** True unless `GENLAB_WASM_RELAXED=off` asks for the SIMD128-only build (read without assuming Node). */
function relaxedAllowed(): boolean {
  return envFlag('GENLAB_WASM_RELAXED') !== 'off';
}

/** The build to use, decoded: relaxed SIMD unless it is turned off or does not validate here. */
function chooseBuild(): { bytes: Uint8Array<ArrayBuffer>; variant: WasmKernelVariant } {
  // Relaxed SIMD validates in browsers that ship it and in Node once src/node/engine.ts enabled it.
  const relaxed = relaxedAllowed() ? decodeBase64(WASM_KERNELS_RELAXED_BASE64) : null;
  return relaxed && WebAssembly.validate(relaxed)
    ? { bytes: relaxed, variant: 'relaxed-simd' }
    : { bytes: decodeBase64(WASM_KERNELS_BASE64), variant: 'simd' };
}

function compile(): { module: WebAssembly.Module; variant: WasmKernelVariant } | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const { bytes, variant } = chooseBuild();
    compiled = { module: new WebAssembly.Module(bytes), variant };
  } catch {
    // a browser main thread refuses synchronous compiles over 4 KB unless prepareWasmKernels ran: tfjs-wasm's kernels run
  }
  return compiled;
}

/** Compiles the kernels asynchronously (as browsers require on the main thread); the engine awaits it at start. */
export async function prepareWasmKernels(): Promise<void> {
  if (compiled) return;
  try {
    const { bytes, variant } = chooseBuild();
    compiled = { module: await WebAssembly.compile(bytes), variant };
  } catch {
    compiled = null;
  }
}

/** The build the kernels run (compiling it on first use), or null where they cannot run. */
export function wasmKernelVariant(): WasmKernelVariant | null {
  return compile()?.variant ?? null;
}

/** Grows-on-demand scratch in the module's memory for the per-call argument arrays. */
class Scratch {
  private ptr = 0;
  private bytes = 0;
  constructor(private readonly em: EmscriptenModuleLike['asm']) {}
  /** Address of `bytes` bytes of scratch (contents undefined). */
  reserve(bytes: number): number {
    if (bytes > this.bytes) {
      if (this.ptr) this.em.free(this.ptr);
      this.bytes = Math.max(bytes, 2 * this.bytes, 256);
      this.ptr = this.em.malloc(this.bytes);
      if (!this.ptr) throw new Error('genlab wasm kernels: out of memory for kernel arguments.');
    }
    return this.ptr;
  }
}

function instantiate(em: EmscriptenModuleLike['asm']): { kernels: WasmKernels; float64: Float64Kernels } | null {
  const module = compile()?.module;
  if (!module) return null;
  const ex = new WebAssembly.Instance(module, { env: { memory: em.memory, malloc: em.malloc, free: em.free } })
    .exports as unknown as KernelExports;
  const stack = em.malloc(STACK_BYTES); // the kernels' C stack lives in tfjs' heap, never at address 0
  if (!stack) return null;
  ex.__stack_pointer.value = (stack + STACK_BYTES) & ~15;
  const scratch = new Scratch(em);
  /** Copies `arrays` (4-byte words) into the scratch back to back and returns their addresses. */
  const words = (...arrays: Array<Uint32Array | Int32Array>): number[] => {
    const total = arrays.reduce((n, v) => n + v.length, 0);
    const base = scratch.reserve(4 * total);
    const view = new Int32Array(em.memory.buffer, base, total);
    const at: number[] = [];
    let o = 0;
    for (const v of arrays) {
      at.push(base + 4 * o);
      view.set(v instanceof Uint32Array ? new Int32Array(v.buffer, v.byteOffset, v.length) : v, o);
      o += v.length;
    }
    return at;
  };
  const check = (rc: number, what: string) => {
    if (rc !== 0) throw new Error(`genlab wasm kernels: ${what} failed (out of memory, or an unsupported argument).`);
  };
  const kernels: WasmKernels = {
    sgemm(_heap, transA, transB, m, n, k, aOff, bOff, cOff) {
      const [a, b, c] = words(aOff, bOff, cOff);
      check(ex.genlab_sgemm_batch(+transA, +transB, m, n, k, a, b, c, aOff.length), 'matmul');
    },
    conv2d(_heap, mode, geom, xOff, wOff, yOff) {
      check(ex.genlab_conv2d(mode, words(geom)[0], xOff, wOff, yOff), 'conv2d');
    },
    tile(_heap, elemBytes, shape, reps, xOff, yOff) {
      const [sp, rp] = words(shape, reps);
      check(ex.genlab_tile(shape.length, sp, rp, elemBytes, xOff, yOff), 'tile');
    },
    reduceSum(_heap, overRows, rows, cols, scale, xOff, yOff) {
      check(ex.genlab_reduce_sum(+overRows, rows, cols, scale, xOff, yOff), 'sum');
    },
    reduceStrided(_heap, geom, outLen, scale, xOff, yOff) {
      check(ex.genlab_reduce_strided(words(geom)[0], outLen, scale, xOff, yOff), 'strided sum');
    },
    copyRows(_heap, rows, rowBytes, srcOff, srcStride, dstOff, dstStride) {
      ex.genlab_copy_rows(rows, rowBytes, srcOff, srcStride, dstOff, dstStride);
    },
    resample(_heap, up, geom, scale, smallOff, bigOff) {
      ex.genlab_resample(+up, words(geom)[0], scale, smallOff, bigOff);
    },
    compare(_heap, op, isInt, n, aOff, bOff, bScalar, outOff) {
      check(ex.genlab_compare(op, +isInt, n, aOff, bOff, +bScalar, outOff), 'comparison');
    },
    select(_heap, n, condOff, aOff, bOff, outOff) {
      ex.genlab_select(n, condOff, aOff, bOff, outOff);
    },
    cast(_heap, from, to, n, inOff, outOff) {
      check(ex.genlab_cast(from, to, n, inOff, outOff), 'cast');
    },
    binary(_heap, op, geom, aOff, bOff, outOff) {
      check(ex.genlab_binary(op, words(geom)[0], aOff, bOff, outOff), 'elementwise op');
    },
    adam(_heap, n, offsets, params) {
      const base = scratch.reserve(4 * offsets.length + 8 * params.length + 8);
      const paramsAt = (base + 4 * offsets.length + 7) & ~7; // float64 alignment
      new Uint32Array(em.memory.buffer, base, offsets.length).set(offsets);
      new Float64Array(em.memory.buffer, paramsAt, params.length).set(params);
      ex.genlab_adam(n, base, paramsAt);
    },
    batchNorm(_heap, rows, channels, eps, offsets) {
      check(ex.genlab_batch_norm(rows, channels, eps, words(offsets)[0]), 'batch norm');
    },
    unary(_heap, op, n, param, xOff, yOff) {
      check(ex.genlab_unary(op, n, param, xOff, yOff), 'elementwise function');
    },
    activation(_heap, op, grad, n, offsets) {
      check(ex.genlab_activation(op, +grad, n, words(offsets)[0]), 'activation');
    },
    groupNorm(_heap, grad, batch, pixels, channels, groups, eps, offsets) {
      check(ex.genlab_group_norm(+grad, batch, pixels, channels, groups, eps, words(offsets)[0]), 'group norm');
    },
  };
  /** Copies `arrays` into fresh allocations, runs `body` on their addresses, copies array `out` back, frees them. */
  const onHeap = (arrays: Float64Array[], out: number, body: (at: number[]) => number, what: string): void => {
    const at = arrays.map((v) => em.malloc(Math.max(8, 8 * v.length)));
    try {
      if (at.some((p) => !p)) throw new Error(`genlab wasm kernels: out of memory for ${what}.`);
      arrays.forEach((v, i) => new Float64Array(em.memory.buffer, at[i], v.length).set(v));
      check(body(at), what);
      arrays[out].set(new Float64Array(em.memory.buffer, at[out], arrays[out].length));
    } finally {
      for (const p of at) if (p) em.free(p);
    }
  };
  const float64: Float64Kernels = {
    gemm(transA, transB, m, n, k, a, b, c) {
      onHeap([a, b, c], 2, ([pa, pb, pc]) => ex.genlab_dgemm(+transA, +transB, m, n, k, pa, pb, pc), 'a float64 product');
    },
    gramT(n, k, a, c, centre) {
      onHeap(centre ? [a, c, centre] : [a, c], 1, ([pa, pc, pm]) => ex.genlab_dgram_t(n, k, pa, pc, pm ?? 0), 'a covariance');
    },
  };
  return { kernels, float64 };
}

/** The instance bound to `backend` (a tfjs-wasm backend), or null where it cannot be instantiated. */
function instanceFor(backend: unknown): { kernels: WasmKernels; float64: Float64Kernels } | null {
  const key = backend as object;
  if (instances.has(key)) return instances.get(key)!;
  const em = (backend as { wasm?: Partial<EmscriptenModuleLike> }).wasm?.asm;
  const made = em?.memory instanceof WebAssembly.Memory && typeof em.malloc === 'function' ? instantiate(em as EmscriptenModuleLike['asm']) : null;
  instances.set(key, made);
  return made;
}

/** The kernels bound to `backend` (a tfjs-wasm backend), or null where they cannot be instantiated. */
export function wasmKernelsFor(backend: unknown): WasmKernels | null {
  return instanceFor(backend)?.kernels ?? null;
}

/** The metrics' float64 products on `backend`'s instance (eigenproblems stay in JS), or null. */
export function wasmFloat64KernelsFor(backend: unknown): Float64Kernels | null {
  return instanceFor(backend)?.float64 ?? null;
}
