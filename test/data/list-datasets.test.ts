// `genlab list --datasets` prints the dataset table (kind, description, options with type/default/description),
// and `genlab train MODEL --data DIR` trains dcgan, the conv VAE and ddpm on a folder of colour PNGs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng, decodePng } from '../../src/node/png-codec.js';
import { DATASET_NAMES } from '../../src/node/datasets.js';
import { dataSpecOf } from '../../src/node/session.js';
import { getSpec, resolveModelConfig } from '../../src/registry.js';
import { tempDir } from '../helpers/tmp.js';
import { latestMeta } from '../helpers/run-files.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
function genlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'wasm' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('list --datasets --json gives every table row with its options; the text form shows the same', () => {
  const r = genlab('list', '--datasets', '--json');
  assert.equal(r.code, 0, r.err);
  const rows = JSON.parse(r.out).datasets as { name: string; kind: string; description: string; options: { name: string; type: string; default?: unknown; description: string }[] }[];
  assert.deepEqual(rows.map((d) => d.name), [...DATASET_NAMES]);
  const images = rows.find((d) => d.name === 'images')!;
  assert.equal(images.kind, 'image');
  assert.deepEqual(images.options.find((o) => o.name === 'testFraction'), {
    name: 'testFraction', type: 'number', default: 0.1, description: 'fraction of the examples held out for test (seeded split)',
  });
  assert.equal(images.options.find((o) => o.name === 'resize')!.type, 'integer | [integer, integer]');
  assert.equal(rows.find((d) => d.name === 'paired-images')!.options.find((o) => o.name === 'direction')!.default, 'AtoB');
  assert.deepEqual(rows.find((d) => d.name === 'mnist')!.options.map((o) => o.name), ['path', 'trainSize', 'testSize', 'testFraction', 'channels', 'resize', 'labels']);
  assert.ok(rows.every((d) => d.description.length > 10 && d.options.every((o) => o.description.length > 5)));
  const text = genlab('list', '--datasets');
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^audio\s+audio\s+a folder of WAV clips/m);
  assert.match(text.out, /^\s+sampleRate: integer = 16000\s+resample every clip/m);
});

test('dataSpecOf passes every set data option to the loader (resize as N or [H, W], column types as a record)', () => {
  const spec = getSpec('dcgan');
  const config = resolveModelConfig(spec, { overrides: ['data.path=/x', 'data.resize=32', 'data.channels=1', 'data.testFraction=0.2', 'data.seed=4'] });
  assert.deepEqual(dataSpecOf(config), { name: 'mnist', path: '/x', resize: 32, channels: 1, testFraction: 0.2, seed: 4 });
  const two = resolveModelConfig(spec, { overrides: ['data.resize=24,32', 'data.columnTypes=zip:categorical,age:numeric', 'data.direction=BtoA'] });
  assert.deepEqual(dataSpecOf(two), { name: 'mnist', resize: [24, 32], columnTypes: { zip: 'categorical', age: 'numeric' }, direction: 'BtoA' });
  assert.throws(() => resolveModelConfig(spec, { overrides: ['data.channels=2'] }), /channels/);
});

test('genlab train dcgan / vae (conv) / ddpm --data DIR train on a folder of colour PNGs and draw colour samples', () => {
  const dir = tempDir();
  for (let i = 0; i < 320; i++) { // the VAE's tiny preset takes 256 train and 64 test images
    const rgba = new Uint8Array(8 * 8 * 4);
    for (let p = 0; p < 64; p++) rgba.set([(i * 10) % 256, p * 4, 255 - p * 4, p % 8 < 4 ? 255 : 0], p * 4);
    writeFileSync(path.join(dir, `e${i}.png`), encodePng({ width: 8, height: 8, rgba }));
  }
  for (const args of [['dcgan'], ['vae', '--set', 'model.arch=conv', '--set', 'data.binarize=none'], ['ddpm']]) {
    const out = path.join(tempDir(), 'run');
    const r = genlab('train', ...args, '--preset', 'tiny', '--steps', '2', '--data', dir, '--set', 'data.testFraction=0.2', '--out', out);
    assert.equal(r.code, 0, `${args[0]}: ${r.err}`);
    const meta = latestMeta(out);
    assert.equal(meta.config.data.name, 'mnist');
    assert.ok(existsSync(path.join(out, 'samples.png')), args[0]);
    const grid = decodePng(readFileSync(path.join(out, 'samples.png')));
    let colour = 0;
    for (let p = 0; p < grid.width * grid.height; p++) if (grid.rgba[4 * p] !== grid.rgba[4 * p + 1] || grid.rgba[4 * p + 1] !== grid.rgba[4 * p + 2]) colour++;
    assert.ok(colour > 0, `${args[0]} samples are RGB`);
  }
});
