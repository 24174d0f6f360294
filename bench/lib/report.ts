// Pure assembly of the --vs-torch result: per-workload rows from the timing records of both sides
// (one pair per interleaved round), the latest.json object and the printed tables.
import type { MemoryGrowth } from './memory-growth.js';
import type { MsSummary } from './step-timer.js';

/** One process's JSON line (genlab-workload.ts or a bench/torch/ script). */
export interface SideRecord {
  name: string;
  ms: MsSummary;
  steps: number;
  peakRssMb: number;
  /** genlab side only: FLOPs of one step (null when not counted) and how they were counted. */
  flops?: number | null;
  flopsSource?: 'analytic' | 'profiled' | null;
  /** Sampling workloads: samples one step produces. */
  samplesPerStep?: number;
  backend?: string;
  /** The machine's 1-minute load average when the process started (vs-torch adds it). */
  loadavg1?: number;
}

/** The JSON line of genlab-workload.ts --memory-steps. */
export interface MemoryRecord {
  name: string;
  memory: MemoryGrowth;
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
  /** How `gflops`' FLOPs were counted (present when they were). */
  flopsSource?: 'analytic' | 'profiled';
  /** Sampling workloads: samples per second of each side, from its median step time. */
  samplesPerS?: number;
  torchSamplesPerS?: number;
  /** With --memory-steps: the genlab side's memory growth over that many steps. */
  memory?: MemoryGrowth;
  /** Per round, each side's median ms and the load average at its start (when the records carry it). */
  rounds?: { genlabMs: number; torchMs: number; genlabLoad: number; torchLoad: number }[];
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
  const source = genlab[0].flopsSource;
  const samples = genlab[0].samplesPerStep;
  const loads = genlab.every((r) => r.loadavg1 !== undefined) && torch.every((r) => r.loadavg1 !== undefined) && genlab.length === torch.length;
  return {
    name,
    genlabMs: round(genlabMs, 2),
    torchMs: round(torchMs, 2),
    ratio: round(genlabMs / torchMs, 2),
    gflops: flops === null ? null : round(flops / genlabMs / 1e6, 2),
    peakRssMb: Math.max(...genlab.map((r) => r.peakRssMb)),
    torchPeakRssMb: Math.max(...torch.map((r) => r.peakRssMb)),
    ...(flops !== null && source ? { flopsSource: source } : {}),
    ...(samples ? { samplesPerS: round((samples * 1000) / genlabMs, 2), torchSamplesPerS: round((samples * 1000) / torchMs, 2) } : {}),
    ...(loads ? { rounds: genlab.map((g, i) => ({ genlabMs: g.ms.median, torchMs: torch[i].ms.median, genlabLoad: g.loadavg1!, torchLoad: torch[i].loadavg1! })) } : {}),
  };
}

/** The object written to bench/results/latest.json. */
export function vsTorchReport<M extends object>(machine: M, backend: string, workloads: WorkloadRow[], settings: object) {
  return { machine, backend, date: new Date().toISOString(), settings, workloads };
}

/** Rows of cells as a fixed-width table (also valid Markdown), first column left-aligned. */
function table(head: string[], body: string[][]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells: string[]) => `| ${cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

/** The load-average range over a row's processes, e.g. `3.10–4.25`. */
function loadRange(r: WorkloadRow): string {
  if (!r.rounds) return '-';
  const v = r.rounds.flatMap((x) => [x.genlabLoad, x.torchLoad]);
  const [lo, hi] = [Math.min(...v), Math.max(...v)];
  return lo === hi ? lo.toFixed(2) : `${lo.toFixed(2)}–${hi.toFixed(2)}`;
}

/** The ratio table; samples/s columns appear when some row is a sampling workload, a load column when rows carry loads. */
export function formatRatioTable(rows: WorkloadRow[]): string {
  const sampling = rows.some((r) => r.samplesPerS !== undefined);
  const loaded = rows.some((r) => r.rounds !== undefined);
  const head = ['workload', 'genlab ms', 'torch ms', 'ratio', 'GFLOP/s', 'peak RSS MB', 'torch RSS MB', ...(sampling ? ['samples/s', 'torch samples/s'] : []), ...(loaded ? ['load avg'] : [])];
  const per = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1));
  const body = rows.map((r) => [
    r.name, r.genlabMs.toFixed(1), r.torchMs.toFixed(1), r.ratio.toFixed(2), r.gflops === null ? '-' : r.gflops.toFixed(1), r.peakRssMb.toFixed(0), r.torchPeakRssMb.toFixed(0),
    ...(sampling ? [per(r.samplesPerS), per(r.torchSamplesPerS)] : []),
    ...(loaded ? [loadRange(r)] : []),
  ]);
  return table(head, body);
}

/** The --memory-steps table: RSS and live tensors after 10 % of the steps, at the end, and the growth. */
export function formatMemoryTable(rows: WorkloadRow[]): string {
  const mib = (b: number) => (b / 2 ** 20).toFixed(2);
  const body = rows.filter((r) => r.memory).map((r) => {
    const { early, end, growth } = r.memory!;
    return [r.name, `${early.step}→${end.step}`, early.rssMb.toFixed(1), end.rssMb.toFixed(1), growth.rssMb.toFixed(1), `${early.numTensors}→${end.numTensors}`, mib(growth.numBytes)];
  });
  return table(['workload', 'steps', 'RSS MiB at 10 %', 'RSS MiB at end', 'RSS growth MiB', 'tensors', 'tensor growth MiB'], body);
}

/** The last JSON line of a process's stdout, with an error naming the process when there is none. */
export function lastJsonLine<T = SideRecord>(stdout: string, what: string): T {
  const lines = stdout.split('\n').filter((l) => l.startsWith('{'));
  if (lines.length === 0) throw new Error(`${what} printed no JSON record; its output was:\n${stdout.slice(-2000)}`);
  return JSON.parse(lines[lines.length - 1]) as T;
}
