import { tf } from './src/engine/tf.js';
import { openSession } from './src/node/session.js';
import { initNodeEngine } from './src/node/engine.js';
await initNodeEngine(process.argv[2] ?? 'wasm');
for (const id of ['gpt', 'gpt-mlm']) {
  const s = await openSession({ modelId: id, preset: 'tiny' });
  const n0 = tf.memory().numTensors;
  const batch = s.data.train.batch(Array.from({ length: 8 }, (_, i) => i * 100));
  let t0 = performance.now();
  for (let i = 0; i < 5; i++) console.log(id, s.recipe.step({ batch, step: i, lr: 1e-3 }));
  console.log('ms/step', (performance.now() - t0) / 5);
  batch.x.dispose(); batch.y?.dispose();
  const x = s.model.sample(2, new (await import('./src/random/rng.js')).Rng(1));
  console.log(x.shape, s.data.tokenizer!.decode(x.dataSync()));
  x.dispose();
  console.log('leak', tf.memory().numTensors - n0);
  s.dispose();
}
