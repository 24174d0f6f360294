import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDatetimeFormat, detectIsoFormat } from '../../../src/data/tabular/datetime-format.js';

test('ISO detection names the pattern each cell was written in', () => {
  assert.deepEqual(
    ['2021-03-04', '2021-03-04 05:06', '2021-03-04T05:06:07', '2021-03-04T05:06:07.5Z', '2021-03-04 05:06:07.123', '2021-03-04T05:06Z', '2021-3-4', '2021-03-04T05', '2021-03-04+01:00', '20210304'].map(detectIsoFormat),
    ['yyyy-MM-dd', 'yyyy-MM-dd HH:mm', "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.S'Z'", 'yyyy-MM-dd HH:mm:ss.SSS', "yyyy-MM-dd'T'HH:mm'Z'", undefined, undefined, undefined, undefined],
  );
});

test('parse gives UTC milliseconds (Date.UTC / ISO parsing as the reference) and format writes the same text', () => {
  const f = compileDatetimeFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
  const cases: [string, number][] = [
    ['1970-01-01T00:00:00.000Z', 0],
    ['2000-02-29T12:34:56.789Z', Date.UTC(2000, 1, 29, 12, 34, 56, 789)],
    ['1969-12-31T23:59:59.999Z', -1],
    ['0050-06-15T00:00:00.000Z', new Date('0050-06-15T00:00:00.000Z').getTime()], // not 1950 (Date.UTC's two-digit years)
    ['9999-12-31T23:59:59.000Z', Date.UTC(9999, 11, 31, 23, 59, 59)],
  ];
  for (const [text, ms] of cases) {
    assert.equal(f.parse(text), ms, text);
    assert.equal(f.format(ms), text);
  }
  assert.equal(f.format(0.6), '1970-01-01T00:00:00.001Z'); // sampled values round to the millisecond
});

test('impossible dates and times do not parse', () => {
  const f = compileDatetimeFormat('yyyy-MM-dd HH:mm:ss');
  for (const bad of ['2021-02-29 00:00:00', '2021-04-31 00:00:00', '2021-13-01 00:00:00', '2021-00-10 00:00:00', '2021-01-00 00:00:00', '2021-01-01 24:00:00', '2021-01-01 00:60:00', '2021-01-01 00:00:61', '2021-01-01T00:00:00', ' 2021-01-01 00:00:00']) {
    assert.equal(f.parse(bad), undefined, bad);
  }
});

test('variable-width fields, a one-digit fraction and quoted literals', () => {
  const f = compileDatetimeFormat("d/M/yyyy 'at' H:mm:ss.S");
  assert.equal(f.parse('4/3/2021 at 7:05:09.5'), Date.UTC(2021, 2, 4, 7, 5, 9, 500));
  assert.equal(f.parse('04/03/2021 at 17:05:09.5'), Date.UTC(2021, 2, 4, 17, 5, 9, 500));
  assert.equal(f.format(Date.UTC(2021, 10, 24, 7, 5, 9, 500)), '24/11/2021 at 7:05:09.5');
  assert.equal(compileDatetimeFormat("yyyy''MM").format(Date.UTC(2020, 0, 1)), "2020'01");
});

test('unsupported patterns are refused with the reason', () => {
  assert.throws(() => compileDatetimeFormat('dd MMM yyyy'), { message: 'Datetime format "dd MMM yyyy": MMM is not supported; write MM (two digits) or M.' });
  assert.throws(() => compileDatetimeFormat('yy-MM-dd'), { message: 'Datetime format "yy-MM-dd": the year must be written yyyy (four digits), got yy.' });
  assert.throws(() => compileDatetimeFormat('HH:mm'), { message: 'Datetime format "HH:mm" has no year (yyyy).' });
  assert.throws(() => compileDatetimeFormat("yyyy 'T"), { message: 'Datetime format "yyyy \'T" opens a quoted literal that is never closed.' });
});
