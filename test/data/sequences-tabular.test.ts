// Interaction logs as per-user item sequences (MovieLens u.data / ratings.dat / CSV layouts) and the
// `tabular` CSV kind (declared or inferred types, missing tokens); bad lines name the file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseInteractions } from '../../src/data/interactions.js';
import type { SequenceDataset } from '../../src/data/interactions.js';
import { loadDataset } from '../../src/node/datasets.js';
import { tempDir } from '../helpers/tmp.js';

const file = (name: string, text: string) => {
  const p = path.join(tempDir(), name);
  writeFileSync(p, text);
  return p;
};

test('parseInteractions reads tab (u.data), :: (ratings.dat) and CSV with a header', () => {
  const tab = parseInteractions('196\t242\t3\t881250949\n186\t302\t3\t891717742\n', 'u.data');
  assert.deepEqual(tab[1], { user: '186', item: '302', rating: 3, timestamp: 891717742 });
  const dat = parseInteractions('1::1193::5::978300760\n1::661::3::978302109\n', 'ratings.dat');
  assert.deepEqual(dat.map((r) => r.item), ['1193', '661']);
  const csv = parseInteractions('userId,movieId\nu1,i9\n', 'r.csv');
  assert.deepEqual(csv, [{ user: 'u1', item: 'i9', rating: NaN, timestamp: NaN }]);
  assert.throws(() => parseInteractions('1,2,3\n4\n', 'log.csv'), /^Error: log\.csv: line 2 has 1 field\(s\) "4"; expected user,item\[,rating,timestamp\]/);
  assert.throws(() => parseInteractions('1\t2\tfive\t9\n', 'u.data'), /u\.data: line 1 has rating "five", which is not a number/);
  assert.throws(() => parseInteractions('\n\n', 'e.csv'), /e\.csv holds no interactions/);
});

test('sequences: per-user items ordered by time, left-padded, most recent kept; users split by seed', async () => {
  // 10 users; user u has items (u+k) % 7 for k = 0..u, written in reverse time order
  const lines: string[] = [];
  for (let u = 0; u < 10; u++) for (let k = u; k >= 0; k--) lines.push(`${u}\t${(u + k) % 7}\t${k % 5}\t${1000 + k}`);
  const p = file('u.data', lines.join('\n') + '\n');
  const d = await loadDataset({ name: 'sequences', path: p, maxLength: 4, testFraction: 0.2, seed: 1 });
  const train = d.train as SequenceDataset;
  const test = d.test as SequenceDataset;
  assert.equal(train.size + test.size, 10);
  assert.equal(test.size, 2);
  assert.deepEqual(train.items, ['0', '1', '2', '3', '4', '5', '6']);
  const u = train.users.indexOf('5');
  assert.ok(u >= 0 || test.users.includes('5'));
  const which = u >= 0 ? train : test;
  const s = which.sequences[which.users.indexOf('5')];
  // user 5: k = 2..5 are the 4 most recent (timestamps 1002..1005): items (5+k) % 7 → 0, 1, 2, 3 → ids +1
  assert.deepEqual(Array.from(s), [1, 2, 3, 4]);
  const w0 = train.users.includes('0') ? train : test;
  const b = w0.batch([w0.users.indexOf('0')]);
  assert.deepEqual(Array.from(b.x.dataSync()), [0, 0, 0, 1]); // user 0's single item '0' is id 1, padded on the left
  b.x.dispose();
  const same = await loadDataset({ name: 'sequences', path: p, maxLength: 4, testFraction: 0.2, seed: 1 });
  assert.deepEqual((same.test as SequenceDataset).users, test.users);
  const rated = await loadDataset({ name: 'sequences', path: p, minRating: 4, testFraction: 0.2 });
  assert.ok((rated.train as SequenceDataset).sequences.every((q) => q.length <= 2));
  await assert.rejects(loadDataset({ name: 'sequences', path: file('bad.dat', '1::2::3\n1\n') }), /bad\.dat: line 2 has 1 field/);
});

test('tabular: declared types override inference; missing tokens; ragged rows and bad cells name file and line', async () => {
  const p = file('t.csv', 'zip,age,city\n01234,30,Oslo\n99999,NA,Rome\n55555,41,Oslo\n12345,22,Rome\n');
  const t = await loadDataset({ name: 'tabular', path: p, columnTypes: { zip: 'categorical' }, missing: ['NA'], dropMissingRows: true, testSize: 1 });
  const cols = t.table!.columns;
  assert.deepEqual(cols.map((c) => `${c.name}:${c.type}`), ['zip:categorical', 'age:numeric', 'city:categorical']);
  assert.equal(cols[1].missing, 1);
  assert.deepEqual(t.standardization!.columns, ['age']);
  assert.equal(t.train.size + t.test.size, 3); // the NA row is dropped
  const inferred = await loadDataset({ name: 'tabular', path: p, missing: ['NA'], dropMissingRows: true, testSize: 1 });
  assert.equal(inferred.table!.columns[0].type, 'numeric');
  await assert.rejects(loadDataset({ name: 'tabular', path: p, columnTypes: { city: 'numeric' } }),
    (e: Error) => e.message.startsWith(`${p}: line 2, column 'city' is declared numeric but holds "Oslo"`));
  await assert.rejects(loadDataset({ name: 'tabular', path: p, columnTypes: { town: 'numeric' } }), /declared column type for 'town', but the header has no such column/);
  const ragged = file('r.csv', 'a,b\n1,2\n3\n');
  await assert.rejects(loadDataset({ name: 'tabular', path: ragged }), (e: Error) => e.message.startsWith(`${ragged}: row 2 (line 3) has 1 fields, the header has 2`));
  await assert.rejects(loadDataset({ name: 'tabular', path: p, blockSize: 3 }), /Dataset 'tabular' does not take the option 'blockSize'; its options are: path, columnTypes, missing/);
});
