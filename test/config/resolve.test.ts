// Strict config resolution: defaults → preset → file → dotted overrides, with errors that name keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getSpec, resolveModelConfig } from '../../src/registry.js';
import { ConfigError } from '../../src/config/resolve.js';
import { leafPaths } from '../../src/config/schema-walk.js';

const vae = getSpec('vae');

test('defaults, preset, file and overrides apply in that order', () => {
  const def = resolveModelConfig(vae) as any;
  assert.equal(def.model.latentDim, 32);
  assert.equal(def.train.optimizer, 'adam');
  const tiny = resolveModelConfig(vae, { preset: 'tiny' }) as any;
  assert.equal(tiny.model.latentDim, 4);
  assert.equal(tiny.model.decoder, 'bernoulli', 'keys the preset leaves alone keep their defaults');
  const c = resolveModelConfig(vae, {
    preset: 'tiny',
    file: { model: { latentDim: 8 }, train: { lr: 0.01 } },
    overrides: ['model.latentDim=16', 'model.hidden=64,32', 'train.lrSchedule=cosine', 'seed=5'],
  }) as any;
  assert.equal(c.model.latentDim, 16);
  assert.deepEqual(c.model.hidden, [64, 32]);
  assert.equal(c.train.lr, 0.01);
  assert.equal(c.train.lrSchedule, 'cosine');
  assert.equal(c.seed, 5);
});

test('an unknown override key names the key and lists the valid ones', () => {
  assert.throws(
    () => resolveModelConfig(vae, { overrides: ['model.latentDm=16'] }),
    (e: Error) => e instanceof ConfigError && /model\.latentDm/.test(e.message) && /latentDim/.test(e.message) && /hidden/.test(e.message),
  );
  assert.throws(() => resolveModelConfig(vae, { overrides: ['trian.lr=1'] }), /Valid keys there: seed, model, data, train/);
});

test('an unknown key in a config file is an error listing the valid keys', () => {
  assert.throws(
    () => resolveModelConfig(vae, { file: { train: { learningRate: 1 } } }),
    (e: Error) => /'train\.learningRate'/.test(e.message) && /Valid keys in 'train':.*lr/.test(e.message),
  );
});

test('wrong types are errors that name the key', () => {
  assert.throws(() => resolveModelConfig(vae, { overrides: ['train.lr=fast'] }), /'train\.lr' expects a number, got "fast"/);
  assert.throws(() => resolveModelConfig(vae, { overrides: ['model.decoder=poisson'] }), /'model\.decoder' must be one of bernoulli, gaussian/);
  assert.throws(() => resolveModelConfig(vae, { file: { model: { latentDim: 'big' } } }), /'model\.latentDim'/);
  assert.throws(() => resolveModelConfig(vae, { overrides: ['model.latentDim=2.5'] }), /'model\.latentDim'/);
  assert.throws(() => resolveModelConfig(vae, { overrides: ['model=3'] }), /is a section/);
  assert.throws(() => resolveModelConfig(vae, { overrides: ['latentDim'] }), /key\.path=value/);
});

test('an unknown preset lists the presets', () => {
  assert.throws(() => resolveModelConfig(vae, { preset: 'huge' }), /Presets: tiny, /);
});

test('leaf paths enumerate every key (for CLI help and the studio)', () => {
  const paths = leafPaths(vae.schema);
  for (const p of ['seed', 'model.latentDim', 'data.name', 'train.steps', 'train.ema']) assert.ok(paths.includes(p), p);
});
