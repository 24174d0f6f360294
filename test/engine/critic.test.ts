// WGAN-GP shape end to end: a conv2d → leakyRelu → dense critic, penalty (‖∂D/∂x‖ − 1)² and its
// derivative w.r.t. every critic parameter vs finite differences, on cpu and wasm (Gulrajani et al. 2017).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor } from '../../src/engine/tf.js';
import { checkGradientPenalty, gradientPenalty } from '../../src/engine/gradcheck.js';
import { TEST_BACKENDS, useBackend } from '../helpers/engine.js';
import { noLeak, randn } from './support.js';

/** D(x; θ): conv 3×3 stride 2 'same' (1→4) → leakyRelu(0.2) → dense (36→1); x [B, 6, 6, 1] → [B, 1]. */
function critic(x: Tensor, filter: Tensor, bias: Tensor, w: Tensor, b2: Tensor): Tensor {
  const h = tf.leakyRelu(tf.add(tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 2, 'same'), bias), 0.2); // [B, 3, 3, 4]
  return tf.add(tf.matMul(tf.reshape(h, [x.shape[0], 36]), w), b2); // [B, 1]
}

const params = () => [randn([3, 3, 1, 4], 200, 0.5), randn([4], 201, 0.1), randn([36, 1], 202, 0.3), randn([1], 203, 0.1)];

for (const backend of TEST_BACKENDS) {
  test(`critic gradient penalty d/dθ vs finite differences [${backend}]`, async () => {
    await useBackend(backend);
    noLeak(() => {
      const x = randn([3, 6, 6, 1], 204);
      const theta = tf.tidy(params);
      const report = checkGradientPenalty(critic, x, theta, { eps: 5e-4 });
      tf.dispose([x, ...theta]);
      assert.ok(report.ok, report.message);
    });
  });

  test(`gradient penalty is finite for a critic with zero input gradient [${backend}]`, async () => {
    await useBackend(backend);
    noLeak(() => {
      const x = randn([2, 3], 205);
      const w = tf.zeros([3, 1]);
      const g = tf.grad((ww: Tensor) => gradientPenalty((xx) => tf.matMul(xx, ww), x))(w);
      const values = Array.from(g.dataSync());
      tf.dispose([x, w, g]);
      assert.ok(values.every(Number.isFinite), `non-finite penalty gradient ${values}`);
    });
  });
}
