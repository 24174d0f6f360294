// Fuzzes interaction-log parsing (src/data/interactions.ts and the `sequences` loader): MovieLens
// u.data / ratings.dat / CSV layouts round-trip; no data line is taken for a header; damaged logs fail naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseInteractions } from '../../src/data/interactions.js';
import { loadDataset } from '../../src/node/datasets.js';
import { tempDir } from '../helpers/tmp.js';
import { CaseCounter, outcome, outcomeAsync } from './fuzz.js';

const cases = new CaseCounter();
const SRC = 'fuzz/u.data';

const id = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_]{1,6}$/), fc.nat(5000).map(String), fc.constantFrom('user', 'user1', 'User_7', 'users', 'userId'));
const rowArb = fc.record({ user: id, item: id, rating: fc.integer({ min: -5, max: 10 }), timestamp: fc.nat(2 ** 31) });
const logArb = fc.record({
  rows: fc.array(rowArb, { minLength: 1, maxLength: 12 }),
  sep: fc.constantFrom(',', '\t', '::'),
  fields: fc.constantFrom(2, 3, 4),
  header: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  blank: fc.boolean(),
});

type Log = { rows: { user: string; item: string; rating: number; timestamp: number }[]; sep: string; fields: number; header: boolean; eol: string; blank: boolean };

function render(l: Log): string {
  const lines = l.rows.map((r) => [r.user, r.item, r.rating, r.timestamp].slice(0, l.fields).join(l.sep));
  if (l.header) lines.unshift(['user_id', 'item_id', 'rating', 'timestamp'].slice(0, l.fields).join(l.sep));
  if (l.blank) lines.splice(1, 0, '');
  return lines.join(l.eol);
}

test('logs in every layout round-trip, and no data line (user ids like "user1") is taken for a header', () => {
  cases.check('round-trip', 300, fc.property(logArb, (l) => {
    const got = parseInteractions(render(l), SRC);
    assert.equal(got.length, l.rows.length, 'a data line was dropped or added');
    l.rows.forEach((r, i) => {
      assert.equal(got[i].user, r.user);
      assert.equal(got[i].item, r.item);
      assert.ok(Object.is(got[i].rating, l.fields >= 3 ? r.rating : NaN));
      assert.ok(Object.is(got[i].timestamp, l.fields >= 4 ? r.timestamp : NaN));
    });
  }));
});

test('any text parses to complete interactions or fails naming the file and line', () => {
  const unit = fc.constantFrom('u', '1', '2', ',', ':', '::', '\t', '\n', ' ', '.', 'e', '-', 'x', 'I', 'n', 'f');
  cases.check('random text', 300, fc.property(fc.string({ unit, maxLength: 50 }), (text) => {
    outcome(() => parseInteractions(text, SRC), SRC, (log) => {
      assert.ok(log.length > 0);
      for (const r of log) {
        assert.ok(r.user !== '' && r.item !== '');
        assert.ok(Number.isNaN(r.rating) || Number.isFinite(r.rating));
        assert.ok(Number.isNaN(r.timestamp) || Number.isFinite(r.timestamp));
      }
    });
  }));
});

test('the sequences loader names the file in every error', async () => {
  const dir = tempDir('genlab-fuzz-seq-');
  await cases.check('sequences loader (path named)', 30, fc.asyncProperty(fc.oneof(logArb.map((l) => render(l)), fc.string({ unit: fc.constantFrom('a', '1', ',', '\n', '::', 'Inf'), maxLength: 30 })), async (text) => {
    const file = path.join(dir, 'ratings.csv');
    writeFileSync(file, text, 'latin1');
    await outcomeAsync(() => loadDataset({ name: 'sequences', path: file, testFraction: 0.5 }), file, (d) => assert.ok(d.train.size >= 1));
  }));
});

test('report', (t) => cases.report(t, 'interactions'));
