// The genlab side of one --vs-torch workload, in its own process so its peak RSS is its own: prints
// one JSON line {name, side, backend, ms, steps, peakRssMb, flops, flopsSource, flopsByKernel, gflops,
// samplesPerS, twinArgs}; with --memory-steps N it instead runs N untimed steps and prints {name, side, backend,
// memory} (bench/lib/memory-growth.ts; run with node --expose-gc so snapshots follow a full GC).
// Run: npx tsx bench/genlab-workload.ts --workload vae-mlp [--backend native] [--warmup 5] [--steps 10] [--memory-steps N]
import { tf } from '../src/engine/tf.js';
import { initNodeEngine } from '../src/node/engine.js';
import { gflops } from './lib/flops.js';
import { profiledFlops } from './lib/kernel-profile.js';
import { trackMemory, type MemorySnapshot } from './lib/memory-growth.js';
import { peakRssMb, timeSteps } from './lib/step-timer.js';
import { selectWorkloads, type OpenWorkload } from './lib/workloads.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const name = arg('workload');
if (!name) throw new Error('Pass --workload NAME.');
const [w] = selectWorkloads([name]);
const info = w.usesEngine || w.followsBackend ? await initNodeEngine(arg('backend')) : null;
const backend = info ? tf.getBackend() : 'js';
const opened = await w.open();
const memorySteps = arg('memory-steps');
console.log(JSON.stringify(memorySteps === undefined ? await timed(opened) : { name: w.name, side: 'genlab', backend, memory: memory(opened, Number(memorySteps)) }));
opened.dispose();

/** Times warm-up + steps, then (untimed, after the peak RSS is read) counts one step's FLOPs. */
async function timed(o: OpenWorkload) {
  const warmup = Math.min(Number(arg('warmup') ?? 5), w.maxWarmup ?? Infinity);
  const steps = Math.min(Number(arg('steps') ?? 10), w.maxSteps ?? Infinity);
  const ms = timeSteps(o.step, warmup, steps, o.prepare);
  const peak = peakRssMb();
  // no analytic count: profile one more step (the next index, so warm-up and timed steps are as before)
  const next = warmup + steps;
  const counted = o.flops === null && w.usesEngine ? await profiledFlops(() => o.step(next, o.prepare(next))) : null;
  const flops = o.flops ?? counted?.flops ?? null;
  return {
    name: w.name, side: 'genlab', backend, nativeThreads: info?.nativeThreads, ms, steps, peakRssMb: peak,
    flops, flopsSource: o.flops !== null ? 'analytic' : counted ? 'profiled' : null, flopsByKernel: counted?.byKernel, gflops: flops === null ? null : gflops(flops, ms.median),
    ...(o.samplesPerStep ? { samplesPerStep: o.samplesPerStep, samplesPerS: Number((o.samplesPerStep / (ms.median / 1000)).toFixed(2)) } : {}),
    twinArgs: o.twinArgs,
  };
}

/** Runs `steps` steps with memory snapshots after 10 % of them and at the end. */
function memory(o: OpenWorkload, steps: number) {
  const snapshot = (step: number): MemorySnapshot => {
    (globalThis as { gc?: () => void }).gc?.(); // RSS of live data, not of garbage awaiting collection
    const m = tf.memory();
    return { step, rssMb: Number((process.memoryUsage().rss / 2 ** 20).toFixed(1)), numTensors: m.numTensors, numBytes: m.numBytes };
  };
  return trackMemory(steps, (i) => o.step(i, o.prepare(i)), snapshot);
}
