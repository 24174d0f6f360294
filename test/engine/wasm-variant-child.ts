// Child process of wasm-kernel-variants.test.ts: starts the wasm engine under the caller's environment
// and prints which kernel build runs and the worst relative error against cpu of a few matmuls and convs.
import { tf, type Tensor } from '../../src/engine/tf.js';
import { initNodeEngine } from '../../src/node/engine.js';
import { randn } from './support.js';

const info = await initNodeEngine('wasm');
const cases: Array<() => Tensor> = [
  () => tf.matMul(randn([5, 300, 37], 1), randn([5, 37, 29], 2)),
  () => tf.matMul(randn([300, 37], 3), randn([29, 37], 4), false, true),
  () => tf.matMul(randn([300, 37], 5), randn([300, 29], 6), true, false),
  () => tf.conv2d(randn([2, 9, 9, 5], 7) as tf.Tensor4D, randn([3, 3, 5, 7], 8) as tf.Tensor4D, 2, 'same'),
  () => tf.grad((x: Tensor) => tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, randn([3, 3, 5, 7], 9) as tf.Tensor4D, 1, 'same'))))(randn([2, 9, 9, 5], 10)),
];
let worst = 0;
for (const f of cases) {
  await tf.setBackend('wasm');
  const got = tf.tidy(f).dataSync() as Float32Array;
  await tf.setBackend('cpu');
  const want = tf.tidy(f).dataSync() as Float32Array;
  const scale = want.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  want.forEach((v, i) => (worst = Math.max(worst, Math.abs(got[i] - v) / scale)));
}
console.log(JSON.stringify({ wasmKernels: info.wasmKernels, worst }));
