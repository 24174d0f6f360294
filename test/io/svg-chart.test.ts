// Tests for the SVG line chart (src/io/svg-chart.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeXml, lineChartSvg, niceTicks } from '../../src/io/svg-chart.js';

test('lineChartSvg: axes, legend, series names, escaping', () => {
  const svg = lineChartSvg(
    [
      { name: 'loss_d', points: [[0, 1], [1, 0.5], [2, 0.25]] },
      { name: 'loss<g>', points: [[0, 2], [1, 1.5], [2, 1]] },
    ],
    { title: 'GAN & losses', xLabel: 'step', yLabel: 'loss', width: 500, height: 300 },
  );
  assert.ok(svg.startsWith('<svg'));
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.match(svg, /width="500" height="300"/);
  assert.ok(svg.includes('loss_d'));
  assert.ok(svg.includes('loss&lt;g&gt;'));
  assert.ok(!svg.includes('loss<g>'));
  assert.ok(svg.includes('GAN &amp; losses'));
  assert.equal((svg.match(/<polyline/g) ?? []).length, 2);
  assert.ok(!/NaN|Infinity/.test(svg));
});

test('lineChartSvg: NaN/Inf skipped (line broken), single points, empty and logY', () => {
  const svg = lineChartSvg([{ name: 'a', points: [[0, 1], [1, 2], [2, NaN], [3, Infinity], [4, 3], [5, 4]] }, { name: 'one', points: [[2, 5]] }]);
  assert.equal((svg.match(/<polyline/g) ?? []).length, 2);
  assert.equal((svg.match(/<circle/g) ?? []).length, 1);
  assert.ok(!/NaN|Infinity/.test(svg));

  const single = lineChartSvg([{ name: 's', points: [[7, 7]] }]);
  assert.ok(single.includes('<circle') && !/NaN|Infinity/.test(single));

  const empty = lineChartSvg([{ name: 'e', points: [[NaN, NaN]] }], { title: 'empty' });
  assert.ok(empty.includes('no finite data') && !/NaN|Infinity/.test(empty));
  assert.ok(lineChartSvg([]).startsWith('<svg'));

  const log = lineChartSvg([{ name: 'l', points: [[0, 100], [1, 1], [2, 0.01], [3, 0], [4, -1]] }], { logY: true });
  assert.ok(log.includes('>100<') && log.includes('>0.01<'));
  assert.ok(!/NaN|Infinity/.test(log));
});

test('niceTicks and escapeXml', () => {
  assert.deepEqual(niceTicks(0, 10, 6).ticks, [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(niceTicks(0.13, 0.87, 5).ticks, [0, 0.2, 0.4, 0.6, 0.8, 1]);
  const flat = niceTicks(3, 3);
  assert.ok(flat.lo < 3 && flat.hi > 3);
  assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
