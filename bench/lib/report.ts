// Pure assembly of the --vs-torch result: per-workload rows from the timing records of both sides
// (one pair per interleaved round), the latest.json object and the printed ratio table.
import type { MsSummary } from './step-timer.js';

/** One process's JSON line (genlab-workload.ts or a bench/torch/ script). */
export interface SideRecord {
  name: string;
  ms: MsSummary;
  steps: number;
  peakRssMb: number;
  /** genlab side only: analytic FLOPs of one step (null when not counted). */
  flops?: number | null;
  backend?: string;
}

/** One row of latest.json's `workloads`; times are ms per step, ratio = genlab / torch. */
export interface WorkloadRow {
  name: string;
  genlabMs: number;
  torchMs: number;
  ratio: number;
  gflops: number | null;
  peakRssMb: number;
  torchPeakRssMb: number;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** Combines the rounds of one workload: the median of the per-round medians, the largest peak RSS. */
export function workloadRow(name: string, genlab: SideRecord[], torch: SideRecord[]): WorkloadRow {
  if (genlab.length === 0 || torch.length === 0) throw new Error(`Workload ${name}: need timing records from both sides (got genlab ${genlab.length}, torch ${torch.length}).`);
  const genlabMs = median(genlab.map((r) => r.ms.median));
  const torchMs = median(torch.map((r) => r.ms.median));
  if (!(torchMs > 0)) throw new Error(`Workload ${name}: the PyTorch time is ${torchMs} ms, cannot form a ratio.`);
  const flops = genlab[0].flops ?? null;
  return {
    name,
    genlabMs: round(genlabMs, 2),
    torchMs: round(torchMs, 2),
    ratio: round(genlabMs / torchMs, 2),
    gflops: flops === null ? null : round(flops / genlabMs / 1e6, 2),
    peakRssMb: Math.max(...genlab.map((r) => r.peakRssMb)),
    torchPeakRssMb: Math.max(...torch.map((r) => r.peakRssMb)),
  };
}

/** The object written to bench/results/latest.json. */
export function vsTorchReport<M extends object>(machine: M, backend: string, workloads: WorkloadRow[], settings: object) {
  return { machine, backend, date: new Date().toISOString(), settings, workloads };
}

/** The ratio table as fixed-width text (also valid Markdown). */
export function formatRatioTable(rows: WorkloadRow[]): string {
  const head = ['workload', 'genlab ms', 'torch ms', 'ratio', 'GFLOP/s', 'peak RSS MB', 'torch RSS MB'];
  const body = rows.map((r) => [r.name, r.genlabMs.toFixed(1), r.torchMs.toFixed(1), r.ratio.toFixed(2), r.gflops === null ? '-' : r.gflops.toFixed(1), r.peakRssMb.toFixed(0), r.torchPeakRssMb.toFixed(0)]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells: string[]) => `| ${cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

/** The last JSON line of a process's stdout, with an error naming the process when there is none. */
export function lastJsonLine(stdout: string, what: string): SideRecord {
  const lines = stdout.split('\n').filter((l) => l.startsWith('{'));
  if (lines.length === 0) throw new Error(`${what} printed no JSON record; its output was:\n${stdout.slice(-2000)}`);
  return JSON.parse(lines[lines.length - 1]) as SideRecord;
}
