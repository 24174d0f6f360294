import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { useBackend } from '../helpers/engine.js';
import { tf } from '../../src/engine/tf.js';
import { getColumn, parseCsv, type CategoricalColumn, type NumericColumn } from '../../src/data/csv.js';
import { splitCsvRecords } from '../../src/data/csv-records.js';
import { destandardize, tableDatasets } from '../../src/data/table-dataset.js';
import { loadDataset } from '../../src/node/datasets.js';
import { tempDir } from '../helpers/tmp.js';

before(() => useBackend('cpu'));

const INLINE = [
  'age, city ,score,note',
  '39, Paris,1.5,"a, b"',
  '50, Lyon,?,x',
  ' 28 ,Paris, -2e1 ,"he said ""hi"""',
  '',
  '61,?,3,',
].join('\r\n');

test('typed columns on a small inline table', () => {
  const t = parseCsv(INLINE, { source: 'inline' });
  assert.equal(t.rows, 4);
  assert.deepEqual(t.columns.map((c) => [c.name, c.type, c.missing]), [
    ['age', 'numeric', 0], ['city', 'categorical', 1], ['score', 'numeric', 1], ['note', 'categorical', 1],
  ]);
  assert.deepEqual(Array.from((getColumn(t, 'age') as NumericColumn).values), [39, 50, 28, 61]);
  assert.deepEqual(Array.from((getColumn(t, 'score') as NumericColumn).values), [1.5, NaN, -20, 3]);
  const city = getColumn(t, 'city') as CategoricalColumn;
  assert.deepEqual(city.categories, ['?', 'Lyon', 'Paris']);
  assert.deepEqual(Array.from(city.codes), [2, 1, 2, 0]);
  assert.deepEqual((getColumn(t, 'note') as CategoricalColumn).values, ['a, b', 'x', 'he said "hi"', '']);
  assert.throws(() => getColumn(t, 'zip'), /inline has no column 'zip'; columns: age, city, score, note/);
});

test('ragged rows, duplicate headers, empty files and bad quotes teach', () => {
  const lines = ['a,b,c', ...Array.from({ length: 16 }, () => '1,2,3'), '1,2', '4,5,6'];
  assert.throws(() => parseCsv(lines.join('\n'), { source: 't.csv' }), /t\.csv: row 17 \(line 18\) has 2 fields, the header has 3/);
  assert.throws(() => parseCsv('x,y,x\n1,2,3', { source: 'd.csv' }), /d\.csv: duplicate header name 'x' in columns 1 and 3/);
  assert.throws(() => parseCsv('', { source: 'e.csv' }), /e\.csv is empty; expected a header row/);
  assert.throws(() => parseCsv(' \n\n', { source: 'e.csv' }), /e\.csv is empty/);
  assert.throws(() => parseCsv('a,b\n', { source: 'h.csv' }), /h\.csv has a header row but no data rows/);
  assert.throws(() => parseCsv('a,b\n1,"open\n2,3'), /line 2 opens a quoted field that is never closed/);
  assert.throws(() => parseCsv('a,b\n1,x"y'), /line 2 has a quote inside an unquoted field/);
});

test('record splitter counts lines through quoted newlines and CRLF', () => {
  const r = splitCsvRecords('\ufeffa,b\r\n"1\n2",3\r\n\n4,5');
  assert.deepEqual(r, [{ fields: ['a', 'b'], line: 1 }, { fields: ['1\n2', '3'], line: 2 }, { fields: ['4', '5'], line: 5 }]);
});

