// The genlab side of one --vs-torch workload, in its own process so its peak RSS is its own: prints
// one JSON line {name, side, backend, ms, steps, peakRssMb, flops, gflops, twinArgs}.
// Run: npx tsx bench/genlab-workload.ts --workload vae-mlp [--backend native] [--warmup 5] [--steps 10]
import { tf } from '../src/engine/tf.js';
import { initNodeEngine } from '../src/node/engine.js';
import { gflops } from './lib/flops.js';
import { peakRssMb, timeSteps } from './lib/step-timer.js';
import { selectWorkloads } from './lib/workloads.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const name = arg('workload');
if (!name) throw new Error('Pass --workload NAME.');
const [w] = selectWorkloads([name]);
const warmup = Math.min(Number(arg('warmup') ?? 5), w.maxWarmup ?? Infinity);
const steps = Math.min(Number(arg('steps') ?? 10), w.maxSteps ?? Infinity);
const info = w.usesEngine ? await initNodeEngine(arg('backend')) : null;
const opened = await w.open();
const ms = timeSteps(opened.step, warmup, steps, opened.prepare);
console.log(JSON.stringify({
  name: w.name, side: 'genlab', backend: info ? tf.getBackend() : 'js', nativeThreads: info?.nativeThreads, ms, steps, peakRssMb: peakRssMb(),
  flops: opened.flops, gflops: opened.flops === null ? null : gflops(opened.flops, ms.median), twinArgs: opened.twinArgs,
}));
opened.dispose();
