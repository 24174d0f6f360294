import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readTable } from '../../../src/data/tabular/read-table.js';
import { readArff } from '../../../src/data/tabular/arff.js';
import { writeTable } from '../../../src/data/tabular/write-table.js';
import { schemaFromJSON, schemaToJSON, tableFromRows, tableRows } from '../../../src/data/tabular/table-schema-json.js';
import type { TableSchema } from '../../../src/data/tabular/types.js';

const TEXT = 'id,price,flag,when,city\n1,1.50,yes,2021-03-04,Paris\n2,?,no,2020-02-29,?\n3,-2.125,yes,1999-12-31,Lyon\n';

test('schema → JSON text → schema is exact, for an inline table, Adult and credit-g', () => {
  const schemas: TableSchema[] = [
    readTable(TEXT).schema,
    readTable(readFileSync('/work/shared/data/adult.csv', 'utf8')).schema,
    readArff(readFileSync('/usr/share/doc/weka/examples/credit-g.arff', 'utf8')).schema,
  ];
  for (const s of schemas) {
    const json = JSON.stringify(schemaToJSON(s));
    assert.deepEqual(schemaFromJSON(JSON.parse(json)), s);
  }
  const text = JSON.stringify(schemaToJSON(schemas[0]));
  assert.equal(text.slice(0, text.indexOf('},') + 2), '{"version":1,"columns":[{"name":"id","kind":"integer","missing":"none","min":1,"max":3},');
});

test('schemaFromJSON refuses bad schemas, naming the key', () => {
  const ok = schemaToJSON(readTable(TEXT).schema);
  const bad = JSON.parse(JSON.stringify(ok));
  bad.columns[0].kind = 'float';
  bad.columns[1].colour = 'red';
  delete bad.columns[2].categories;
  bad.columns[3].format = { datetime: 'yyyy-QQ' };
  bad.columns[4].missingToken = 'NA';
  assert.throws(() => schemaFromJSON(bad, 'run/table-schema.json'), {
    message: [
      'run/table-schema.json: columns.0.kind: Invalid option: expected one of "continuous"|"integer"|"datetime"|"categorical"|"ordinal"|"boolean".',
      'run/table-schema.json: columns.1: Unrecognized key: "colour".',
      'run/table-schema.json: columns.2: a boolean column needs "categories".',
      "run/table-schema.json: columns.3: Datetime format \"yyyy-QQ\" uses the letter 'Q', which genlab does not support; supported: yyyy, MM/M, dd/d, HH/H, mm/m, ss/s, S…SSS (fractions of a second), and 'quoted' literal text.",
      'run/table-schema.json: columns.4: missing "category" needs a discrete column whose "categories" include its "missingToken".',
    ].join('\n'),
  });
  assert.throws(() => schemaFromJSON({ columns: ok.columns }), { message: 'table-schema.json: version: Invalid input: expected 1.' });
  const dup = { version: 1, columns: [ok.columns[0], ok.columns[0]] };
  assert.throws(() => schemaFromJSON(dup), { message: "table-schema.json: (root): column name 'id' appears twice." });
});

test('tableFromRows ↔ tableRows, and the formatted rows are writeTable\'s cells', () => {
  const t = readTable(TEXT);
  const rows = tableRows(t);
  assert.deepEqual(rows, [
    [1, 1.5, 'yes', Date.UTC(2021, 2, 4), 'Paris'],
    [2, null, 'no', Date.UTC(2020, 1, 29), '?'],
    [3, -2.125, 'yes', Date.UTC(1999, 11, 31), 'Lyon'],
  ]);
  assert.deepEqual(tableFromRows(t.schema, rows), t);
  const formatted = tableRows(t, { formatted: true });
  assert.deepEqual(formatted[1], ['2', '?', 'no', '2020-02-29', '?']);
  assert.equal(['id,price,flag,when,city', ...formatted.map((r) => r.join(','))].join('\n') + '\n', writeTable(t));
  assert.deepEqual(tableFromRows(t.schema, formatted), t);
  // codes for discrete columns, null for the missing category, datetimes as text
  const fromCodes = tableFromRows(t.schema, [[4, 0.25, 1, '2021-01-01', null], [5, null, 0, 0, 2]]);
  assert.deepEqual(fromCodes.columns.map((c) => Array.from(c)), [[4, 5], [0.25, NaN], [1, 0], [Date.UTC(2021, 0, 1), 0], [0, 2]]);
  assert.throws(() => tableFromRows(t.schema, [[1, 2, 'maybe', 0, 'Paris']]), {
    message: 'tableFromRows: row 1, column \'flag\' holds "maybe"; the boolean column expects one of its categories or a code 0..1.',
  });
  assert.throws(() => tableFromRows(t.schema, [[1, 2, 'yes', '2021-02-30', 'Paris']]), {
    message: 'tableFromRows: row 1, column \'when\' holds "2021-02-30"; the datetime column expects a finite number, its text as yyyy-MM-dd, or null.',
  });
  assert.throws(() => tableFromRows(t.schema, [[1, 2, 'yes', 0]]), { message: 'tableFromRows: row 1 has 4 cells, the schema has 5 columns.' });
});
