import { tf } from './src/engine/tf.js';
import { initNodeEngine } from './src/node/engine.js';
await initNodeEngine('wasm');
const time = (name: string, f: () => tf.Tensor) => {
  for (let i = 0; i < 3; i++) f().dispose();
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) f().dispose();
  console.log(name, ((performance.now() - t0) / 20).toFixed(2), 'ms');
};
const q = tf.randomNormal([48, 64, 32]), k = tf.randomNormal([48, 32, 64]), a = tf.randomNormal([48, 64, 64]), v = tf.randomNormal([48, 64, 32]);
time('batched qk', () => tf.matMul(q, k));
time('batched av', () => tf.matMul(a, v));
time('loop qk', () => tf.tidy(() => { const qs = tf.unstack(q), ks = tf.unstack(k); return tf.stack(qs.map((x, i) => tf.matMul(x, ks[i]))); }));
time('loop av', () => tf.tidy(() => { const qs = tf.unstack(a), ks = tf.unstack(v); return tf.stack(qs.map((x, i) => tf.matMul(x, ks[i]))); }));
// broadcast-multiply-sum
time('mulsum qk', () => tf.tidy(() => tf.sum(tf.mul(tf.expandDims(q, 2), tf.expandDims(tf.transpose(k, [0, 2, 1]), 1)), 3)));
