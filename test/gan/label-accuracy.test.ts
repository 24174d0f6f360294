// evaluateImageGenerator's label accuracy on replays whose answer is known: a "generator" that returns
// real test digits of the requested class scores the classifier's accuracy on exactly those digits, one
// that returns the next class scores the share of those digits classified as the requested one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { tf } from '../../src/engine/tf.js';
import { openSession, type Session } from '../../src/node/session.js';
import { weightsDir } from '../../src/node/extractors.js';
import { evaluateImageGenerator, type FeatureClassifier } from '../../src/metrics/classifier-eval.js';
import { useBackend } from '../helpers/engine.js';

let s: Session;
before(async () => {
  await useBackend('wasm');
  s = await openSession({ init: path.join(weightsDir(), 'mnist-classifier') });
});
after(() => s?.dispose());

test('label accuracy of class-faithful and class-shifted replays of test digits equals the counted answer', () => {
  const clf = s.model as unknown as FeatureClassifier;
  const test = s.data.test;
  const labels = Array.from(test.batch(Array.from({ length: 2000 }, (_, i) => i)).y!.dataSync());
  const byClass = Array.from({ length: 10 }, (_, k) => labels.flatMap((l, i) => (l === k ? [i] : [])));
  const predicted = (indices: number[]): number[] => {
    const b = test.batch(indices);
    const p = tf.tidy(() => tf.argMax(clf.probabilities(b.x), 1));
    const v = Array.from(p.dataSync());
    tf.dispose([b.x, b.y, p]);
    return v;
  };
  for (const shift of [0, 1]) {
    // the j-th request for class l gets the j-th test digit of class (l + shift) mod 10
    const served: Array<[number, number]> = []; // [requested label, test index]
    const used = new Array(10).fill(0);
    const replay = (n: number, _rng: unknown, o?: { labels?: number[] }) => {
      const idx = o!.labels!.map((l) => {
        const i = byClass[(l + shift) % 10][used[l]++];
        served.push([l, i]);
        return i;
      });
      const b = test.batch(idx);
      b.y?.dispose();
      return b.x;
    };
    const r = evaluateImageGenerator(replay, clf, test, { n: 300, nReal: 500, numClasses: 10, batchSize: 100 });
    const pred = predicted(served.map(([, i]) => i));
    const want = served.filter(([l], j) => pred[j] === l).length / served.length;
    assert.equal(served.length, 300);
    assert.equal(r.labelAccuracy, want, `shift ${shift}: label accuracy ${r.labelAccuracy} vs counted ${want}`);
    if (shift === 0) assert.ok(want > 0.97, `the shipped classifier gets ${want} of real digits right`);
    else assert.ok(want < 0.05, `digits of the next class are rarely taken for the requested one (${want})`);
    for (let k = 0; k < 10; k++) {
      const mine = served.map(([l], j) => [l, pred[j]]).filter(([l]) => l === k);
      assert.equal(r.perClass![k], mine.filter(([l, p]) => l === p).length / mine.length, `class ${k}`);
    }
  }
});
