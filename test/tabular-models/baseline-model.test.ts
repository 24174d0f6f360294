// The closed-form baselines as registry models: their parameters survive the weight layout (hi + lo
// float32 parts) and a saved run samples exactly what the fitted parameters sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/random/rng.js';
import { toyTable } from '../../src/data/tabular/toy-table.js';
import { fitGaussianCopula, sampleGaussianCopula } from '../../src/models/tabular/gaussian-copula.js';
import { fitIndependentColumns } from '../../src/models/tabular/independent-columns.js';
import { flattenBaseline, unflattenBaseline } from '../../src/models/tabular/baseline-params.js';
import { trainRun } from '../../src/node/train-run.js';
import { openSession } from '../../src/node/session.js';
import type { BaselineTableModel } from '../../src/models/tabular/baseline-model.js';
import { tempDir } from '../helpers/tmp.js';

const table = toyTable(800, 2);
// a datetime-sized value: milliseconds since the epoch need more than float32's 24 bits
table.columns[0] = table.columns[0].map((v) => 1.7e12 + v * 86_400_000);

test('baseline parameters round-trip through the weight layout to ~1e-14', () => {
  for (const p of [fitGaussianCopula(table, new Rng(1)), fitIndependentColumns(table)]) {
    const back = unflattenBaseline(p.kind, p.schema, flattenBaseline(p))!;
    assert.equal(back.rows, p.rows);
    p.marginals.forEach((m, c) => {
      const b = back.marginals[c];
      assert.equal(b.type, m.type);
      if (m.type === 'discrete' && b.type === 'discrete') assert.deepEqual(b.counts, m.counts);
      if (m.type === 'numeric' && b.type === 'numeric') {
        assert.equal(b.quantiles.length, m.quantiles.length);
        m.quantiles.forEach((q, i) => assert.ok(Math.abs(b.quantiles[i] - q) <= 1e-13 * Math.abs(q), `quantile ${i}: ${b.quantiles[i]} vs ${q}`));
        assert.deepEqual([b.observed, b.missing, b.integer], [m.observed, m.missing, m.integer]);
      }
    });
    if (p.kind === 'gaussian-copula' && back.kind === 'gaussian-copula') {
      p.correlation.forEach((r, i) => assert.ok(Math.abs(back.correlation[i] - r) < 1e-13));
      assert.equal(back.shrinkage, p.shrinkage);
    }
  }
  assert.equal(unflattenBaseline('independent-columns', table.schema, new Float32Array(flattenBaseline(fitIndependentColumns(table)).length)), null);
});

test('genlab train copula: a saved run samples what its fitted parameters sample', async () => {
  const dir = tempDir();
  const run = await trainRun({ modelId: 'copula', preset: 'tiny', out: dir, skipArtifacts: true });
  const m = run.session.model as BaselineTableModel;
  const direct = sampleGaussianCopula(m.params() as Parameters<typeof sampleGaussianCopula>[0], 30, new Rng(5));
  run.session.dispose();
  const loaded = await openSession({ checkpoint: dir });
  try {
    const again = (loaded.model as BaselineTableModel).sampleTable(30, new Rng(5));
    again.columns.forEach((col, c) => col.forEach((v, i) => assert.ok(Math.abs(v - direct.columns[c][i]) <= 1e-9 * Math.max(1, Math.abs(v)), `column ${c} row ${i}`)));
    const cond = (loaded.model as BaselineTableModel).sampleTable(40, new Rng(6), { condition: { group: 'b' } });
    assert.ok(cond.columns[1].every((v) => v === 1));
  } finally {
    loaded.dispose();
  }
});
