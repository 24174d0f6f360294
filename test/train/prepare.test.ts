// Batch preparation: random-shift augmentation moves pixels without changing them; binarisation is 0/1.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { makePrepare, makeTrainPrepare, randomShift } from '../../src/train/prepare.js';
import { useBackend } from '../helpers/engine.js';

before(() => useBackend('cpu'));

test('randomShift translates each image by at most max pixels, zero-filling the border', () => {
  const img = new Float32Array(2 * 5 * 5);
  img[2 * 5 + 2] = 1; // image 0: a dot at (2, 2)
  img[25 + 2 * 5 + 2] = 0.5; // image 1: a dot at (2, 2)
  const x = tf.tensor4d(img, [2, 5, 5, 1]);
  const rng = new Rng(3);
  for (let trial = 0; trial < 20; trial++) {
    const y = randomShift(x, 2, rng);
    const v = y.dataSync();
    y.dispose();
    for (let i = 0; i < 2; i++) {
      const part = Array.from(v.subarray(i * 25, i * 25 + 25));
      const nonzero = part.map((p, j) => [p, j] as const).filter(([p]) => p !== 0);
      assert.equal(nonzero.length, 1, 'the dot stays inside a 5×5 image for shifts ≤ 2');
      const [p, j] = nonzero[0];
      assert.equal(p, i === 0 ? 1 : 0.5);
      assert.ok(Math.abs(Math.floor(j / 5) - 2) <= 2 && Math.abs((j % 5) - 2) <= 2);
    }
  }
  x.dispose();
});

test('train prepare = shift then binarise; eval prepare never shifts', () => {
  const x = tf.fill([4, 6, 6, 1], 0.7);
  const train = makeTrainPrepare({ binarize: 'threshold', shift: 1 })!;
  const out = train({ x: tf.clone(x) }, new Rng(1));
  const vals = new Set(out.x.dataSync());
  assert.ok([...vals].every((v) => v === 0 || v === 1));
  assert.ok(vals.has(0), 'some border pixels were shifted in as zeros');
  out.x.dispose();
  const evalOut = makePrepare({ binarize: 'threshold' })!({ x: tf.clone(x) }, new Rng(1));
  assert.ok(evalOut.x.dataSync().every((v) => v === 1), 'evaluation batches are not augmented');
  evalOut.x.dispose();
  x.dispose();
  assert.equal(makeTrainPrepare({ binarize: 'none', shift: 0 }), undefined);
});
