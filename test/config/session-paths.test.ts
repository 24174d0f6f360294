// The three ways a run gets its config — fresh, --resume DIR, --init DIR — go through one resolver,
// so a bad file, preset or key fails with the same message on each; resume keeps the saved config.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { trainRun } from '../../src/node/train-run.js';
import { resolveSessionConfig, type SessionSource } from '../../src/node/session.js';
import { ConfigError } from '../../src/config/resolve.js';

let dir = '';
let run = '';
const files: Record<string, string> = {};

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'genlab-config-'));
  run = path.join(dir, 'run');
  // a real 2-step run of the tiny VAE with a non-default latent size and learning rate
  const r = await trainRun({ modelId: 'vae', preset: 'tiny', overrides: ['train.steps=2', 'model.latentDim=3', 'train.lr=0.005'], out: run, skipArtifacts: true, backend: 'cpu' });
  r.session.dispose();
  for (const [name, text] of Object.entries({ array: '[1, 2]', number: '3', object: '{"train": {"batchSize": 8}}' })) {
    files[name] = path.join(dir, `${name}.json`);
    await writeFile(files[name], text);
  }
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const paths: Record<string, () => SessionSource> = {
  fresh: () => ({ modelId: 'vae' }),
  resume: () => ({ checkpoint: run }),
  init: () => ({ init: run }),
};

async function message(src: SessionSource): Promise<string> {
  try {
    await resolveSessionConfig(src);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${(e as Error).name}: ${(e as Error).message}`);
    return e.message;
  }
  assert.fail('expected the config to be rejected');
}

test('a config file holding an array or a number: one error on every path', async () => {
  for (const kind of ['array', 'number'] as const) {
    const expected = `Config file ${files[kind]} must hold a JSON object such as {"train": {"steps": 100}}; it holds ${kind === 'array' ? 'an array' : 'a number'}.`;
    for (const [name, src] of Object.entries(paths)) {
      assert.equal(await message({ ...src(), configFile: files[kind] }), expected, `${name} path, ${kind} file`);
    }
  }
});

test('an unknown preset: one error listing the presets on every path', async () => {
  const expected = 'Model "vae" has no preset "huge". Presets: tiny, quickstart, nll, conv, vector, defaults.';
  for (const [name, src] of Object.entries(paths)) assert.equal(await message({ ...src(), preset: 'huge' }), expected, name);
  assert.match(await message({ modelId: 'vae', preset: 'constructor' }), /has no preset "constructor"/, 'inherited object keys are not presets');
});

test('an unknown dotted key: one error naming it on every path', async () => {
  const expected = "Unknown config key 'model.latentDm': 'latentDm' is not valid at model. Valid keys there: arch, hidden, latentDim, decoder, decoderStd, beta, capacity, capacitySteps, gamma.";
  for (const [name, src] of Object.entries(paths)) assert.equal(await message({ ...src(), overrides: ['model.latentDm=3'] }), expected, name);
});

test('resume keeps the saved config; file and overrides go on top', async () => {
  const { config, meta } = await resolveSessionConfig({ checkpoint: run, configFile: files.object, overrides: ['train.steps=5'] });
  const c = config as any;
  assert.equal(meta?.step, 2);
  assert.equal(c.model.latentDim, 3, 'saved override kept');
  assert.equal(c.train.lr, 0.005, 'saved override kept');
  assert.deepEqual(c.model.hidden, [32], 'saved preset kept (the default is [512, 256])');
  assert.equal(c.data.trainSize, 256, 'saved preset kept');
  assert.equal(c.train.batchSize, 8, 'file on top');
  assert.equal(c.train.steps, 5, 'override on top');
  // the saved config is a base layer: a preset named on resume applies above it
  const withPreset = (await resolveSessionConfig({ checkpoint: run, preset: 'quickstart' })).config as any;
  assert.equal(withPreset.model.latentDim, 20);
  assert.equal(withPreset.data.trainSize, 256, 'keys the preset leaves alone stay as saved');
});

test('init inherits the model section only; the rest starts from the defaults', async () => {
  const { config, meta, initMeta } = await resolveSessionConfig({ init: run, overrides: ['train.steps=4'] });
  const c = config as any;
  assert.equal(meta, null);
  assert.equal(initMeta?.modelId, 'vae');
  assert.equal(c.model.latentDim, 3);
  assert.deepEqual(c.model.hidden, [32]);
  assert.equal(c.train.lr, 1e-3, 'train section not inherited');
  assert.equal(c.data.trainSize, undefined, 'data section not inherited');
  assert.equal(c.train.steps, 4);
});
