import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readArff } from '../../../src/data/tabular/arff.js';
import { readTable, readTableFile, columnsSpecOf } from '../../../src/data/tabular/read-table.js';
import { writeTable } from '../../../src/data/tabular/write-table.js';

const CREDIT_G = '/usr/share/doc/weka/examples/credit-g.arff';

const counts = (values: Float64Array, k: number) => {
  const out = new Array<number>(k).fill(0);
  for (const v of values) out[v]++;
  return out;
};

test('credit-g: 1,000 rows, 21 columns, declared nominal orders and the kinds of every column', () => {
  const t = readTableFile(readFileSync(CREDIT_G, 'utf8'), 'credit-g.arff');
  assert.equal(t.rows, 1000);
  assert.deepEqual(t.schema.columns.map((c) => [c.name, c.kind]), [
    ['checking_status', 'categorical'], ['duration', 'integer'], ['credit_history', 'categorical'], ['purpose', 'categorical'],
    ['credit_amount', 'integer'], ['savings_status', 'categorical'], ['employment', 'categorical'], ['installment_commitment', 'integer'],
    ['personal_status', 'categorical'], ['other_parties', 'categorical'], ['residence_since', 'integer'], ['property_magnitude', 'categorical'],
    ['age', 'integer'], ['other_payment_plans', 'categorical'], ['housing', 'categorical'], ['existing_credits', 'integer'],
    ['job', 'categorical'], ['num_dependents', 'integer'], ['own_telephone', 'categorical'], ['foreign_worker', 'categorical'],
    ['class', 'categorical'],
  ]);
  const col = (name: string) => t.schema.columns.findIndex((c) => c.name === name);
  const cls = t.schema.columns[col('class')];
  assert.deepEqual(cls, { name: 'class', kind: 'categorical', categories: ['good', 'bad'], missing: 'none' });
  assert.deepEqual(counts(t.columns[col('class')], 2), [700, 300]);
  assert.deepEqual(t.schema.columns[col('duration')], { name: 'duration', kind: 'integer', missing: 'none', min: 4, max: 72 });
  // sums and counts from scipy.io.arff.loadarff on the same file
  const sum = (name: string) => t.columns[col(name)].reduce((a, b) => a + b, 0);
  assert.deepEqual([sum('duration'), sum('credit_amount'), sum('age')], [20903, 3271258, 35546]);
  assert.deepEqual(counts(t.columns[col('checking_status')], 4), [274, 269, 63, 394]);
  const purpose = t.schema.columns[col('purpose')];
  assert.equal(purpose.categories![7], 'vacation'); // declared, never seen, kept
  assert.deepEqual(counts(t.columns[col('purpose')], 11), [234, 103, 181, 280, 12, 22, 50, 0, 9, 97, 12]);
  // as CSV and back, with the schema's category orders declared
  const csv = writeTable(t);
  assert.equal(csv.split('\n')[1], '<0,6,critical/other existing credit,radio/tv,1169,no known savings,>=7,4,male single,none,4,real estate,67,none,own,2,skilled,1,yes,yes,good');
  assert.deepEqual(readTable(csv, { columns: columnsSpecOf(t.schema) }), t);
});

const INLINE = `% a comment line
@RELATION 'tiny table'

@attribute 'full name' string
@attribute score REAL % trailing comment
@attribute n integer
@attribute colour {red, "dark blue", 'it\\'s'}
@attribute seen date "yyyy-MM-dd HH:mm"
@attribute plain date
@data
'Ann O\\'Neil', 1.25, 3, red, '2021-03-04 05:06', 2020-01-02T03:04:05
Bob,?,?,'dark blue',?,?
% between rows
"Cy, Jr.", -0.5, 12, 'it\\'s', "1999-12-31 23:59", 1970-01-01T00:00:00
`;

