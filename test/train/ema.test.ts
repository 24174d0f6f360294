// WeightEma: diffusers' warm-up d_n = min(d, (1+n)/(10+n)), the exact average after a few updates, and
// the update count carried through getState / setState (older states without it: no warm-up).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { WeightEma } from '../../src/train/ema.js';
import { useBackend } from '../helpers/engine.js';

test('EMA warms up like diffusers and matches the closed form', async () => {
  await useBackend('cpu');
  const v = tf.variable(tf.tensor1d([0, 10]));
  const ema = new WeightEma([v], 0.999);
  assert.equal(ema.currentDecay(), 0.1); // (1 + 0)/(10 + 0)
  v.assign(tf.tensor1d([1, 1]));
  let shadow = [0, 10];
  for (let n = 0; n < 5; n++) {
    const d = Math.min(0.999, (1 + n) / (10 + n));
    assert.ok(Math.abs(ema.currentDecay() - d) < 1e-15);
    ema.update();
    shadow = shadow.map((s) => d * s + (1 - d) * 1);
  }
  const got = ema.withAveraged(() => Array.from(v.dataSync()));
  got.forEach((g, i) => assert.ok(Math.abs(g - shadow[i]) < 1e-5, `${g} vs ${shadow[i]}`));
  assert.deepEqual(Array.from(v.dataSync()), [1, 1], 'live weights restored after withAveraged');
  // far along, the configured decay takes over
  const state = ema.getState();
  const restored = new WeightEma([v], 0.999);
  restored.setState(state);
  assert.ok(Math.abs(restored.currentDecay() - 6 / 15) < 1e-15, 'update count survives a checkpoint');
  const legacy = new WeightEma([v], 0.999);
  legacy.setState(state.filter((s) => s.name !== 'ema/updates'));
  assert.equal(legacy.currentDecay(), 0.999);
  tf.dispose(state.map((s) => s.tensor));
  [ema, restored, legacy].forEach((e) => e.dispose());
  v.dispose();
});
