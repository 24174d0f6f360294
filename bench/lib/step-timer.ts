// Timing of repeated steps, shared by the genlab-side benchmarks: warm-up, then per-step wall times
// summarised as min/median/max, and the process's peak resident set size.

/** min / median / max of per-step milliseconds. */
export interface MsSummary {
  min: number;
  median: number;
  max: number;
}

/** Summary of step times; the median averages the middle pair for even counts (as numpy's). */
export function summarize(times: number[]): MsSummary {
  if (times.length === 0) throw new Error('No timed steps to summarise: pass --steps ≥ 1.');
  const s = [...times].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const r = (v: number) => Number(v.toFixed(2));
  return { min: r(s[0]), median: r(median), max: r(s[s.length - 1]) };
}

/**
 * Runs `run(i, prepare(i))` for `warmup` untimed then `steps` timed calls (i counts all calls) and
 * summarises; only `run` is timed, so input preparation (batch assembly) stays out of the step time,
 * as in the PyTorch twins whose data is a fixed tensor.
 */
export function timeSteps<T>(run: (i: number, input: T) => void, warmup: number, steps: number, prepare: (i: number) => T): MsSummary {
  for (let i = 0; i < warmup; i++) run(i, prepare(i));
  const times: number[] = [];
  for (let i = warmup; i < warmup + steps; i++) {
    const input = prepare(i);
    const t0 = performance.now();
    run(i, input);
    times.push(performance.now() - t0);
  }
  return summarize(times);
}

/** Peak resident set size of this process so far, in MiB (maxRSS is in KiB). */
export function peakRssMb(): number {
  return Number((process.resourceUsage().maxRSS / 1024).toFixed(1));
}