test('an inline ARFF: quoted names and values, escapes, comments, missing values, dates', () => {
  const t = readArff(INLINE, 'tiny.arff');
  assert.equal(t.rows, 3);
  assert.deepEqual(t.schema.columns, [
    { name: 'full name', kind: 'categorical', categories: ['Ann O\'Neil', 'Bob', 'Cy, Jr.'], missing: 'none' },
    { name: 'score', kind: 'continuous', missing: 'indicator', missingToken: '?', min: -0.5, max: 1.25, format: { decimals: 2 } },
    { name: 'n', kind: 'integer', missing: 'indicator', missingToken: '?', min: 3, max: 12 },
    { name: 'colour', kind: 'categorical', categories: ['red', 'dark blue', "it's"], missing: 'none' },
    { name: 'seen', kind: 'datetime', missing: 'indicator', missingToken: '?', min: Date.UTC(1999, 11, 31, 23, 59), max: Date.UTC(2021, 2, 4, 5, 6), format: { datetime: 'yyyy-MM-dd HH:mm' } },
    { name: 'plain', kind: 'datetime', missing: 'indicator', missingToken: '?', min: 0, max: Date.UTC(2020, 0, 2, 3, 4, 5), format: { datetime: "yyyy-MM-dd'T'HH:mm:ss" } },
  ]);
  assert.deepEqual(t.columns.map((c) => Array.from(c)), [
    [0, 1, 2], [1.25, NaN, -0.5], [3, NaN, 12], [0, 1, 2],
    [Date.UTC(2021, 2, 4, 5, 6), NaN, Date.UTC(1999, 11, 31, 23, 59)], [Date.UTC(2020, 0, 2, 3, 4, 5), NaN, 0],
  ]);
  assert.equal(writeTable(t), [
    'full name,score,n,colour,seen,plain',
    "Ann O'Neil,1.25,3,red,2021-03-04 05:06,2020-01-02T03:04:05",
    'Bob,?,?,dark blue,?,?',
    '"Cy, Jr.",-0.50,12,it\'s,1999-12-31 23:59,1970-01-01T00:00:00',
    '',
  ].join('\n'));
});

test('a nominal attribute with missing values gets a "?" category after the declared ones', () => {
  const t = readArff('@relation r\n@attribute c {b, a}\n@data\na\n?\nb\n', 'm.arff');
  assert.deepEqual(t.schema.columns[0], { name: 'c', kind: 'categorical', categories: ['b', 'a', '?'], missing: 'category', missingToken: '?' });
  assert.deepEqual(Array.from(t.columns[0]), [1, 2, 0]);
});

test('ARFF error messages, word for word', () => {
  const head = '@relation r\n@attribute a numeric\n@attribute c {x, y}\n@data\n';
  assert.throws(() => readArff(head + '1,x\n{0 2, 1 y}\n', 'sparse.arff'), {
    message: 'sparse.arff: line 6 is a sparse row ({index value, …}); genlab reads dense ARFF only — convert the file first (Weka: weka.filters.unsupervised.instance.SparseToNonSparse).',
  });
  assert.throws(() => readArff(head + '1,x\n2,z\n', 'bad.arff'), {
    message: "bad.arff: line 6, attribute 'c' holds \"z\", which is not among its declared values {x, y} (line 3).",
  });
  assert.throws(() => readArff(head + '1,x\n2\n', 'short.arff'), { message: 'short.arff: line 6 has 1 values, the header declares 2 attributes.' });
  assert.throws(() => readArff(head + '1,x, {3}\n', 'w.arff'), { message: 'w.arff: line 5 ends with an instance weight {w}; genlab reads unweighted rows only.' });
  assert.throws(() => readArff(head + 'one,x\n', 'n.arff'), {
    message: 'n.arff: line 5, column \'a\' is declared continuous but holds "one"; fix the cell, list it as a missing token, or declare the column categorical.',
  });
  assert.throws(() => readArff('@relation r\n@attribute d date\n@data\n2021-02-30T00:00:00\n', 'd.arff'), {
    message: 'd.arff: line 4, column \'d\' is declared datetime but holds "2021-02-30T00:00:00"; it does not match the format yyyy-MM-dd\'T\'HH:mm:ss or is not a real date; fix the cell, list it as a missing token, or declare another "format".',
  });
  assert.throws(() => readArff('@relation r\n@attribute a {x, y\n@data\n', 'o.arff'), { message: "o.arff: line 2: the value list of @attribute 'a' is not closed with '}'." });
  assert.throws(() => readArff('a,b\n1,2\n', 'csv.arff'), { message: "csv.arff: line 1: expected @relation, @attribute or @data in the header, got 'a'." });
});

test('an ARFF read against a saved schema is re-coded by category name', () => {
  const t = readArff(INLINE, 'tiny.arff');
  const schema = structuredClone(t.schema);
  schema.columns[3].categories = ["it's", 'red', 'dark blue'];
  const again = readTableFile(INLINE, 'tiny.arff', { schema });
  assert.equal(again.schema, schema);
  assert.deepEqual(Array.from(again.columns[3]), [1, 2, 0]);
  assert.deepEqual(again.columns[1], t.columns[1]);
  schema.columns[3].categories = ['red', 'dark blue'];
  assert.throws(() => readTableFile(INLINE, 'tiny.arff', { schema }), {
    message: "tiny.arff: data row 3, attribute 'colour' holds \"it's\", which is not among the schema's categories.",
  });
});
