// MLP 784-400-20 forward+backward at batch 128 on wasm, before and after genlab's matmul patch (explicit
// transposes instead of BatchMatMul transposeA/B). Run: npx tsx bench/engine-matmul.ts [--steps 30]
// [--backend native] (times the patched steps on the native OpenBLAS backend instead; same tensors)
import { tf, tfl, type Tensor } from '../src/engine/tf.js';
import { initNodeEngine } from '../src/node/engine.js';
import { applyPatches } from '../src/engine/patches/index.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const steps = Number(arg('steps', '30'));
const backend = arg('backend', 'wasm');

process.env.GENLAB_UNPATCHED = '1'; // start on stock tfjs
await initNodeEngine('wasm');

const x = tf.randomNormal([128, 784], 0, 1, 'float32', 1);
const t = tf.randomNormal([128, 20], 0, 1, 'float32', 2);
const params = [
  tf.randomNormal([784, 400], 0, 0.05, 'float32', 3), tf.zeros([400]),
  tf.randomNormal([400, 20], 0, 0.05, 'float32', 4), tf.zeros([20]),
];

/** Raw ops: relu(x·W1 + b1)·W2 + b2, squared error; tf.grads over all four parameters. */
const rawStep = () => tf.tidy(() => {
  const grads = tf.grads((w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) => {
    const h = tf.relu(tf.add(tf.matMul(x, w1), b1)); // [128, 400]
    const y = tf.add(tf.matMul(h, w2), b2); // [128, 20]
    return tf.mean(tf.square(tf.sub(y, t)));
  })(params);
  return tf.stack(grads.map((g) => tf.sum(g)));
});

/** tfjs-layers: Dense(400, relu) → Dense(20), gradients of the MSE via tf.variableGrads. */
const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [784], units: 400, activation: 'relu' }), tfl.layers.dense({ units: 20 })] });
const layersStep = () => tf.tidy(() => {
  const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(model.apply(x) as Tensor, t))));
  return tf.stack([value, ...Object.values(grads).map((g) => tf.sum(g))]);
});

function time(step: () => Tensor): number {
  const ms: number[] = [];
  for (let i = 0; i < steps + 3; i++) {
    const t0 = performance.now();
    const r = step();
    r.dataSync();
    r.dispose();
    if (i >= 3) ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return Number(ms[ms.length >> 1].toFixed(2));
}

const before = { raw: time(rawStep), layers: time(layersStep) };
delete process.env.GENLAB_UNPATCHED;
applyPatches();
if (backend !== 'wasm') await initNodeEngine(backend);
const after = { raw: time(rawStep), layers: time(layersStep) };
console.log(JSON.stringify({ name: 'engine-matmul-mlp', backend: tf.getBackend(), batch: 128, layers: [784, 400, 20], msPerStepMedian: { before, after } }));
tf.dispose([x, t, ...params]);
model.dispose();
