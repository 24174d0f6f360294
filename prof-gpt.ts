import { tf } from './src/engine/tf.js';
import { initNodeEngine } from './src/node/engine.js';
import { openSession } from './src/node/session.js';
import { batchIndicesAt } from './src/data/batcher.js';
await initNodeEngine(process.argv[2] ?? 'wasm');
const s = await openSession({ modelId: 'gpt', preset: 'baby', overrides: ['data.path=/work/shared/data/tinyshakespeare.txt'] });
const batch = s.data.train.batch(batchIndicesAt(0, 12, s.data.train.size, 1));
s.recipe.step({ batch, step: 0, lr: 1e-3 });
const info = await tf.profile(() => { s.recipe.step({ batch, step: 1, lr: 1e-3 }); });
const agg = new Map<string, { ms: number; n: number; shapes: Set<string> }>();
for (const k of info.kernels) {
  const a = agg.get(k.name) ?? { ms: 0, n: 0, shapes: new Set() };
  a.ms += k.kernelTimeMs as number; a.n++; a.shapes.add(JSON.stringify(k.inputShapes));
  agg.set(k.name, a);
}
const rows = [...agg].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
for (const [n, a] of rows) console.log(n.padEnd(24), a.ms.toFixed(1).padStart(8), String(a.n).padStart(5), [...a.shapes].slice(0, 3).join(' '));
console.log('total', info.kernels.reduce((s, k) => s + (k.kernelTimeMs as number), 0));
