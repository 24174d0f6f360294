import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTable, readTableFile, parseColumnsSpec, columnsSpecOf } from '../../../src/data/tabular/read-table.js';
import { writeTable } from '../../../src/data/tabular/write-table.js';
import { parseCsv, type CategoricalColumn, type NumericColumn } from '../../../src/data/csv.js';

const INLINE = [
  'id, price ,flag,when,stamp,city,grade,note',
  '1,1.50,yes,2021-03-04,2021-03-04T05:06:07Z, Paris,B,"a, b"',
  '2,?,no,2020-02-29,2020-12-31T23:59:59Z,?,A,"he said ""hi"""',
  '',
  ' 3 , -2.125 ,yes,1999-12-31,2000-01-01T00:00:00Z,Lyon,C,?',
].join('\r\n');

const SPEC = { grade: { kind: 'ordinal', categories: ['C', 'B', 'A'] } };

test('inferred and declared kinds of a small inline table', () => {
  const t = readTable(INLINE, { source: 'inline', columns: SPEC });
  assert.equal(t.rows, 3);
  assert.deepEqual(t.schema.columns, [
    { name: 'id', kind: 'integer', missing: 'none', min: 1, max: 3 },
    { name: 'price', kind: 'continuous', missing: 'indicator', missingToken: '?', min: -2.125, max: 1.5, format: { decimals: 3 } },
    { name: 'flag', kind: 'boolean', categories: ['no', 'yes'], missing: 'none' },
    { name: 'when', kind: 'datetime', missing: 'none', min: Date.UTC(1999, 11, 31), max: Date.UTC(2021, 2, 4), format: { datetime: 'yyyy-MM-dd' } },
    { name: 'stamp', kind: 'datetime', missing: 'none', min: Date.UTC(2000, 0, 1), max: Date.UTC(2021, 2, 4, 5, 6, 7), format: { datetime: "yyyy-MM-dd'T'HH:mm:ss'Z'" } },
    { name: 'city', kind: 'categorical', categories: ['?', 'Lyon', 'Paris'], missing: 'category', missingToken: '?' },
    { name: 'grade', kind: 'ordinal', categories: ['C', 'B', 'A'], missing: 'none' },
    { name: 'note', kind: 'categorical', categories: ['?', 'a, b', 'he said "hi"'], missing: 'category', missingToken: '?' },
  ]);
  assert.deepEqual(t.columns.map((c) => Array.from(c)), [
    [1, 2, 3],
    [1.5, NaN, -2.125],
    [1, 0, 1],
    [Date.UTC(2021, 2, 4), Date.UTC(2020, 1, 29), Date.UTC(1999, 11, 31)],
    [Date.UTC(2021, 2, 4, 5, 6, 7), Date.UTC(2020, 11, 31, 23, 59, 59), Date.UTC(2000, 0, 1)],
    [2, 0, 1],
    [1, 2, 0],
    [1, 2, 0],
  ]);
});

test('write(read(text)) is the canonical text and reads back to the identical table', () => {
  const t = readTable(INLINE, { source: 'inline', columns: SPEC });
  const text = writeTable(t);
  assert.equal(text, [
    'id,price,flag,when,stamp,city,grade,note',
    '1,1.500,yes,2021-03-04,2021-03-04T05:06:07Z,Paris,B,"a, b"',
    '2,?,no,2020-02-29,2020-12-31T23:59:59Z,?,A,"he said ""hi"""',
    '3,-2.125,yes,1999-12-31,2000-01-01T00:00:00Z,Lyon,C,?',
    '',
  ].join('\n'));
  assert.deepEqual(readTable(text, { source: 'inline', columns: SPEC }), t);
  assert.deepEqual(readTable(text, { source: 'inline', columns: columnsSpecOf(t.schema) }), t);
});

