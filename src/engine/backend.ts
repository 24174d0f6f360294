// Backend selection: wasm (SIMD) by default, cpu as fallback, tfjs-node ("tensorflow") when the user
// has it, 'native' (wasm + OpenBLAS kernels) when its addon is built; in the browser webgpu → webgl → wasm.
// Kernel/gradient patches are applied once here.
import { tf } from './tf.js';
import type { NativeBlas } from './native/blas.js';
import { registerNativeBackend } from './native/backend.js';
import { applyPatches } from './patches/index.js';
import { wasmKernelsEnabled } from './patches/wasm-own-kernels.js';
import { prepareWasmKernels, wasmFloat64KernelsFor, wasmKernelVariant } from './wasm-kernels/module.js';
import { setFloat64Kernels } from './float64-kernels.js';

/** Backend names genlab accepts (`--backend`, `GENLAB_BACKEND`). */
export const BACKENDS = ['auto', 'native', 'wasm', 'cpu', 'tensorflow', 'webgpu', 'webgl'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What `initEngine` chose, recorded in every run's report. */
export interface EngineInfo {
  backend: string;
  requested: BackendName;
  tfjsVersion: string;
  simd?: boolean;
  threads?: boolean;
  /** Which build of genlab's wasm kernels runs on 'wasm' (null: unavailable, tfjs-wasm's own kernels run). */
  wasmKernels?: string | null;
  /** OpenBLAS threads of the 'native' backend. */
  nativeThreads?: number;
  patched: boolean;
  /** One line on how to get a faster backend, when 'auto' passed over one that is not installed. */
  hint?: string;
}

let current: EngineInfo | null = null;

/** Hooks that platform adapters (Node, browser) install before the first `initEngine` call. */
export interface PlatformHooks {
  /** Loads an optional backend package (e.g. tfjs-node) and returns true when it registered. */
  loadOptionalBackend?(name: 'tensorflow'): Promise<boolean>;
  /** Loads the native addon (Node) or says why it is unavailable. */
  loadNative?(): { blas: NativeBlas } | { reason: string };
  /** Called before/after the wasm backend initialises (Node: set .wasm paths, restore listeners). */
  beforeWasm?(): Promise<void> | void;
  afterWasm?(): Promise<void> | void;
  autoOrder: BackendName[];
}

let hooks: PlatformHooks = { autoOrder: ['webgpu', 'webgl', 'wasm', 'cpu'] };

/** Installs platform hooks (the Node adapter calls this; the browser uses the defaults). */
export function setPlatformHooks(h: PlatformHooks): void {
  hooks = h;
}

function parseBackend(name: string): BackendName {
  if (!(BACKENDS as readonly string[]).includes(name)) {
    throw new Error(`Unknown backend "${name}". Valid backends: ${BACKENDS.join(', ')}.`);
  }
  return name as BackendName;
}

/** Why the native backend could not start, for the error or the hint. */
let nativeUnavailable: string | undefined;
let nativeBlas: NativeBlas | undefined;

/** Starts wasm, patches it, then registers 'native' over it (its kernels are copied from patched wasm). */
async function prepareNative(): Promise<boolean> {
  const loaded = hooks.loadNative?.() ?? { reason: 'unavailable outside Node' };
  if ('reason' in loaded) {
    nativeUnavailable = loaded.reason;
    return false;
  }
  if (!(await tryBackend('wasm'))) return false;
  applyPatches();
  registerNativeBackend(loaded.blas);
  nativeBlas = loaded.blas;
  return true;
}

async function tryBackend(name: BackendName): Promise<boolean> {
  try {
    if (name === 'native') {
      if (!(await prepareNative())) return false;
    } else if (name === 'tensorflow') {
      if (!hooks.loadOptionalBackend || !(await hooks.loadOptionalBackend('tensorflow'))) return false;
    } else if (name === 'wasm') {
      await import('@tensorflow/tfjs-backend-wasm');
      await hooks.beforeWasm?.();
    } else if (name === 'webgl') {
      if (typeof document === 'undefined') return false;
      await import(/* @vite-ignore */ '@tensorflow/tfjs-backend-webgl' as string);
    } else if (name === 'webgpu') {
      if (typeof navigator === 'undefined' || !('gpu' in navigator)) return false;
      await import(/* @vite-ignore */ '@tensorflow/tfjs-backend-webgpu' as string);
    }
    const ok = await tf.setBackend(name);
    if (name === 'wasm') await hooks.afterWasm?.();
    return ok && tf.getBackend() === name;
  } catch (err) {
    if (name === 'native') nativeUnavailable = `not usable (${err instanceof Error ? err.message : String(err)})`;
    return false;
  }
}

/**
 * Selects and initialises a backend and applies genlab's kernel/gradient patches.
 * `requested` = 'auto' walks the platform's preference order; a named backend that cannot start
 * is an error (never a silent fallback).
 */
export async function initEngine(requested: string = 'auto'): Promise<EngineInfo> {
  const want = parseBackend(requested);
  if (current && (want === 'auto' || current.backend === want)) return current;
  tf.env().set('PROD', true); // silences tfjs' "install tfjs-node" console banner
  const order = want === 'auto' ? hooks.autoOrder : [want];
  for (const name of order) {
    if (await tryBackend(name)) {
      await tf.ready();
      if (name === 'wasm' || name === 'native') await prepareWasmKernels();
      const patched = applyPatches();
      // the metrics' float64 algebra follows the engine: OpenBLAS/LAPACK on native, genlab's wasm kernels on
      // wasm (the JS eigensolver), the wasm / JS Gram kernel otherwise
      setFloat64Kernels(name === 'native' && nativeBlas ? nativeBlas : name === 'wasm' && wasmKernelsEnabled() ? wasmFloat64KernelsFor(tf.engine().registry.wasm) : null);
      const flags = tf.env();
      current = {
        backend: tf.getBackend(),
        requested: want,
        tfjsVersion: tf.version_core,
        simd: name === 'wasm' || name === 'native' ? Boolean(flags.getAsync ? await flags.getAsync('WASM_HAS_SIMD_SUPPORT') : undefined) : undefined,
        threads: name === 'wasm' || name === 'native' ? Boolean(await flags.getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) : undefined,
        wasmKernels: name === 'wasm' ? (wasmKernelsEnabled() ? wasmKernelVariant() : null) : undefined,
        nativeThreads: name === 'native' ? nativeBlas?.threads() : undefined,
        patched,
        hint: want === 'auto' && order.indexOf('native') >= 0 && order.indexOf('native') < order.indexOf(name) && nativeUnavailable
          ? `genlab: running on ${name}; the native backend is ${nativeUnavailable}. For it: apt install libopenblas-dev, then npm rebuild genlab.`
          : undefined,
      };
      return current;
    }
  }
  throw new Error(
    want === 'auto'
      ? `No tfjs backend could start (tried ${order.join(', ')}).`
      : `Backend "${want}" could not start.` +
          (want === 'tensorflow' ? ' Install @tensorflow/tfjs-node (or -gpu) to use it.' : '') +
          (want === 'native' && nativeUnavailable
            ? ` It is ${nativeUnavailable}; install OpenBLAS (apt install libopenblas-dev) and run npm rebuild genlab.`
            : ''),
  );
}

/** The engine chosen by the last `initEngine`, or null before it ran. */
export function engineInfo(): EngineInfo | null {
  return current;
}
