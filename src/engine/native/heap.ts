// Access to the tfjs wasm backend's heap for native kernels: tensors live in the wasm module's memory
// at `dataIdMap.get(dataId).memoryOffset`; the heap's ArrayBuffer is re-read on every call because
// memory growth detaches the old one.
import { tf } from '../tf.js';

/** The parts of tfjs-backend-wasm's BackendWasm (4.22) the native kernels use. */
interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

/** The wasm backend behind a kernel's `backend` argument, checked so a changed tfjs fails loudly. */
export function wasmBackend(backend: unknown): WasmBackendLike {
  const b = backend as Partial<WasmBackendLike>;
  if (!b?.wasm?.HEAPU8 || !b.dataIdMap || typeof b.makeOutput !== 'function') {
    throw new Error('genlab native: the backend is not tfjs-backend-wasm 4.x (no wasm heap); use --backend wasm.');
  }
  return b as WasmBackendLike;
}

/** Byte offset of a tensor's data in the wasm heap. */
export function offsetOf(backend: WasmBackendLike, info: tf.TensorInfo): number {
  const entry = backend.dataIdMap.get(info.dataId);
  if (!entry || entry.memoryOffset == null) throw new Error('genlab native: tensor has no data on the wasm heap.');
  return entry.memoryOffset;
}

/** The heap's current ArrayBuffer (read after every allocation: growth replaces it). */
export function heapOf(backend: WasmBackendLike): ArrayBuffer {
  return backend.wasm.HEAPU8.buffer as ArrayBuffer;
}

/** Hands a case the native kernel does not cover to wasm's kernel `fallback` (throws when there is none). */
export function wasmFallback(kernelName: string, fallback: tf.KernelConfig | undefined, args: Parameters<tf.KernelConfig['kernelFunc']>[0]) {
  if (!fallback) throw new Error(`genlab native: this ${kernelName} has no native kernel and no wasm one.`);
  return fallback.kernelFunc(args);
}
