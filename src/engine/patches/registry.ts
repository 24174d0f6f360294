// Helpers to register genlab's kernels and gradients in tfjs' global registries, idempotently
// (registry state is the source of truth), following the tfjs modular-kernel design (tfjs RFC #3033).
import { envFlag } from '../env-flag.js';
import { tf, type Tensor } from '../tf.js';

/** A kernel or gradient config that genlab installed carries this mark. */
const MARK = '__genlab';
/** The layers `layerKernel` added to a kernel config, by name. */
const LAYERS = '__genlabLayers';

type AttrMap = Record<string, unknown>;
type Info = tf.TensorInfo;
type KernelFunc = tf.KernelConfig['kernelFunc'];

/** True when `GENLAB_UNPATCHED=1` asks for stock tfjs (read without assuming Node). */
export function unpatchedRequested(): boolean {
  return envFlag('GENLAB_UNPATCHED') === '1';
}

/** True when `getKernel(name, backend)` is a kernel genlab registered. */
export function isGenlabKernel(kernelName: string, backendName: string): boolean {
  const k = tf.getKernel(kernelName, backendName) as (tf.KernelConfig & { [MARK]?: boolean }) | undefined;
  return Boolean(k?.[MARK]);
}

/** True when the registered gradient for `kernelName` is genlab's. */
export function isGenlabGradient(kernelName: string): boolean {
  const g = tf.getGradient(kernelName) as (tf.GradConfig & { [MARK]?: boolean }) | undefined;
  return Boolean(g?.[MARK]);
}

/** Registers a gradient unless genlab's is already in place; returns whether it registered. */
export function patchGradient(config: tf.GradConfig): boolean {
  if (isGenlabGradient(config.kernelName)) return false;
  tf.registerGradient({ ...config, [MARK]: true } as tf.GradConfig);
  return true;
}

/**
 * Registers the kernel `make` builds for (`kernelName`, `backendName`) unless genlab's is already there;
 * `make` receives the kernel it replaces (if any) so an override can delegate to it.
 */
export function patchKernel(
  kernelName: string,
  backendName: string,
  make: (previous: tf.KernelConfig | undefined) => KernelFunc,
): boolean {
  if (isGenlabKernel(kernelName, backendName)) return false;
  const previous = tf.getKernel(kernelName, backendName);
  const config = { ...(previous ?? {}), kernelName, backendName, kernelFunc: make(previous), [MARK]: true };
  if (previous) tf.unregisterKernel(kernelName, backendName); // avoids tfjs' "already registered" warning
  tf.registerKernel(config as tf.KernelConfig);
  return true;
}

/**
 * Wraps the kernel now registered for (`kernelName`, `backendName`) — stock or genlab's — in `make`'s,
 * once per `layer` name (a later call with the same layer is a no-op); returns whether it wrapped.
 */
export function layerKernel(
  kernelName: string,
  backendName: string,
  layer: string,
  make: (previous: tf.KernelConfig) => KernelFunc,
): boolean {
  const previous = tf.getKernel(kernelName, backendName) as (tf.KernelConfig & { [LAYERS]?: string[] }) | undefined;
  if (!previous || previous[LAYERS]?.includes(layer)) return false;
  const config = { ...previous, kernelFunc: make(previous), [MARK]: true, [LAYERS]: [...(previous[LAYERS] ?? []), layer] };
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel(config as tf.KernelConfig);
  return true;
}

/** Names of the backends tfjs knows about (imported), initialised or not. */
export function knownBackends(): string[] {
  return Object.keys((tf.engine() as unknown as { registryFactory: Record<string, unknown> }).registryFactory);
}

/**
 * Turns a function of tf ops into a kernel: the ops run on the active backend inside a tidy scope and
 * the result's data is handed to the engine (the pattern of tfjs' own Identity kernel).
 */
export function compositeKernel(fn: (inputs: Record<string, Tensor>, attrs: AttrMap) => Tensor): KernelFunc {
  return ({ inputs, attrs, backend }) => {
    const kb = backend as tf.KernelBackend;
    const owned: Tensor[] = [];
    const ts: Record<string, Tensor> = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info == null) continue;
      if (info instanceof tf.Tensor) {
        ts[name] = info;
      } else {
        kb.incRef(info.dataId); // the wrapper's dispose gives this reference back
        const t = tf.engine().makeTensorFromTensorInfo(info, kb);
        owned.push(t);
        ts[name] = t;
      }
    }
    const out = tf.tidy(() => fn(ts, (attrs ?? {}) as AttrMap));
    kb.incRef(out.dataId); // the reference the engine's output tensor will own
    if (!Object.values(ts).includes(out)) out.dispose();
    for (const t of owned) t.dispose();
    return { dataId: out.dataId, shape: out.shape, dtype: out.dtype };
  };
}

/**
 * A kernel that runs tfjs' cpu implementation of `kernelName` on copies of its inputs and writes
 * the result back to the calling backend (correct on any backend; costs two copies).
 */
export function cpuFallbackKernel(kernelName: string): KernelFunc {
  return ({ inputs, attrs, backend }) => {
    const kb = backend as tf.KernelBackend;
    const cpu = tf.findBackend('cpu') as tf.KernelBackend | null;
    const cpuKernel = tf.getKernel(kernelName, 'cpu');
    if (!cpu || !cpuKernel) {
      throw new Error(`genlab: kernel '${kernelName}' needs the cpu backend as a fallback, but it is not registered.`);
    }
    const moved: Record<string, Info> = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info == null) continue;
      moved[name] = { dataId: cpu.write(kb.readSync(info.dataId), info.shape, info.dtype), shape: info.shape, dtype: info.dtype };
    }
    try {
      const out = cpuKernel.kernelFunc({ inputs: moved, attrs, backend: cpu });
      const outs = (Array.isArray(out) ? out : [out]).map((o) => {
        const values = cpu.readSync(o.dataId) as tf.backend_util.BackendValues;
        const info = { dataId: kb.write(values, o.shape, o.dtype), shape: o.shape, dtype: o.dtype };
        cpu.disposeData(o.dataId);
        return info;
      });
      return Array.isArray(out) ? outs : outs[0];
    } finally {
      for (const info of Object.values(moved)) cpu.disposeData(info.dataId);
    }
  };
}

/** Calls a kernel implementation directly (bypassing the registry) and wraps its output as a tensor. */
export function callKernel(kernel: tf.KernelConfig, inputs: Record<string, Tensor>, attrs: AttrMap): Tensor {
  const out = kernel.kernelFunc({ inputs, attrs: attrs as tf.NamedAttrMap, backend: tf.backend() }) as Info;
  return tf.engine().makeTensorFromTensorInfo(out);
}

/** Reads a numeric attribute pair (`3` or `[3, 2]`) as [height, width]. */
export function pair(v: unknown): [number, number] {
  if (typeof v === 'number') return [v, v];
  const a = v as number[];
  return [a[0], a[1]];
}
