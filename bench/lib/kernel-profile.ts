// Runs a function once under tf.profile and returns its kernel records with their nesting depth, the
// input of kernel-flops.ts. tfjs' records carry no depth, but they are pushed right after each kernel
// returns, when engine.state.kernelDepth is the caller's depth, so the push is wrapped to note it.
import { tf } from '../../src/engine/tf.js';
import { countKernelFlops, type KernelFlops, type KernelRecord } from './kernel-flops.js';

interface ProfilingState {
  kernelDepth: number;
  activeProfile: { kernels: Array<{ depth?: number }> };
}

/** Kernel records of one call of `run` (which must dispose what it creates). */
export async function profileKernels(run: () => void): Promise<KernelRecord[]> {
  const state = tf.engine().state as unknown as ProfilingState;
  const info = await tf.profile(() => {
    // tf.profile starts a fresh array before calling us; stamp each record with the depth it ran at
    const list = state.activeProfile.kernels;
    list.push = (...recs) => {
      for (const r of recs) r.depth = state.kernelDepth;
      return Array.prototype.push.apply(list, recs);
    };
    run();
  });
  return info.kernels.map((k) => ({
    name: k.name,
    inputShapes: k.inputShapes as Array<number[] | null>,
    outputShapes: k.outputShapes,
    depth: (k as { depth?: number }).depth ?? 0,
  }));
}

/** FLOPs of the matrix kernels one call of `run` executes (see kernel-flops.ts). */
export async function profiledFlops(run: () => void): Promise<KernelFlops> {
  return countKernelFlops(await profileKernels(run));
}
