import { initNodeEngine } from './src/node/engine.js';
import { tf } from './src/engine/tf.js';
import { buildUNet } from './src/models/diffusion/unet.js';
import { timestepEmbedding } from './src/nn/timestep-embedding.js';
await initNodeEngine('wasm');
for (const attention of [false, true]) {
  const n0 = tf.memory().numTensors;
  const m = buildUNet({ shape: [28, 28, 1], condChannels: 0, channels: 8, channelMults: [1, 2], attention, groups: 4, embDim: 16, numClasses: 0 });
  const n1 = tf.memory().numTensors;
  const x = tf.zeros([2, 28, 28, 1]); const t = timestepEmbedding([1, 2], 16);
  const y = tf.tidy(() => m.apply([x, t]) as tf.Tensor); y.dispose();
  const n2 = tf.memory().numTensors;
  const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
  const g = tf.variableGrads(() => tf.mean(m.apply([x, t], { training: true }) as tf.Tensor) as tf.Scalar, vars);
  tf.dispose(g.value); Object.values(g.grads).forEach((v) => v.dispose());
  const n3 = tf.memory().numTensors;
  tf.dispose([x, t]);
  m.dispose();
  console.log(attention, n0, n1, n2 - 2, n3 - 2, tf.memory().numTensors);
}
