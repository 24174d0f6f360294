import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTable } from '../../../src/data/tabular/read-table.js';
import { downsampleCategory, selectRows, splitTable } from '../../../src/data/tabular/split-table.js';
import { Rng } from '../../../src/random/rng.js';

const adult = readTable(readFileSync('/work/shared/data/adult.csv', 'utf8'), { source: 'adult.csv' });

test('an 80/20 split of Adult: sizes, disjoint, complete, in row order, and fixed by the seed', () => {
  const s = splitTable(adult, 0.2, 18);
  assert.equal(s.test.rows, Math.round(0.2 * 32561));
  assert.equal(s.train.rows + s.test.rows, 32561);
  const all = [...s.trainIndices, ...s.testIndices].sort((a, b) => a - b);
  assert.deepEqual(all, Array.from({ length: 32561 }, (_, i) => i));
  assert.ok(s.testIndices.every((v, i) => i === 0 || v > s.testIndices[i - 1]));
  // the test rows are the first 6,512 of the seeded permutation (the generator is the definition)
  const perm = new Rng(18).permutation(32561);
  assert.deepEqual(Array.from(s.testIndices), Array.from(perm.subarray(0, 6512)).sort((a, b) => a - b));
  assert.deepEqual(s.test.columns[0][0], adult.columns[0][s.testIndices[0]]);
  assert.deepEqual(splitTable(adult, 0.2, 18).testIndices, s.testIndices);
  assert.notDeepEqual(splitTable(adult, 0.2, 19).testIndices, s.testIndices);
});

test('a stratified split keeps each class share', () => {
  const income = adult.schema.columns.findIndex((c) => c.name === 'income');
  const s = splitTable(adult, 0.2, 3, { stratify: 'income' });
  const rich = (t: typeof adult) => t.columns[income].reduce((a, v) => a + v, 0); // '>50K' is code 1
  assert.equal(rich(s.test), Math.round(0.2 * 7841));
  assert.equal(s.test.rows, Math.round(0.2 * 7841) + Math.round(0.2 * (32561 - 7841)));
  assert.throws(() => splitTable(adult, 0.2, 3, { stratify: 'age' }), { message: 'splitTable: column \'age\' is integer; stratify by a categorical, ordinal or boolean column.' });
});

test('selectRows takes rows in order with repeats, and refuses an index out of range', () => {
  const t = readTable('a,b\n1,x\n2,y\n3,z\n');
  const s = selectRows(t, [2, 0, 2]);
  assert.deepEqual(s.columns.map((c) => Array.from(c)), [[3, 1, 3], [2, 0, 2]]);
  assert.equal(s.schema, t.schema);
  assert.throws(() => selectRows(t, [0, 3]), { message: 'selectRows: index 3 (position 1) is out of range; the table has 3 rows (indices 0..2).' });
  assert.throws(() => splitTable(t, 0.1, 1), { message: 'splitTable: a test fraction of 0.1 of 3 rows leaves no test rows.' });
  assert.throws(() => splitTable(t, 1, 1), { message: 'splitTable: testFraction must be in (0, 1), got 1.' });
});

test('downsampleCategory: >50K cut to 5 % of Adult, every other row kept', () => {
  const income = adult.schema.columns.findIndex((c) => c.name === 'income');
  const d = downsampleCategory(adult, 'income', '>50K', 0.05, 7);
  const rich = d.columns[income].reduce((a, v) => a + v, 0);
  assert.equal(rich, Math.round((0.05 * 24720) / 0.95)); // 24,720 rows are <=50K
  assert.equal(d.rows, 24720 + rich);
  assert.deepEqual(downsampleCategory(adult, 'income', '>50K', 0.05, 7), d);
  assert.throws(() => downsampleCategory(adult, 'income', '>50k', 0.05, 7), { message: 'downsampleCategory: column \'income\' has no category ">50k"; its categories: <=50K, >50K.' });
  assert.throws(() => downsampleCategory(adult, 'income', '>50K', 0.5, 7), {
    message: 'downsampleCategory: ">50K" has 7841 rows, fewer than the 24720 that a share of 0.5 beside 24720 other rows needs.',
  });
});
