// The diffusion CLI end to end on tiny presets: sample with --sampler/--steps/--label/--guidance (rescale, interval),
// inpaint with a mask PNG, upscale a 14×14 PNG, and the EBM energy landscape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { writePng } from '../../src/node/png-codec.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
function genlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'wasm' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function grey(w: number, h: number, f: (x: number, y: number) => number) {
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const v = Math.round(255 * f(x, y));
    rgba.set([v, v, v, 255], 4 * (y * w + x));
  }
  return { width: w, height: h, rgba };
}

test('ddpm-cond: train → sample --sampler ddim --steps --label --guidance → inpaint', async () => {
  const dir = tempDir();
  const t = genlab('train', 'ddpm-cond', '--preset', 'tiny', '--steps', '2', '--out', dir);
  assert.equal(t.code, 0, t.err);
  const out = path.join(dir, 'guided.png');
  const s = genlab('sample', dir, '-n', '4', '--sampler', 'ddim', '--steps', '2', '--label', '3', '--guidance', '3', '-o', out);
  assert.equal(s.code, 0, s.err);
  assert.ok(existsSync(out));
  const tuned = genlab('sample', dir, '-n', '2', '--steps', '2', '--label', '1', '--guidance', '2', '--guidance-rescale', '0.7', '--guidance-interval', '0.2,0.9', '-o', out);
  assert.equal(tuned.code, 0, tuned.err);
  assert.match(genlab('sample', dir, '--label', '1', '--guidance-interval', '0.9,0.2').err, /--guidance-interval takes LO,HI with 0 ≤ LO ≤ HI ≤ 1/);
  assert.match(genlab('sample', dir, '--label', '1', '--guidance-rescale', '2').err, /--guidance-rescale must lie in \[0, 1\]/);
  const bad = genlab('sample', dir, '--sampler', 'euler');
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /--sampler "euler" is not one of this model.s samplers: ddpm, ddim, dpm-solver\+\+\./);
  const input = path.join(dir, 'in.png');
  const mask = path.join(dir, 'mask.png');
  await writePng(input, grey(28, 28, (x, y) => ((x - 14) ** 2 + (y - 14) ** 2 < 50 ? 1 : 0)));
  await writePng(mask, grey(28, 28, (x, y) => (x >= 7 && x < 21 && y >= 7 && y < 21 ? 1 : 0)));
  const ip = genlab('inpaint', dir, '--input', input, '--mask', mask, '-n', '2', '--steps', '2', '--resample', '2', '--label', '0');
  assert.equal(ip.code, 0, ip.err);
  assert.ok(existsSync(path.join(dir, 'inpaint.png')));
  const wrong = genlab('inpaint', dir, '--input', mask.replace('mask', 'nope'), '--mask', mask);
  assert.match(wrong.err, /PNG file not found/);
});

test('ddpm-sr: upscale a 14×14 PNG; ebm: sample --energy writes the landscape', async () => {
  const dir = tempDir();
  assert.equal(genlab('train', 'ddpm-sr', '--preset', 'tiny', '--steps', '2', '--out', dir).code, 0);
  const low = path.join(dir, 'low.png');
  await writePng(low, grey(14, 14, (x) => x / 13));
  const up = genlab('upscale', dir, '--input', low, '-n', '2', '--steps', '2');
  assert.equal(up.code, 0, up.err);
  assert.ok(existsSync(path.join(dir, 'upscale.png')));
  const e = tempDir();
  assert.equal(genlab('train', 'ebm', '--preset', 'tiny', '--steps', '3', '--out', e).code, 0);
  const s = genlab('sample', e, '--energy', '-n', '16');
  assert.equal(s.code, 0, s.err);
  assert.ok(existsSync(path.join(e, 'energy.png')));
});