test('boolean spellings, booleans with a missing cell, and near-misses that stay categorical', () => {
  const t = readTable('a,b,c,d,e\nT,n,true,1,2021-02-28\nf,Y,?,0,2021-02-30\nT,n,FALSE,1,2021-01-01\n');
  assert.deepEqual(t.schema.columns.map((c) => [c.kind, c.categories]), [
    ['boolean', ['T', 'f']],
    ['boolean', ['Y', 'n']],
    ['boolean', ['?', 'FALSE', 'true']], // the missing cell is its own category
    ['integer', undefined], // 0/1 stays numeric, as SDV's detection
    ['categorical', ['2021-01-01', '2021-02-28', '2021-02-30']], // not a real date, so not a datetime column
  ]);
  const mixedCase = readTable('a\nyes\nYes\nno\n');
  assert.equal(mixedCase.schema.columns[0].kind, 'categorical');
});

test('continuous decimals: exponents count, and 0 decimals become 1 so the column stays continuous', () => {
  const t = readTable('x,y,z,w\n1.5e-3,1e3,7,-0\n2,5.,-0.0,1\n');
  assert.deepEqual(t.schema.columns.map((c) => [c.kind, c.format]), [
    ['continuous', { decimals: 4 }], ['continuous', { decimals: 1 }], ['continuous', { decimals: 1 }], ['integer', undefined],
  ]);
  assert.equal(writeTable(t), 'x,y,z,w\n0.0015,1000.0,7.0,0\n2.0000,5.0,0.0,1\n');
  assert.ok(Object.is(t.columns[2][1], 0) && Object.is(t.columns[3][0], 0)); // -0 read as 0
  assert.deepEqual(readTable(writeTable(t)), t);
});

test('a single-column table with an empty missing cell writes "" so the row is not a blank line', () => {
  const t = readTable('v\n1\n\n""\n3\n');
  assert.equal(t.rows, 3);
  assert.deepEqual(Array.from(t.columns[0]), [1, NaN, 3]);
  assert.equal(writeTable(t), 'v\n1\n""\n3\n');
  assert.deepEqual(readTable(writeTable(t)), t);
});

test('declared formats, categorical orders and decimals', () => {
  const t = readTable('d,c,x\n04/03/2021 10:30,b,1\n29/02/2020 00:00,a,2.5\n', {
    columns: { d: { kind: 'datetime', format: 'dd/MM/yyyy HH:mm' }, c: { kind: 'categorical', categories: ['b', 'a'] }, x: { kind: 'continuous', decimals: 2 } },
  });
  assert.deepEqual(Array.from(t.columns[0]), [Date.UTC(2021, 2, 4, 10, 30), Date.UTC(2020, 1, 29)]);
  assert.deepEqual(Array.from(t.columns[1]), [0, 1]);
  assert.equal(writeTable(t), 'd,c,x\n04/03/2021 10:30,b,1.00\n29/02/2020 00:00,a,2.50\n');
});

