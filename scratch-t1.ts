import { openSession } from './src/node/session.js';
import { initNodeEngine } from './src/node/engine.js';
import { Rng } from './src/random/rng.js';
import { tf } from './src/engine/tf.js';
await initNodeEngine('wasm');
for (const id of process.argv.slice(2)) {
  const s = await openSession({ modelId: id, preset: 'tiny' });
  const batch = s.data.train.batch(Array.from({ length: s.config.train.batchSize }, (_, i) => i));
  let t0 = performance.now();
  for (let i = 0; i < 3; i++) console.log(id, s.recipe.step({ batch, step: i, lr: s.config.train.lr }));
  console.log('ms/step', (performance.now() - t0) / 3);
  t0 = performance.now();
  const x = s.model.sample(4, new Rng(1));
  console.log('sample', x.shape, (performance.now() - t0), Array.from(x.dataSync().slice(0, 4)));
  x.dispose(); s.dispose();
  console.log(tf.memory().numTensors);
}
