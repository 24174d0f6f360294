// Fuzzes CSV reading (src/data/csv-records.ts, csv.ts, table-dataset.ts and the `csv` dataset loader):
// RFC 4180 tables with BOM/CRLF/quoted newlines round-trip; NaN/Inf/1e400, decimal commas, ragged rows fail naming line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseCsv, type NumericColumn, type CategoricalColumn } from '../../src/data/csv.js';
import { tableDatasets } from '../../src/data/table-dataset.js';
import { loadDataset } from '../../src/node/datasets.js';
import { tempDir } from '../helpers/tmp.js';
import { CaseCounter, outcome, outcomeAsync, rejects } from './fuzz.js';

const cases = new CaseCounter();
const SRC = 'fuzz/table.csv';

interface Table {
  header: string[];
  kinds: ('num' | 'cat')[];
  rows: (number | string)[][];
}

// categorical cells: never a number, never trimmed away, never a missing token; may hold , " and line breaks
const catCell = fc
  .string({ unit: fc.constantFrom('a', 'b', 'Z', 'é', '😀', ',', '"', '\n', '\r\n', ' ', '1', '.', ';', '\t'), minLength: 0, maxLength: 6 })
  .map((s) => `x${s}y`);
const numCell = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, -0, 5e-324, 1.7976931348623157e308, -1e300, 1e-300));

const tableArb: fc.Arbitrary<Table> = fc
  .record({ kinds: fc.array(fc.constantFrom<'num' | 'cat'>('num', 'num', 'cat'), { minLength: 1, maxLength: 4 }), n: fc.integer({ min: 2, max: 12 }) })
  .chain(({ kinds, n }) =>
    fc.array(fc.tuple(...kinds.map((k) => (k === 'num' ? numCell : catCell)) as [fc.Arbitrary<number | string>]), { minLength: n, maxLength: n })
      .map((rows) => ({ header: kinds.map((k, i) => `${k}_${i}`), kinds, rows: rows as (number | string)[][] })));

const styleArb = fc.record({
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  trailingEol: fc.boolean(),
  blankLines: fc.boolean(),
  pad: fc.constantFrom('', ' '),
  delim: fc.constantFrom(',', ',', ';', '\t'),
});

