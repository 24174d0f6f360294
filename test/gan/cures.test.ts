// Each mode-collapse cure, built from its registry preset, changes what its paper says it changes:
// feature matching replaces the generator loss (Salimans et al. 2016, §3.1), minibatch discrimination
// and minibatch stddev make D's output for one example depend on the rest of the batch (§3.2; Karras
// et al. 2018), packing makes D judge pac examples jointly (Lin et al. 2018), spectral norm makes D
// invariant to the scale of its kernels (Miyato et al. 2018).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { buildGan, runSteps, type Built } from './helpers.js';
import { readAdversarialOptions } from '../../src/train/recipes/adversarial-options.js';
import { useBackend } from '../helpers/engine.js';

before(() => useBackend('cpu'));

const rows = (t: tf.Tensor): number[][] => t.arraySync() as number[][];
const close = (a: number, b: number, rel: number, what: string) =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1e-6, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** D's logits in inference mode for x [B, 2] (model space). */
function logits(b: Built, x: number[][]): number[] {
  return tf.tidy(() => Array.from(b.model.discriminate(tf.tensor2d(x), undefined, false).logits.dataSync()));
}

const X = [[0.3, -0.4], [1.1, 0.2], [-0.6, 0.9], [0.05, -1.3]];

test('fm: the generator loss is ‖mean f(x) − mean f(G(z))‖² on D\'s last hidden layer, not the adversarial loss', () => {
  for (const [presets, fm] of [[['tiny', 'fm'], true], [['tiny'], false]] as const) {
    const b = buildGan('gan', [...presets]);
    const g0 = b.model.networks.generator.getWeights().map((w) => w.clone());
    const noiseState = b.recipe.getState().json.rng; // before step 0 no optimizer state exists yet
    const batch = b.batch(0);
    const lossG = runSteps(b, 1)[0].lossG;
    // replay the recipe's draws: z for D's fake batch, then z for the generator update
    const noise = new Rng(noiseState as ConstructorParameters<typeof Rng>[0]);
    const bs = b.config.train.batchSize;
    b.model.sampleLatent(bs, noise).dispose();
    const z = b.model.sampleLatent(bs, noise);
    const gNow = b.model.networks.generator.getWeights().map((w) => w.clone());
    b.model.networks.generator.setWeights(g0); // G as it was during the update; D already stepped
    const { fReal, fFake, dFake } = tf.tidy(() => {
      const real = b.model.toModelSpace(batch.x);
      const fake = b.model.discriminate(b.model.generate(z, undefined, true), undefined, true);
      return { fReal: rows(b.model.discriminate(real, undefined, true).features), fFake: rows(fake.features), dFake: Array.from(fake.logits.dataSync()) };
    });
    b.model.networks.generator.setWeights(gNow);
    const mean = (m: number[][], j: number) => m.reduce((s, r) => s + r[j], 0) / m.length;
    const fmLoss = fReal[0].reduce((s, _, j) => s + (mean(fReal, j) - mean(fFake, j)) ** 2, 0);
    const nsLoss = dFake.reduce((s, l) => s + Math.log1p(Math.exp(-l)), 0) / dFake.length; // −mean log σ(D(G(z)))
    if (fm) close(lossG, fmLoss, 1e-4, 'fm generator loss');
    else close(lossG, nsLoss, 1e-4, 'non-saturating generator loss');
    assert.ok(Math.abs(fmLoss - nsLoss) > 0.05, `the two losses must differ for the test to mean anything (${fmLoss}, ${nsLoss})`);
    [...g0, ...gNow, z, batch.x, batch.y].forEach((t) => t?.dispose());
    b.dispose();
  }
});

for (const [cure, layer] of [['mbdisc', 'GenlabMinibatchDiscrimination'], ['mbstd', 'GenlabMinibatchStddev']] as const) {
  test(`${cure}: D's logit for one example changes when another example of the batch changes (and not without the cure)`, () => {
    for (const withCure of [true, false]) {
      const b = buildGan('gan', withCure ? ['tiny', cure] : ['tiny']);
      const classes = b.model.networks.discriminator.layers.map((l) => l.getClassName());
      assert.equal(classes.includes(layer), withCure, `${layer} in D: ${classes.join(', ')}`);
      assert.equal(b.model.batchIndependent, !withCure);
      const moved = X.map((r, i) => (i === 3 ? [r[0] + 2, r[1] - 1.5] : r));
      const [a, c] = [logits(b, X), logits(b, moved)];
      const change = Math.abs(a[0] - c[0]);
      if (withCure) assert.ok(change > 1e-4, `${cure}: logit 0 moved by only ${change}`);
      else assert.equal(a[0], c[0], 'without the cure examples are judged independently');
      b.dispose();
    }
  });
}

test('pac2: D reads pairs of examples side by side — [B, 2] → B/2 logits equal to D on the reshaped [B/2, 4] batch', () => {
  const b = buildGan('gan', ['tiny', 'pac2']);
  assert.equal(b.model.pac, 2);
  assert.deepEqual(b.model.networks.discriminator.inputs[0].shape, [null, 4]);
  const packed = logits(b, X);
  assert.equal(packed.length, 2);
  const direct = tf.tidy(() => {
    const [logit] = b.model.networks.discriminator.apply(tf.tensor2d([[...X[0], ...X[1]], [...X[2], ...X[3]]]), { training: false }) as tf.Tensor[];
    return Array.from(logit.dataSync());
  });
  assert.deepEqual(packed, direct);
  // swapping the two members of one pair changes its logit: D sees the pair as an ordered input
  const swapped = logits(b, [X[1], X[0], X[2], X[3]]);
  assert.notEqual(swapped[0], packed[0]);
  assert.equal(swapped[1], packed[1]);
  assert.throws(() => logits(b, X.slice(0, 3)), /not divisible by the packing degree/);
  b.dispose();
});

test('hinge-sn: D\'s output does not change when every kernel is scaled by 3 (W/σ(W)); a plain D\'s does', () => {
  for (const withCure of [true, false]) {
    const b = buildGan('gan', withCure ? ['tiny', 'hinge-sn'] : ['tiny']);
    assert.equal(readAdversarialOptions(b.config).loss, withCure ? 'hinge' : 'non-saturating');
    const before = logits(b, X);
    for (const layer of b.model.networks.discriminator.layers) {
      const ws = layer.getWeights();
      if (ws.length === 0) continue;
      // weights() lists kernel first (then bias, then SN's u and v); scale only the kernel
      const names = layer.weights.map((w) => w.originalName ?? w.name);
      const scaled = ws.map((w, i) => (/kernel/.test(names[i]) ? tf.mul(w, 3) : w.clone()));
      layer.setWeights(scaled);
      scaled.forEach((t) => t.dispose());
    }
    const after = logits(b, X);
    if (withCure) before.forEach((v, i) => close(after[i], v, 1e-5, `SN logit ${i}`));
    else assert.ok(before.some((v, i) => Math.abs(after[i] - v) > 1e-3 * Math.max(1, Math.abs(v))), 'plain D must change');
    b.dispose();
  }
});
