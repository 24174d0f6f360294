// Conv2DBackpropInput (conv2dTranspose forward, conv2d input-gradient) on wasm: stock XNNPACK kernel vs
// genlab's sub-pixel rewrite, next to a forward conv of the same shapes. Run: npx tsx bench/engine-conv.ts
import { tf } from '../src/engine/tf.js';
import { initNodeEngine } from '../src/node/engine.js';
import { applyPatches } from '../src/engine/patches/index.js';

process.env.GENLAB_UNPATCHED = '1'; // start on stock tfjs
await initNodeEngine('wasm');

const reps = 3;
function time(f: () => tf.Tensor): number {
  f().dispose();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) {
    const r = f();
    r.dataSync();
    r.dispose();
  }
  return Number(((performance.now() - t0) / reps).toFixed(1));
}

// [x shape (forward conv input = conv2dTranspose output), filter, stride]
type Shape4 = [number, number, number, number];
const shapes: Array<[Shape4, Shape4, number]> = [
  [[64, 14, 14, 64], [4, 4, 64, 128], 2], // DCGAN generator 7→14
  [[64, 28, 28, 1], [4, 4, 1, 64], 2], // generator 14→28, one channel
  [[64, 28, 28, 32], [3, 3, 32, 32], 1], // stride-1 conv input-gradient
];
const rows = [];
for (const [xs, fs, s] of shapes) {
  const info = tf.backend_util.computeConv2DInfo(xs, fs, s, 1, 'same');
  const x = tf.randomNormal(xs, 0, 1, 'float32', 1) as tf.Tensor4D;
  const w = tf.randomNormal(fs, 0, 1, 'float32', 2) as tf.Tensor4D;
  const dy = tf.randomNormal([xs[0], info.outHeight, info.outWidth, fs[3]], 0, 1, 'float32', 3) as tf.Tensor4D;
  const backprop = () => tf.conv2dTranspose(dy, w, xs, s, 'same');
  process.env.GENLAB_UNPATCHED = '1';
  const stock = time(backprop);
  delete process.env.GENLAB_UNPATCHED;
  applyPatches();
  rows.push({ x: xs, filter: fs, stride: s, forwardConvMs: time(() => tf.conv2d(x, w, s, 'same')), stockBackpropInputMs: stock, subPixelMs: time(backprop) });
  tf.dispose([x, w, dy]);
}
console.log(JSON.stringify({ name: 'engine-conv-backprop-input', backend: tf.getBackend(), reps, rows }));
