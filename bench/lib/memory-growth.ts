// Memory growth of a workload over many steps (`--memory-steps N`): snapshots after 10 % of the steps
// (past the warm-up allocations: wasm heap growth, kernel caches, optimizer slots) and at the end; a
// leak shows as tensors, tensor bytes or RSS that keep rising between the two.

/** Process and engine memory after `step` completed steps. */
export interface MemorySnapshot {
  step: number;
  /** Resident set size, MiB. */
  rssMb: number;
  /** tf.memory(): live tensors and their bytes. */
  numTensors: number;
  numBytes: number;
}

/** The two snapshots and the growth from the first to the second. */
export interface MemoryGrowth {
  steps: number;
  early: MemorySnapshot;
  end: MemorySnapshot;
  growth: { steps: number; rssMb: number; numTensors: number; numBytes: number };
}

/** The step after which the early snapshot is taken: 10 % of `steps`, at least 1. */
export function earlyStep(steps: number): number {
  return Math.max(1, Math.round(steps / 10));
}

/** Growth between two snapshots (RSS rounded to 0.1 MiB). */
export function memoryGrowth(steps: number, early: MemorySnapshot, end: MemorySnapshot): MemoryGrowth {
  return {
    steps,
    early,
    end,
    growth: {
      steps: end.step - early.step,
      rssMb: Number((end.rssMb - early.rssMb).toFixed(1)),
      numTensors: end.numTensors - early.numTensors,
      numBytes: end.numBytes - early.numBytes,
    },
  };
}

/** Runs `run(i)` for i = 0..steps−1 (steps ≥ 2) with snapshots after earlyStep(steps) steps and at the end. */
export function trackMemory(steps: number, run: (i: number) => void, snapshot: (step: number) => MemorySnapshot): MemoryGrowth {
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`--memory-steps must be an integer ≥ 2 (two snapshots), got ${steps}.`);
  const at = earlyStep(steps);
  let early: MemorySnapshot | undefined;
  for (let i = 0; i < steps; i++) {
    run(i);
    if (i + 1 === at) early = snapshot(at);
  }
  return memoryGrowth(steps, early!, snapshot(steps));
}
