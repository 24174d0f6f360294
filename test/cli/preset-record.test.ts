// genlab.json records the preset a run's config came from (named, or chosen by the data kind), a resumed
// run keeps it, and `genlab info` shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainRun } from '../../src/node/train-run.js';
import { tempDir } from '../helpers/tmp.js';
import { latestMeta } from '../helpers/run-files.js';
import { genlab } from '../helpers/spawn-cli.js';

test('the chosen preset is saved, kept on resume and shown by info', async () => {
  const dir = tempDir();
  (await trainRun({ modelId: 'wgan-gp', overrides: ['train.steps=1', 'data.trainSize=256', 'train.batchSize=32'], out: dir, backend: 'cpu', skipArtifacts: true })).session.dispose();
  assert.deepEqual(latestMeta(dir).preset, { name: 'toy', by: 'data-kind', kind: 'vector' });
  (await trainRun({ checkpoint: dir, overrides: ['train.steps=2'], backend: 'cpu', skipArtifacts: true })).session.dispose();
  assert.equal(latestMeta(dir).step, 2);
  assert.deepEqual(latestMeta(dir).preset, { name: 'toy', by: 'data-kind', kind: 'vector' });
  const named = tempDir();
  (await trainRun({ modelId: 'vae', preset: 'tiny', overrides: ['train.steps=1'], out: named, backend: 'cpu', skipArtifacts: true })).session.dispose();
  assert.deepEqual(latestMeta(named).preset, { name: 'tiny', by: 'name' });
  const info = genlab('info', dir);
  assert.equal(info.code, 0, info.err);
  assert.match(info.out, /^preset {4}toy \(chosen for vector data\)$/m);
});