test('error messages, word for word', () => {
  assert.throws(() => readTable('a,b,c\n1,2,3\n4,5\n', { source: 'inline' }), {
    message: 'inline: line 3 has 2 fields, the header has 3; every row needs one value per column (quote values that contain the delimiter).',
  });
  assert.throws(() => readTable('age,income\n1,x\n', { source: 'inline', columns: { incme: 'categorical', age: 'integer', agee: 'integer' } }), {
    message: "columns spec declares 'incme', 'agee', which inline's header does not have; its columns are: age, income.",
  });
  assert.throws(() => readTable('id,grade\n1,A\n2,B\n3,D\n', { source: 'inline', columns: SPEC }), {
    message: 'inline: line 4, column \'grade\' holds "D", which is not among its declared ordinal categories ("C", "B", "A"); add it to "categories", or list it as a missing token.',
  });
  assert.throws(() => readTable('when\n2021-02-28\n2021-02-30\n', { source: 'inline', columns: { when: 'datetime' } }), {
    message: 'inline: line 3, column \'when\' is declared datetime but holds "2021-02-30"; it does not match the format yyyy-MM-dd or is not a real date; fix the cell, list it as a missing token, or declare another "format".',
  });
  assert.throws(() => readTable('n\n3\n4.5\n', { source: 'inline', columns: { n: 'integer' } }), {
    message: 'inline: line 3, column \'n\' is declared integer but holds "4.5"; fix the cell, list it as a missing token, or declare the column continuous.',
  });
  assert.throws(() => readTable('x\n1\nNaN\n', { source: 'inline' }), {
    message: 'inline: line 3, column \'x\' holds "NaN", which is not a finite number (the column is otherwise numeric); fix the cell, list it as a missing token, or declare the column categorical.',
  });
  assert.throws(() => readTable('x\n1\n2,5\n"1,5"\n', { source: 'inline' }), { message: 'inline: line 3 has 2 fields, the header has 1; every row needs one value per column (quote values that contain the delimiter).' });
  assert.throws(() => readTable('x\n1\n"1,5"\n', { source: 'inline' }), {
    message: "inline: line 3, column 'x' holds \"1,5\", a number written with a comma in an otherwise numeric column; genlab reads numbers with '.' as the decimal mark and no thousands separators — convert the file, or declare the column categorical.",
  });
  assert.throws(() => readTable('b\nyes\nno\nmaybe\n', { source: 'inline', columns: { b: 'boolean' } }), {
    message: 'inline: column \'b\' is declared boolean but holds 3 distinct values ("maybe", "no", "yes"); a boolean column has two — declare it categorical.',
  });
  assert.throws(() => readTable('a,a\n1,2\n', { source: 'inline' }), { message: "inline: duplicate header name 'a' in columns 1 and 2; header names must be unique." });
  assert.throws(() => readTable('a,b\n', { source: 'inline' }), { message: 'inline has a header row but no data rows.' });
});

test('the columns spec is validated strictly, one line per problem', () => {
  assert.throws(() => parseColumnsSpec({ grade: 'ordinal', x: 'number', y: { kind: 'integer', decimals: 2 }, z: { kind: 'categorical', order: ['a'] }, d: { kind: 'datetime', format: 'yyyy-QQ' } }), {
    message: [
      'columns spec: column \'grade\': an ordinal column needs "categories" in their order.',
      'columns spec: column \'x\' (kind): Invalid option: expected one of "continuous"|"integer"|"datetime"|"categorical"|"ordinal"|"boolean".',
      'columns spec: column \'y\': "decimals" only applies to continuous columns, not integer.',
      'columns spec: column \'z\': Unrecognized key: "order".',
      "columns spec: column 'd': Datetime format \"yyyy-QQ\" uses the letter 'Q', which genlab does not support; supported: yyyy, MM/M, dd/d, HH/H, mm/m, ss/s, S…SSS (fractions of a second), and 'quoted' literal text.",
    ].join('\n'),
  });
  assert.deepEqual(parseColumnsSpec({ income: 'categorical', education: { kind: 'ordinal', categories: ['a', 'b'] } }), {
    income: { kind: 'categorical' }, education: { kind: 'ordinal', categories: ['a', 'b'] },
  });
});

test('reading against a fixed schema keeps it, and refuses an unseen category', () => {
  const t = readTable(INLINE, { source: 'inline', columns: SPEC });
  const again = readTable('id,price,flag,when,stamp,city,grade,note\n7,?,no,2021-01-02,2000-01-01T00:00:00Z,Lyon,A,?\n', { source: 'synth.csv', schema: t.schema });
  assert.equal(again.schema, t.schema);
  assert.deepEqual(again.columns.map((c) => Array.from(c)), [[7], [NaN], [0], [Date.UTC(2021, 0, 2)], [Date.UTC(2000, 0, 1)], [1], [2], [0]]);
  assert.throws(() => readTable('id,price,flag,when,stamp,city,grade,note\n7,?,no,2021-01-02,2000-01-01T00:00:00Z,Nice,A,?\n', { source: 'synth.csv', schema: t.schema }), {
    message: 'synth.csv: line 2, column \'city\' holds "Nice"; the schema\'s categorical column expects one of its categories ("?", "Lyon", "Paris").',
  });
  assert.throws(() => readTableFile('a\n1\n', 'x.xlsx'), { message: "x.xlsx: unknown table file extension '.xlsx'; genlab reads .csv, .tsv/.tab and .arff tables." });
  assert.deepEqual(readTableFile('a\tb\n1\tx y\n', 'x.tsv').columns.map((c) => Array.from(c)), [[1], [0]]);
});

