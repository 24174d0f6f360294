// The table output kind's preview: a table model's sampled rows as CSV (header from the column names,
// strings with commas or quotes quoted as RFC 4180 says).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTableSamples } from '../../src/node/artifacts.js';
import { isTableModel, type TableModel } from '../../src/models/types.js';
import type { Rng } from '../../src/random/rng.js';

test('renderTableSamples writes the sampled rows as CSV', () => {
  const model: TableModel = {
    networks: {},
    sample: () => {
      throw new Error('not used');
    },
    sampleTable: (n: number, _rng: Rng) => ({
      columns: ['age', 'job', 'note'],
      rows: Array.from({ length: n }, (_, i) => [20 + i, i % 2 ? 'Adm-clerical' : 'Exec, managerial', 'say "hi"']),
    }),
    dispose: () => {},
  };
  assert.ok(isTableModel(model));
  assert.equal(renderTableSamples(model, 2), 'age,job,note\n20,"Exec, managerial","say ""hi"""\n21,Adm-clerical,"say ""hi"""\n');
});
