// Node adapter for the engine: points the wasm backend at the .wasm files inside the installed
// package (nothing is downloaded), removes the process listeners emscripten installs, and loads
// tfjs-node or genlab's native (OpenBLAS) addon when the user has them.
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import { initEngine, setPlatformHooks, type EngineInfo } from '../engine/backend.js';
import { loadNativeAddon } from './native-addon.js';

const require = createRequire(import.meta.url);

/** A wasm module of one f32x4.relaxed_madd: it validates where relaxed SIMD is enabled. */
const RELAXED_SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, // type: (v128, v128, v128) → v128
  0x03, 0x02, 0x01, 0x00, // one function of that type
  0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfd, 0x85, 0x02, 0x0b, // relaxed_madd
]);
let listenersBefore: { ue: Function[]; ur: Function[] } | null = null;

setPlatformHooks({
  autoOrder: ['tensorflow', 'native', 'wasm', 'cpu'],
  loadNative: loadNativeAddon,
  async loadOptionalBackend(name) {
    if (name !== 'tensorflow') return false;
    for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
      try {
        require.resolve(pkg);
      } catch {
        continue;
      }
      await import(pkg);
      return true;
    }
    return false;
  },
  async beforeWasm() {
    // Relaxed SIMD (the fused multiply-add of genlab's wasm matmul, ~1.3× its speed) is on by default in
    // Node 22; Node 20 has it behind this flag, which only widens what wasm validation accepts.
    if (process.env.GENLAB_WASM_RELAXED !== 'off' && !WebAssembly.validate(RELAXED_SIMD_PROBE)) {
      v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    }
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    const dir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    setWasmPaths(dir + path.sep);
    listenersBefore = {
      ue: process.listeners('uncaughtException'),
      ur: process.listeners('unhandledRejection'),
    };
  },
  afterWasm() {
    // emscripten rethrows every uncaught error from inside its minified bundle, which makes Node
    // print the whole bundle as the error's source line; take its listeners off again.
    if (!listenersBefore) return;
    for (const l of process.listeners('uncaughtException')) {
      if (!listenersBefore.ue.includes(l)) process.removeListener('uncaughtException', l as never);
    }
    for (const l of process.listeners('unhandledRejection')) {
      if (!listenersBefore.ur.includes(l)) process.removeListener('unhandledRejection', l as never);
    }
  },
});

let hinted = false;

/**
 * Initialises the engine in Node; `backend` defaults to `GENLAB_BACKEND` or 'auto'. When 'auto' passes
 * over an uninstalled faster backend, its one-line hint goes to stderr once (this is the Node edge).
 */
export async function initNodeEngine(backend?: string): Promise<EngineInfo> {
  const info = await initEngine(backend ?? process.env.GENLAB_BACKEND ?? 'auto');
  if (info.hint && !hinted && process.env.GENLAB_NATIVE !== 'off') {
    hinted = true;
    process.stderr.write(`${info.hint}\n`);
  }
  return info;
}
