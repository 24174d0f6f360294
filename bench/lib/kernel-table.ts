// The kernel table of bench/profile-step.ts: profiled kernel calls summed by kernel name (outermost
// only, as a nested kernel's time is inside its caller's), largest first, with each name's costliest
// input shapes. Pure over the records, so it is tested without an engine.

/** One profiled kernel call with its time. */
export interface TimedKernel {
  name: string;
  ms: number;
  /** 0 = called by an op; larger = run inside another kernel. */
  depth: number;
  inputShapes: Array<number[] | null>;
}

export interface KernelRow {
  name: string;
  calls: number;
  ms: number;
  share: number;
  topShapes: { shapes: string; ms: number }[];
}

const shapeKey = (s: Array<number[] | null>) => s.map((x) => (x ? `[${x.join('×')}]` : '-')).join(' ');

/** Rows for the `top` costliest kernel names (the rest are in kernelMs and calls only). */
export function kernelTable(kernels: TimedKernel[], top: number): { kernelMs: number; calls: number; rows: KernelRow[] } {
  const outer = kernels.filter((k) => k.depth === 0);
  const kernelMs = outer.reduce((a, k) => a + k.ms, 0);
  const byName = new Map<string, { calls: number; ms: number; shapes: Map<string, number> }>();
  for (const k of outer) {
    const e = byName.get(k.name) ?? { calls: 0, ms: 0, shapes: new Map() };
    e.calls++;
    e.ms += k.ms;
    const key = shapeKey(k.inputShapes);
    e.shapes.set(key, (e.shapes.get(key) ?? 0) + k.ms);
    byName.set(k.name, e);
  }
  const rows = [...byName.entries()]
    .map(([name, e]) => ({
      name,
      calls: e.calls,
      ms: e.ms,
      share: kernelMs > 0 ? e.ms / kernelMs : 0,
      topShapes: [...e.shapes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([shapes, ms]) => ({ shapes, ms })),
    }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
  return { kernelMs, calls: outer.length, rows };
}

/** Per call position, the fastest of several profiles of the same step; the first profile when their kernel sequences differ. */
export function fastestPerCall(runs: TimedKernel[][]): TimedKernel[] {
  if (runs.length === 0) return [];
  const [first] = runs;
  const same = runs.every((r) => r.length === first.length && r.every((k, i) => k.name === first[i].name));
  if (!same) return first;
  return first.map((k, i) => ({ ...k, ms: Math.min(...runs.map((r) => r[i].ms)) }));
}
