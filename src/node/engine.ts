// Node adapter for the engine: points the wasm backend at the .wasm files inside the installed
// package (nothing is downloaded), removes the process listeners emscripten installs, and loads
// tfjs-node when the user has it.
import { createRequire } from 'node:module';
import path from 'node:path';
import { initEngine, setPlatformHooks, type EngineInfo } from '../engine/backend.js';

const require = createRequire(import.meta.url);
let listenersBefore: { ue: Function[]; ur: Function[] } | null = null;

setPlatformHooks({
  autoOrder: ['tensorflow', 'wasm', 'cpu'],
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

/** Initialises the engine in Node; `backend` defaults to `GENLAB_BACKEND` or 'auto'. */
export function initNodeEngine(backend?: string): Promise<EngineInfo> {
  return initEngine(backend ?? process.env.GENLAB_BACKEND ?? 'auto');
}
