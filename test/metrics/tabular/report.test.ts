// The tabular HTML report: self-contained (no scripts, no external URLs), one chart per column, the
// pair heat-map with the pair scores it was given, and the evaluation summary's numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateTabular, renderTabularReport, tabularSummary } from '../../../src/metrics/tabular/index.js';
import { loadCases } from './fixture.js';

test('renderTabularReport: self-contained page with every column charted and the scores shown', () => {
  const c = loadCases()[0];
  const e = evaluateTabular(c.real, c.synthetic, { holdout: c.holdout, target: 'member', positive: 'true', utility: { classifier: { steps: 60, hidden: [8] } } });
  const html = renderTabularReport(e, c.real, c.synthetic);
  assert.ok(html.startsWith('<!DOCTYPE html>') && html.endsWith('</html>'));
  assert.ok(!/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)|<link|<img/i.test(html), 'no scripts, links, images or external URLs');
  assert.equal(html.match(/<figure>/g)?.length, c.schema.length + 3, 'a chart per column, the score heat-map and two |ρ| maps');
  for (const col of c.schema) assert.ok(html.includes(`${col.name} (${col.kind})`), col.name);
  for (const cat of ['blue', 'green', 'zz', 'low', 'high']) assert.ok(html.includes(`>${cat}<`) || html.includes(`${cat}: real`), cat);
  assert.ok(html.includes(`<td class="num">${e.quality.quality.toFixed(4)}</td>`), 'quality in the table');
  assert.ok(html.includes(`<td class="num">${e.privacy!.synthetic.p5.toFixed(4)}</td>`), 'DCR p5 in the table');
  assert.ok(html.includes(`<td class="num">${e.utility!.real.logistic!.f1.toFixed(4)}</td>`), 'F1 in the table');
  // each pair's score sits in the heat-map cell tooltip of both orders
  const p = e.quality.pairs[5];
  assert.ok(html.includes(`${p.column1} × ${p.column2}: ${p.score.toFixed(4)}`) && html.includes(`${p.column2} × ${p.column1}: ${p.score.toFixed(4)}`));
  const sum = tabularSummary(e);
  assert.equal(sum.quality, e.quality.quality);
  assert.equal(sum['privacy.holdout.dcrP5'], e.privacy!.holdout!.p5);
  assert.equal(sum['utility.synthetic.mlp.f1'], e.utility!.synthetic.mlp!.f1);
  assert.throws(() => evaluateTabular(c.real, c.synthetic, { target: 'member', positive: 'true' }), /utility needs a real hold-out/);
});