test('standardised vector datasets from numeric columns', () => {
  const rows = ['x,y,k', ...Array.from({ length: 50 }, (_, i) => `${i},${2 * i + 1},${i % 2 ? 'odd' : 'even'}`)];
  const t = parseCsv(rows.join('\n'));
  const d = tableDatasets(t, { labelColumn: 'k', testSize: 10, seed: 3 });
  assert.deepEqual([d.train.size, d.test.size, d.train.shape, d.train.numClasses], [40, 10, [2], 2]);
  assert.deepEqual(d.standardization.columns, ['x', 'y']);
  let m = 0, v = 0;
  for (let i = 0; i < 40; i++) m += d.train.data[2 * i] / 40;
  for (let i = 0; i < 40; i++) v += (d.train.data[2 * i] - m) ** 2 / 40;
  assert.ok(Math.abs(m) < 1e-6 && Math.abs(v - 1) < 1e-5);
  const back = destandardize(d.test.data, d.train.standardization);
  for (let i = 0; i < 10; i++) {
    assert.ok(Math.abs(back[2 * i + 1] - (2 * back[2 * i] + 1)) < 1e-4);
    assert.equal(d.test.labels![i], Math.round(back[2 * i]) % 2 ? 1 : 0); // categories sorted: even, odd
  }
  const start = tf.memory().numTensors;
  const b = d.train.batch([0, 1, 2]);
  assert.deepEqual([b.x.shape, b.y!.shape], [[3, 2], [3]]);
  tf.dispose([b.x, b.y!]);
  assert.equal(tf.memory().numTensors, start);
  const withMissing = parseCsv('x,y\n1,2\n?,3\n4,5\n6,7');
  assert.throws(() => tableDatasets(withMissing, { testSize: 1 }), /missing values in numeric column\(s\) 'x' \(1\); .*dropMissingRows/);
  assert.equal(tableDatasets(withMissing, { testSize: 1, dropMissingRows: true }).train.size, 2);
  assert.throws(() => tableDatasets(t, { columns: ['k'] }), /column 'k' is categorical/);
});

const ADULT = '/work/shared/data/adult.csv';
test('UCI Adult: 32,561 rows, 15 typed columns', { skip: !existsSync(ADULT) && `${ADULT} absent` }, async () => {
  const t = parseCsv(readFileSync(ADULT, 'utf8'), { source: ADULT });
  assert.equal(t.rows, 32561);
  assert.equal(t.columns.length, 15);
  const numeric = t.columns.filter((c) => c.type === 'numeric').map((c) => c.name);
  assert.deepEqual(numeric, ['age', 'fnlwgt', 'education-num', 'capital-gain', 'capital-loss', 'hours-per-week']);
  const wc = getColumn(t, 'workclass') as CategoricalColumn;
  assert.equal(wc.missing, 1836);
  assert.ok(wc.categories.includes('State-gov')); // leading space trimmed
  assert.deepEqual((getColumn(t, 'income') as CategoricalColumn).categories, ['<=50K', '>50K']);
  const d = await loadDataset({ name: 'csv', path: ADULT, labelColumn: 'income' });
  assert.ok(d.table && d.standardization);
  assert.deepEqual([d.train.size + d.test.size, d.test.size, d.train.shape, d.train.numClasses], [32561, 3256, [6], 2]);
  assert.ok(Math.abs(d.standardization.mean[0] - 38.58) < 0.2); // mean age of Adult ≈ 38.58
});

test('csv through loadDataset: needs a path, and ragged files name the file', async () => {
  await assert.rejects(loadDataset({ name: 'csv' }), /needs a file: pass --data\.path FILE\.csv/);
  const p = path.join(tempDir('genlab-csv-'), 'r.csv');
  writeFileSync(p, 'a,b\n1,2\n3\n');
  await assert.rejects(loadDataset({ name: 'csv', path: p }), (e: Error) => e.message.startsWith(`${p}: row 2 (line 3) has 1 fields, the header has 2`));
});

test('non-finite and overflowing numbers in a numeric column are errors naming line and column, not a silent change of type', () => {
  for (const cell of ['NaN', 'nan', 'inf', '-Infinity', '1e400', '-2e999']) {
    assert.throws(
      () => parseCsv(`a,b\n1,x\n2,y\n${cell},z\n`, { source: 't.csv' }),
      new RegExp(`^Error: t\\.csv: line 4, column 'a' holds "${cell.replace(/[+-]/g, '\\$&')}", which is not a finite number \\(the column is otherwise numeric\\)`),
      cell,
    );
  }
  // listed as a missing token, the same cell is a missing value of a numeric column
  const t = parseCsv('a\n1\nNaN\n3\n', { missing: ['NaN'] });
  const a = getColumn(t, 'a') as NumericColumn;
  assert.equal(a.type, 'numeric');
  assert.equal(a.missing, 1);
  // a column of words that happens to hold "Nan" (a name) stays categorical
  const names = getColumn(parseCsv('who\nNan\nBob\n'), 'who') as CategoricalColumn;
  assert.deepEqual(names.categories, ['Bob', 'Nan']);
  // declared categorical, 1e400 is just a string
  assert.equal(getColumn(parseCsv('v\n1e400\n2\n', { types: { v: 'categorical' } }), 'v').type, 'categorical');
});
