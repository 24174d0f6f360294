// Tests of the finite-difference checker itself: it passes right gradients, catches a wrong one, and
// gradientFunctional matches its closed form (so the op tests can trust it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf, type Tensor } from '../../src/engine/tf.js';
import { checkGradientOfGradient, checkGradients, fixedWeights, gradientFunctional } from '../../src/engine/gradcheck.js';
import { useBackend } from '../helpers/engine.js';
import { noLeak, randn } from './support.js';

const cube = (x: Tensor) => tf.sum(tf.mul(x, tf.mul(x, x))) as tf.Scalar;

test('checkGradients passes a right gradient and catches a wrong one', async () => {
  await useBackend('cpu');
  noLeak(() => {
    const x = randn([3, 2], 1);
    const right = checkGradients(cube, [x]);
    assert.ok(right.ok, right.message);
    // A deliberately wrong gradient: 2.9x² instead of 3x².
    const wrong = tf.customGrad(((xx: Tensor, save: tf.GradSaveFunc) => {
      save([xx]);
      return { value: cube(xx), gradFunc: (dy: Tensor, saved: Tensor[]) => tf.mul(dy, tf.mul(2.9, tf.square(saved[0]))) };
    }) as unknown as Parameters<typeof tf.customGrad>[0]);
    const report = checkGradients((xx) => wrong(xx) as tf.Scalar, [x]);
    assert.equal(report.ok, false, report.message);
    assert.match(report.message, /MISMATCH/);
    x.dispose();
  });
});

test('at the default tolerance a gradient 1 % off is caught and one 0.1 % off is not', async () => {
  await useBackend('cpu');
  noLeak(() => {
    const x = randn([3, 2], 1);
    const scaled = (factor: number) => tf.customGrad(((xx: Tensor, save: tf.GradSaveFunc) => {
      save([xx]);
      return { value: cube(xx), gradFunc: (dy: Tensor, saved: Tensor[]) => tf.mul(dy, tf.mul(3 * factor, tf.square(saved[0]))) };
    }) as unknown as Parameters<typeof tf.customGrad>[0]);
    for (const factor of [1.01, 0.99]) {
      const report = checkGradients((xx) => scaled(factor)(xx) as tf.Scalar, [x]);
      assert.equal(report.ok, false, `×${factor}: ${report.message}`);
    }
    const near = checkGradients((xx) => scaled(1.001)(xx) as tf.Scalar, [x]);
    assert.ok(near.ok, `×1.001 is within float32 finite-difference noise: ${near.message}`);
    x.dispose();
  });
});

test('checkGradients honours maxCoords and wrt', async () => {
  await useBackend('cpu');
  noLeak(() => {
    const x = randn([10, 10], 2), y = randn([3], 3);
    const f = (a: Tensor, b: Tensor) => tf.add(cube(a), tf.sum(b)) as tf.Scalar;
    assert.equal(checkGradients(f, [x, y], { maxCoords: 7 }).checked, 10);
    assert.equal(checkGradients(f, [x, y], { wrt: [1] }).checked, 3);
    tf.dispose([x, y]);
  });
});

test('gradientFunctional of Σx³ matches its closed form 6vx + 18x³', async () => {
  await useBackend('cpu');
  noLeak(() => {
    const x = randn([4], 4);
    const v = fixedWeights([4], 0);
    const h = gradientFunctional(cube); // g = 3x², h = Σ v·3x² + ½ Σ 9x⁴, dh/dx = 6vx + 18x³
    const got = tf.grad((xx: Tensor) => h(xx))(x);
    const want = tf.tidy(() => tf.add(tf.mul(6, tf.mul(v, x)), tf.mul(18, tf.mul(x, tf.square(x)))));
    const [a, b] = [got.dataSync(), want.dataSync()];
    a.forEach((value, i) => assert.ok(Math.abs(value - b[i]) < 1e-4 * Math.max(1, Math.abs(b[i])), `${value} vs ${b[i]}`));
    const second = checkGradientOfGradient(cube, [x]);
    assert.ok(second.ok, second.message);
    tf.dispose([x, v, got, want]);
  });
});
