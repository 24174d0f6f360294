import { tf } from './src/engine/tf.js';
import { initNodeEngine } from './src/node/engine.js';
await initNodeEngine('wasm');
const shapes: [number[], number[]][] = [
  [[768, 128], [128, 384]], [[768, 128], [128, 128]], [[768, 128], [128, 512]], [[768, 512], [512, 128]],
  [[48, 64, 32], [48, 32, 64]], [[48, 64, 64], [48, 64, 32]], [[768, 65], [65, 128]], [[768, 128], [128, 65]],
  [[128, 768], [768, 384]], [[384, 768], [768, 128]], [[512, 768], [768, 128]], [[65, 768], [768, 128]],
];
for (const [a, b] of shapes) {
  const x = tf.randomNormal(a), y = tf.randomNormal(b);
  for (let i = 0; i < 3; i++) tf.matMul(x, y).dispose();
  const t0 = performance.now();
  const n = 20;
  for (let i = 0; i < n; i++) tf.matMul(x, y).dispose();
  const ms = (performance.now() - t0) / n;
  const flops = 2 * a.slice(0, -1).reduce((p, q) => p * q, 1) * a[a.length - 1] * b[b.length - 1];
  console.log(JSON.stringify(a), JSON.stringify(b), ms.toFixed(2), 'ms', (flops / ms / 1e6).toFixed(2), 'GFLOPS');
}
