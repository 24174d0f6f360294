// Where one step of a --vs-torch workload spends its time: the step under tf.profile, kernel time
// summed per kernel name (outermost kernels only, so a kernel that calls others is counted once),
// beside the step's wall time; the rest is op dispatch, autograd bookkeeping and host code.
// Run: npx tsx bench/profile-step.ts --workload ctgan-step [--backend native] [--warmup 3] [--repeat 3] [--top 15] [--json]
import { tf } from '../src/engine/tf.js';
import { initNodeEngine } from '../src/node/engine.js';
import { selectWorkloads } from './lib/workloads.js';
import { fastestPerCall, kernelTable, type TimedKernel } from './lib/kernel-table.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const [w] = selectWorkloads([arg('workload', 'ctgan-step')]);
if (!w.usesEngine) throw new Error(`Workload ${w.name} does not step tensors; nothing to profile.`);
const info = await initNodeEngine(arg('backend', 'native'));
const o = await w.open();
const warmup = Number(arg('warmup', '3'));
for (let i = 0; i < warmup; i++) o.step(i, o.prepare(i));
// one plain timed step, then profiled ones (tf.profile times each kernel, which costs a little)
const input = o.prepare(warmup);
const t0 = performance.now();
o.step(warmup, input);
const wallMs = performance.now() - t0;
const state = tf.engine().state as unknown as { kernelDepth: number; activeProfile: { kernels: Array<{ depth?: number }> } };
// --repeat R profiles R more steps; each kernel call keeps its fastest time over them (the steps run the
// same kernels in the same order), so a call the scheduler pre-empted on a loaded machine does not count
const repeat = Math.max(1, Number(arg('repeat', '3')));
const runs: TimedKernel[][] = [];
const profiledMs: number[] = [];
for (let r = 0; r < repeat; r++) {
  const i = warmup + 1 + r;
  const next = o.prepare(i);
  const t1 = performance.now();
  const profile = await tf.profile(() => {
    const list = state.activeProfile.kernels;
    list.push = (...recs) => {
      for (const rec of recs) rec.depth = state.kernelDepth; // the caller's depth: 0 = called by an op
      return Array.prototype.push.apply(list, recs);
    };
    o.step(i, next);
  });
  profiledMs.push(performance.now() - t1);
  runs.push(profile.kernels.map((k) => ({ name: k.name, ms: Number(k.kernelTimeMs) || 0, depth: (k as { depth?: number }).depth ?? 0, inputShapes: k.inputShapes as Array<number[] | null> })));
}
const kernels = fastestPerCall(runs);
const profiledWallMs = Math.min(...profiledMs);
const t = kernelTable(kernels, Number(arg('top', '15')));
o.dispose();
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ workload: w.name, backend: tf.getBackend(), nativeThreads: info.nativeThreads, wallMs, profiledWallMs, ...t }));
} else {
  const f = (v: number) => v.toFixed(2);
  console.log(`${w.name} on ${tf.getBackend()} (${info.nativeThreads ?? '-'} threads): step ${f(wallMs)} ms; fastest profiled step ${f(profiledWallMs)} ms (of ${repeat}), in kernels ${f(t.kernelMs)} ms (each call's fastest) over ${t.calls} kernel calls`);
  console.log('| kernel | calls | ms | % of kernel time | top shapes (ms) |');
  console.log('|---|---:|---:|---:|---|');
  for (const r of t.rows) console.log(`| ${r.name} | ${r.calls} | ${f(r.ms)} | ${(100 * r.share).toFixed(1)} | ${r.topShapes.map((s) => `${s.shapes} (${f(s.ms)})`).join('; ')} |`);
}