const ADULT = '/work/shared/data/adult.csv';
const ADULT_KINDS = [
  ['age', 'integer'], ['workclass', 'categorical'], ['fnlwgt', 'integer'], ['education', 'categorical'], ['education-num', 'integer'],
  ['marital-status', 'categorical'], ['occupation', 'categorical'], ['relationship', 'categorical'], ['race', 'categorical'],
  ['sex', 'categorical'], ['capital-gain', 'integer'], ['capital-loss', 'integer'], ['hours-per-week', 'integer'],
  ['native-country', 'categorical'], ['income', 'categorical'],
];

test('UCI Adult: inferred kinds of every column, missing categories, and an exact write → read round trip', () => {
  const text = readFileSync(ADULT, 'utf8');
  const t = readTable(text, { source: 'adult.csv' });
  assert.equal(t.rows, 32561);
  assert.deepEqual(t.schema.columns.map((c) => [c.name, c.kind]), ADULT_KINDS);
  // counts from a Python csv reader (trimmed cells): '?' in workclass/occupation/native-country, >50K in income
  const count = (name: string, cat: string) => {
    const c = t.schema.columns.findIndex((col) => col.name === name);
    const code = t.schema.columns[c].categories!.indexOf(cat);
    return t.columns[c].reduce((a, v) => a + (v === code ? 1 : 0), 0);
  };
  assert.deepEqual([count('workclass', '?'), count('occupation', '?'), count('native-country', '?'), count('income', '>50K')], [1836, 1843, 583, 7841]);
  assert.deepEqual(t.schema.columns.map((c) => c.missing), ['none', 'category', 'none', 'none', 'none', 'none', 'category', 'none', 'none', 'none', 'none', 'none', 'none', 'category', 'none']);
  assert.deepEqual(t.schema.columns[0], { name: 'age', kind: 'integer', missing: 'none', min: 17, max: 90 });
  assert.deepEqual(t.schema.columns[2], { name: 'fnlwgt', kind: 'integer', missing: 'none', min: 12285, max: 1484705 });
  assert.equal(t.columns[0].reduce((a, b) => a + b, 0), 1256257);
  // the same numbers and category codes as the older reader (csv.ts), which also trims and sorts
  const old = parseCsv(text, { source: 'adult.csv' });
  old.columns.forEach((col, c) => {
    if (col.type === 'numeric') assert.deepEqual(t.columns[c], (col as NumericColumn).values);
    else {
      assert.deepEqual(t.schema.columns[c].categories, (col as CategoricalColumn).categories);
      assert.deepEqual(t.columns[c], Float64Array.from((col as CategoricalColumn).codes));
    }
  });
  const back = readTable(writeTable(t), { source: 'adult-written.csv' });
  back.schema.columns.forEach((c, i) => {
    assert.deepEqual(c, t.schema.columns[i]);
    assert.deepEqual(back.columns[i], t.columns[i], c.name);
  });
});

test('edge columns: all missing, integers beyond 2^53, a declared datetime with no present cell', () => {
  const t = readTable('a,b,c\n?,12345678901234567890,\n,7,?\n', { columns: { c: 'datetime' } });
  assert.deepEqual(t.schema.columns, [
    { name: 'a', kind: 'categorical', categories: ['', '?'], missing: 'category', missingToken: '?' },
    { name: 'b', kind: 'categorical', categories: ['12345678901234567890', '7'], missing: 'none' },
    { name: 'c', kind: 'datetime', missing: 'indicator', missingToken: '?', format: { datetime: 'yyyy-MM-dd' } },
  ]);
  assert.deepEqual(readTable(writeTable(t), { columns: { c: 'datetime' } }), t);
  assert.throws(() => readTable('a\n1\n', { columns: { a: 'integer' }, schema: t.schema }), {
    message: 'CSV input: give a columns spec or a saved schema, not both; the schema already fixes every column.',
  });
});