function quote(v: string, all: boolean, delim = ','): string {
  return all || /["\r\n]/.test(v) || v.includes(delim) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Serialises a table as RFC 4180 text; also returns the 1-based line on which each data row starts. */
type Style = { eol: string; bom: boolean; quoteAll: boolean; trailingEol: boolean; blankLines: boolean; pad: string; delim?: string };

function toCsv(t: Table, st: Style): { text: string; lines: number[] } {
  const d = st.delim ?? ',';
  const cell = (v: number | string) => (typeof v === 'number' ? `${st.pad}${String(v)}${st.pad}` : quote(v, st.quoteAll, d));
  const out: string[] = [t.header.map((h) => quote(h, st.quoteAll, d)).join(d)];
  const lines: number[] = [];
  let line = 2;
  for (const r of t.rows) {
    if (st.blankLines) {
      out.push('');
      line++;
    }
    lines.push(line);
    const text = r.map(cell).join(d);
    out.push(text);
    line += (text.match(/\r\n|\r|\n/g) ?? []).length + 1;
  }
  return { text: (st.bom ? '\ufeff' : '') + out.join(st.eol) + (st.trailingEol ? st.eol : ''), lines };
}

test('RFC 4180 tables (BOM, LF/CRLF/CR, quoted delimiters, quotes and line breaks, blank lines) round-trip', () => {
  cases.check('round-trip', 200, fc.property(tableArb, styleArb, (t, st) => {
    const table = parseCsv(toCsv(t, st).text, { source: SRC, delimiter: st.delim });
    assert.equal(table.rows, t.rows.length);
    t.kinds.forEach((k, j) => {
      const col = table.columns[j];
      assert.equal(col.name, t.header[j]);
      if (k === 'num') {
        assert.equal(col.type, 'numeric');
        t.rows.forEach((r, i) => assert.ok(Object.is((col as NumericColumn).values[i], r[j]) || (r[j] === 0 && (col as NumericColumn).values[i] === 0)));
      } else {
        assert.equal(col.type, 'categorical');
        assert.deepEqual((col as CategoricalColumn).values, t.rows.map((r) => (r[j] as string).trim()));
      }
    });
  }));
});

const NON_FINITE = ['NaN', 'nan', '-nan', 'Inf', '-inf', '+Infinity', 'INFINITY', '1e400', '-1e400', '1E309', '123456789e301'];

test('declared column types: a numeric declaration on a non-number is an error naming line and column; categorical keeps the text', () => {
  cases.check('declared types', 100, fc.property(tableArb, styleArb, (t, st) => {
    const j = t.kinds.indexOf('cat');
    const { text, lines } = toCsv(t, { ...st, delim: ',' });
    if (j >= 0) {
      rejects(() => parseCsv(text, { source: SRC, types: { [t.header[j]]: 'numeric' } }), SRC, new RegExp(`line ${lines[0]}, column 'cat_${j}' is declared numeric`));
    }
    const k = t.kinds.indexOf('num');
    if (k >= 0) {
      const col = parseCsv(text, { source: SRC, types: { [t.header[k]]: 'categorical' } }).columns[k] as CategoricalColumn;
      assert.equal(col.type, 'categorical');
      assert.deepEqual(col.values, t.rows.map((r) => `${st.pad}${String(r[k])}${st.pad}`.trim()));
    }
  }));
});

test('a NaN, Inf or overflowing cell in a numeric column is an error naming its line and column', () => {
  cases.check('non-finite cells', 200, fc.property(tableArb, styleArb, fc.constantFrom(...NON_FINITE), fc.nat(), (t, st, bad, at) => {
    const j = t.kinds.indexOf('num');
    if (j < 0) return;
    const i = at % t.rows.length;
    t.rows[i][j] = bad as unknown as number;
    const { text, lines } = toCsv(t, { ...st, pad: '' });
    rejects(() => parseCsv(text, { source: SRC, delimiter: st.delim }), SRC, new RegExp(`line ${lines[i]}, column 'num_${j}' holds "${bad.replace('+', '\\+')}", which is not a finite number`));
  }));
});

test('a decimal-comma number ("1,5") in an otherwise numeric column is an error naming line and column, not a silent categorical', () => {
  cases.check('decimal commas', 100, fc.property(tableArb, styleArb, fc.constantFrom('1,5', '-0,25', '1.234,5', '+3,0', '1,000', '12,345,678.5'), fc.nat(), (t, st, bad, at) => {
    const j = t.kinds.indexOf('num');
    if (j < 0) return;
    const i = at % t.rows.length;
    t.rows[i][j] = bad as unknown as number;
    const { text, lines } = toCsv(t, { ...st, pad: '' });
    rejects(() => parseCsv(text, { source: SRC, delimiter: st.delim }), SRC,
      new RegExp(`line ${lines[i]}, column 'num_${j}' holds "${bad.replace(/[.+]/g, '\\$&')}", a number written with a comma`));
  }));
});

test('ragged rows are an error naming the row and its line', () => {
  cases.check('ragged rows', 150, fc.property(tableArb, styleArb, fc.nat(), fc.boolean(), (t, st, at, add) => {
    const i = at % t.rows.length;
    if (add) t.rows[i].push(7);
    else if (t.rows[i].length > 1) t.rows[i].pop();
    else t.rows[i].push(7);
    const { text, lines } = toCsv(t, st);
    rejects(() => parseCsv(text, { source: SRC, delimiter: st.delim }), SRC, new RegExp(`row ${i + 1} \\(line ${lines[i]}\\) has \\d+ fields, the header has ${t.header.length}`));
  }));
});

test('empty, blank, BOM-only and header-only files are errors', () => {
  for (const text of ['', ' \n\t ', '\ufeff', '\r\n\r\n', 'a,b', 'a,b\r\n', '\ufeffa,b\n\n']) {
    rejects(() => parseCsv(text, { source: SRC }), SRC, /empty|no data rows/);
    cases.add('empty / header only');
  }
});

test('any text parses to a consistent table or fails naming the file', () => {
  const unit = fc.constantFrom('a', '1', '2', '.', '-', 'e', ',', ',', '"', '\n', '\r', ' ', '?', 'N', '\ufeff', ';');
  cases.check('random text', 300, fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
    outcome(() => parseCsv(text, { source: SRC }), SRC, (table) => {
      for (const c of table.columns) {
        if (c.type === 'numeric') {
          assert.equal(c.values.length, table.rows);
          assert.equal(c.values.filter(Number.isNaN).length, c.missing, 'NaN only where cells are missing');
          assert.ok(c.values.every((v) => Number.isNaN(v) || Number.isFinite(v)), 'an infinite value got through');
        } else assert.equal(c.values.length, table.rows);
      }
    });
  }));
});

test('standardised vectors are finite for any finite column, including ±1.8e308 and subnormals', () => {
  cases.check('standardisation', 150, fc.property(fc.array(numCell, { minLength: 4, maxLength: 30 }), fc.integer({ min: 0, max: 3 }), (xs, seed) => {
    const text = 'x\n' + xs.map(String).join('\n');
    outcome(() => tableDatasets(parseCsv(text, { source: SRC }), { seed, testSize: 1 }), SRC, ({ train, test: held, standardization: s }) => {
      for (const d of [train, held]) assert.ok(d.data.every(Number.isFinite), `non-finite standardised value for ${xs.join(', ')}`);
      assert.ok(Number.isFinite(s.mean[0]) && Number.isFinite(s.std[0]) && s.std[0] > 0);
      // a spread column keeps its spread (subnormals must not collapse to a constant)
      if (train.size > 1 && new Set(xs).size === xs.length) assert.ok(new Set(train.data).size > 1, `distinct values ${xs.join(', ')} collapsed`);
    });
  }));
});

test('the csv dataset loader names the file in every error', async () => {
  const dir = tempDir('genlab-fuzz-csv-');
  await cases.check('csv loader (path named)', 30, fc.asyncProperty(fc.string({ unit: fc.constantFrom('a', '1', '.', ',', '"', '\n', 'NaN', '1e400', '1,5', '\xff'), maxLength: 40 }), async (text) => {
    const file = path.join(dir, 'data.csv');
    writeFileSync(file, text, 'latin1');
    await outcomeAsync(() => loadDataset({ name: 'csv', path: file }), file, (d) => assert.ok(d.train.size > 0));
  }));
});

test('report', (t) => cases.report(t, 'csv'));
