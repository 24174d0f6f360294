// The tabular anomaly variant (An & Cho 2015 on table rows): a Gaussian-decoder VAE trained on the
// normal rows of a CSV scores held-out rows; off-manifold rows must rank as anomalies.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Rng } from '../../src/random/rng.js';
import { trainRun } from '../../src/node/train-run.js';
import { evaluateAnomaly } from '../../src/node/session-evals.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';

before(() => useBackend('wasm'));

test('a VAE on the numeric columns of a CSV separates off-manifold rows (AUROC > 0.9)', async () => {
  // normal rows lie near a 1-D curve in 4-D; anomalies are isotropic noise of the same scale
  const rng = new Rng(7);
  const lines = ['a,b,c,d,kind'];
  for (let i = 0; i < 1200; i++) {
    const anomaly = i % 6 === 0;
    const t = rng.normal();
    const row = anomaly
      ? [rng.normal(), rng.normal(), rng.normal(), rng.normal()].map((v) => 1.5 * v)
      : [t, 0.8 * t, Math.sin(2 * t), -t].map((v) => v + 0.05 * rng.normal());
    lines.push(`${row.map((v) => v.toFixed(4)).join(',')},${anomaly ? 'anomaly' : 'normal'}`);
  }
  const file = path.join(tempDir(), 'table.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const run = await trainRun({
    modelId: 'vae',
    overrides: [
      'data.name=csv', `data.path=${file}`, 'data.labelColumn=kind', 'data.trainClasses=1', 'data.binarize=none', 'data.testSize=300',
      'model.hidden=32', 'model.latentDim=2', 'model.decoder=gaussian', 'model.decoderStd=0.2',
      'train.steps=300', 'train.batchSize=64', 'train.lr=3e-3', 'train.evalEvery=0', 'train.checkpointEvery=0',
    ],
    out: tempDir(),
    backend: 'wasm',
    skipArtifacts: true,
  });
  try {
    assert.ok(run.session.data.train.size < 1000, 'anomalies were dropped from the train split');
    const r = evaluateAnomaly(run.session, { k: 8 });
    assert.equal(r.n, 300);
    assert.ok(r.anomalies > 20 && r.anomalies < 90, `${r.anomalies} anomalies`);
    assert.ok(r.auroc > 0.9, `AUROC ${r.auroc}`);
    assert.ok(r.meanScoreAnomaly > r.meanScoreNormal);
  } finally {
    run.session.dispose();
  }
});
