// Tests for the HTML run report (src/io/report.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCharts, renderReport, toBase64, type RunReport } from '../../src/io/report.js';
import { imageGrid } from '../../src/io/png.js';
import { encodePng } from '../../src/node/png-codec.js';

test('toBase64 matches Node Buffer', () => {
  for (const n of [0, 1, 2, 3, 4, 5, 255, 256]) {
    const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
    assert.equal(toBase64(b), Buffer.from(b).toString('base64'));
  }
});

test('renderReport: sections, charts, images, escaped config', () => {
  const png = encodePng(imageGrid(new Float32Array([0, 1, 1, 0]), 1, 2, 2, 1));
  const r: RunReport = {
    title: 'WGAN-GP <tiny> run',
    modelId: 'wgan-gp',
    engine: { backend: 'cpu', requested: 'auto', tfjsVersion: '4.22.0', patched: true },
    timing: { wallTimeSec: 12.5, steps: 250 },
    metrics: { fid: 12.345678, modeCoverage: 8, bad: NaN },
    log: [
      { step: 0, 'loss/d': 1, 'loss/g': 2, gp: 0.1 },
      { step: 10, 'loss/d': 0.8, 'loss/g': NaN, gp: 0.05 },
      { step: 20, 'loss/d': 0.5, 'loss/g': 1.2, gp: 0.02 },
    ],
    images: [{ name: 'samples', png }, { name: 'pre-encoded', png: Buffer.from(png).toString('base64') }],
    config: { lr: 1e-4, note: '<script>alert(1)</script>', nested: { beta: [0.5, 0.9] } },
    command: ['genlab', 'train', 'wgan-gp', '--set', 'note=a b'],
  };
  const html = renderReport(r);
  assert.ok(html.startsWith('<!DOCTYPE html>'));
  assert.ok(html.includes('<title>WGAN-GP &lt;tiny&gt; run</title>'));
  assert.ok(html.includes('wgan-gp'));
  assert.ok(html.includes('engine.backend') && html.includes('4.22.0'));
  assert.ok(html.includes('steps/s') && html.includes('>20<'));
  assert.ok(html.includes('12.3457') && html.includes('NaN'));
  assert.equal((html.match(/<svg/g) ?? []).length, 2); // 'loss' group + 'gp'
  assert.ok(html.includes(`data:image/png;base64,${Buffer.from(png).toString('base64')}`));
  assert.equal((html.match(/data:image\/png;base64,/g) ?? []).length, 2);
  assert.ok(html.includes('&quot;lr&quot;: 0.0001'));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes('<script'));
  assert.ok(html.includes("genlab train wgan-gp --set &#39;note=a b&#39;"));
  assert.ok(!/src="http|href="http/.test(html));
});

test('renderReport: minimal report and chart grouping', () => {
  const html = renderReport({ title: 't', modelId: 'm' });
  assert.ok(html.includes('<h1>t</h1>') && !html.includes('<svg'));
  assert.deepEqual(defaultCharts([{ step: 0, lossD: 1, lossG: 2, 'acc.real': 1, 'acc.fake': 0, lr: 1 }]), [
    { title: 'loss', keys: ['lossD', 'lossG'] },
    { title: 'acc', keys: ['acc.real', 'acc.fake'] },
    { title: 'lr', keys: ['lr'] },
  ]);
  assert.throws(() => renderReport({ title: 't', modelId: 'm', images: [{ name: 'x', png: '"><script>' }] }), /not base64/);
});

test('renderReport: text samples, resumed step ranges, per-step ms chart title', () => {
  const html = renderReport({
    title: 't',
    modelId: 'gpt',
    timing: { wallTimeSec: 10, steps: 30, firstStep: 31 },
    log: [{ step: 31, loss: 2, ms: 40 }, { step: 32, loss: 1.9, ms: 38 }],
    texts: [{ name: 'samples.txt', text: 'ROMEO:\n<b>soft</b> & light', caption: '4 samples' }],
  });
  assert.ok(html.includes('<h2>Text samples</h2>'));
  assert.ok(html.includes('<pre class="sample">ROMEO:\n&lt;b&gt;soft&lt;/b&gt; &amp; light</pre><figcaption>4 samples</figcaption>'));
  assert.ok(html.includes('<td>30 (steps 31–60, resumed)</td>'));
  assert.ok(html.includes('<td>3</td>'), 'steps/s counts this run\'s 30 steps');
  assert.match(html, />ms per step</);
  assert.ok(!renderReport({ title: 't', modelId: 'm', timing: { wallTimeSec: 1, steps: 5 } }).includes('resumed'));
});
