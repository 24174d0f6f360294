// AUROC/AUPRC against hand-computed values and a scipy/numpy fixture; MIG on synthetic latents whose
// answer is known; NPMI on a hand-computed corpus (Chen et al. 2018; Lau et al. 2014).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { auprc, auroc } from '../../src/metrics/auc.js';
import { entropy, mutualInformation, mutualInformationGap } from '../../src/metrics/mig.js';
import { npmiCoherence, randomTopicsNpmi, topicNpmi } from '../../src/metrics/npmi.js';
import { Rng } from '../../src/random/rng.js';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('AUROC and AUPRC: the scikit-learn documentation example', () => {
  // sklearn: roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75; average_precision_score = 0.8333…
  close(auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
  close(auprc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 5 / 6);
  close(auroc([1, 2, 3], [0, 1, 1]), 1);
  close(auroc([3, 2, 1], [0, 1, 1]), 0);
  close(auroc([1, 1, 1, 1], [0, 1, 0, 1]), 0.5); // all tied: half credit
  close(auprc([1, 1, 1, 1], [0, 1, 0, 1]), 0.5);
  assert.throws(() => auroc([1, 2], [1, 1]), /both classes/);
  assert.throws(() => auroc([1, 2], [0, 2]), /0 \(normal\) or 1/);
});

test('AUROC and AUPRC match the scipy/numpy fixture (ties included)', () => {
  const cases = JSON.parse(readFileSync(new URL('../fixtures/vae-variants/auc.json', import.meta.url), 'utf8')) as { scores: number[]; labels: number[]; auroc: number; auprc: number }[];
  assert.equal(cases.length, 3);
  for (const c of cases) {
    close(auroc(c.scores, c.labels), c.auroc, 1e-12);
    close(auprc(c.scores, c.labels), c.auprc, 1e-12);
  }
});

test('AUROC is invariant to a monotone transform of the scores and flips under negation', () => {
  const rng = new Rng(3);
  const labels = Array.from({ length: 300 }, () => (rng.uniform() < 0.2 ? 1 : 0));
  const scores = labels.map((y) => rng.normal() + y);
  const a = auroc(scores, labels);
  close(auroc(scores.map((s) => Math.exp(3 * s)), labels), a, 1e-12);
  close(auroc(scores.map((s) => -s), labels), 1 - a, 1e-12);
});

function synthetic(n: number, rng: Rng) {
  const factors = new Int32Array(n * 2);
  for (let i = 0; i < n; i++) (factors[2 * i] = rng.int(8)), (factors[2 * i + 1] = rng.int(8));
  return factors;
}

test('MIG ≈ 1 for perfectly disentangled codes and ≈ 0 for entangled ones', () => {
  const rng = new Rng(11);
  const n = 5000;
  const f = synthetic(n, rng);
  const dis = new Float32Array(n * 3);
  const ent = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    dis[3 * i] = f[2 * i] + 0.01 * rng.normal(); // z0 ← factor 0
    dis[3 * i + 1] = f[2 * i + 1] + 0.01 * rng.normal(); // z1 ← factor 1
    dis[3 * i + 2] = rng.normal(); // z2: noise
    const mix = f[2 * i] * 8 + f[2 * i + 1]; // both latents carry the same mixture of both factors
    ent[3 * i] = mix;
    ent[3 * i + 1] = mix;
    ent[3 * i + 2] = rng.normal();
  }
  const a = mutualInformationGap(dis, f, [8, 8], { bins: 20 });
  assert.ok(a.mig > 0.97, `disentangled MIG ${a.mig}`);
  assert.deepEqual(a.perFactor.map((p) => p.bestLatent), [0, 1]);
  const b = mutualInformationGap(ent, f, [8, 8], { bins: 20 });
  assert.ok(b.mig < 0.02, `entangled MIG ${b.mig}`);
});

test('entropy and mutual information of discrete codes', () => {
  close(entropy([0, 1, 0, 1], 2), Math.log(2));
  close(mutualInformation([0, 1, 0, 1], 2, [0, 1, 0, 1], 2), Math.log(2));
  close(mutualInformation([0, 0, 1, 1], 2, [0, 1, 0, 1], 2), 0);
});

test('NPMI: hand-computed pairs, never-co-occurring pairs score −1, random words score below coherent ones', () => {
  const docs = [[0, 1], [0, 1], [2], [0]].map((d) => Int32Array.from(d));
  close(topicNpmi([0, 1], docs), Math.log(0.5 / (0.75 * 0.5)) / -Math.log(0.5));
  close(topicNpmi([1, 2], docs), -1);
  const r = npmiCoherence([[0, 1], [1, 2]], docs);
  close(r.mean, (r.perTopic[0] + r.perTopic[1]) / 2);
  // a corpus where words 0..4 always appear together and 5..49 appear at random
  const rng = new Rng(1);
  const corpus = Array.from({ length: 400 }, (_, i) => {
    const ids = new Set<number>(i % 2 === 0 ? [0, 1, 2, 3, 4] : []);
    for (let t = 0; t < 5; t++) ids.add(5 + rng.int(45));
    return Int32Array.from([...ids].sort((a, b) => a - b));
  });
  const coherent = topicNpmi([0, 1, 2, 3, 4], corpus);
  close(coherent, 1);
  assert.ok(randomTopicsNpmi(50, 20, 5, corpus, new Rng(2)) < 0.2);
});

test('AUROC/AUPRC refuse mismatched lengths, non-finite scores and a missing class, with exact messages', () => {
  for (const f of [auroc, auprc]) {
    assert.throws(() => f([1, 2, 3], [0, 1]), { message: 'AUC: 3 scores but 2 labels.' });
    assert.throws(() => f([1, Number.NaN], [0, 1]), { message: 'AUC: score NaN at 1 is not finite.' });
    assert.throws(() => f([Infinity, 1], [0, 1]), { message: 'AUC: score Infinity at 0 is not finite.' });
    assert.throws(() => f([1, 2], [0, 0]), { message: 'AUC needs both classes; got 0 positives and 2 negatives.' });
    assert.throws(() => f([1, 2, 3], [1, 1, 1]), { message: 'AUC needs both classes; got 3 positives and 0 negatives.' });
  }
});
