// Defaults that work (issue 19, item 11): a fresh run that names no preset gets its model's recipe for
// the kind of its dataset — the README's table, kept equal to the registry here — and nothing else moves.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MODEL_SPECS, composeEntry, getSpec, presetForDataKind, resolveModelConfig } from '../../src/registry.js';
import { resolveSessionConfig } from '../../src/node/session.js';
import { DATASETS } from '../../src/node/datasets.js';
import { trainRun } from '../../src/node/train-run.js';
import { modeConfig } from '../../src/experiments/mode-sweep.js';
import { scoreSpec } from '../../src/models/score/spec.js';
import type { DataInfo, ModelSpec } from '../../src/models/types.js';
import type { DataKind } from '../../src/data/types.js';
import { Rng } from '../../src/random/rng.js';
import { tf } from '../../src/engine/tf.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';

before(() => useBackend('cpu'));

const ROOT = path.join(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'test', 'helpers', 'cli.ts');
function genlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'cpu' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The README's "Default preset by data kind" table: model id → kind → cell ('defaults', a preset, or '—'). */
function readmeTable(): { kinds: string[]; rows: Map<string, Record<string, string>> } {
  const text = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = text.indexOf('#### Default preset by data kind');
  assert.ok(start >= 0, 'README has the section "Default preset by data kind"');
  const lines = text.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('| model |'));
  const cells = (l: string) => l.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''));
  const kinds = cells(lines[first]).slice(1);
  const rows = new Map<string, Record<string, string>>();
  for (const l of lines.slice(first + 2)) {
    if (!l.startsWith('|')) break;
    const [id, ...rest] = cells(l);
    rows.set(id, Object.fromEntries(kinds.map((k, i) => [k, rest[i]])));
  }
  return { kinds, rows };
}

const table = readmeTable();

/** A dataset of `kind` for `spec`: its own default dataset when that is of the kind, else the table's first. */
function datasetFor(spec: ModelSpec, kind: DataKind): string | undefined {
  const own = resolveModelConfig(spec).data.name;
  if (DATASETS.find((d) => d.name === own)?.kind === kind) return own;
  return DATASETS.find((d) => d.kind === kind)?.name;
}

test('the README table of default presets is the registry: every model, every kind it trains on', () => {
  const kindsUsed = new Set(MODEL_SPECS.flatMap((s) => s.capabilities.data));
  assert.deepEqual([...kindsUsed].filter((k) => !table.kinds.includes(k)), [], 'a column per data kind any model trains on');
  assert.deepEqual([...table.rows.keys()].sort(), MODEL_SPECS.map((s) => s.id).sort(), 'a row per registered model');
  for (const spec of MODEL_SPECS) {
    const expected = Object.fromEntries(table.kinds.map((k) => [k, spec.capabilities.data.includes(k as DataKind) ? (presetForDataKind(spec, k as DataKind) ?? 'defaults') : '—']));
    assert.deepEqual(table.rows.get(spec.id), expected, `README row of ${spec.id}`);
  }
});

test('`genlab train MODEL` with no preset gets the README preset on each kind it trains on', async () => {
  let checked = 0;
  for (const spec of MODEL_SPECS) {
    for (const kind of spec.capabilities.data) {
      const cell = table.rows.get(spec.id)![kind];
      const name = datasetFor(spec, kind);
      if (!name) {
        // no dataset of this kind in the table yet (table): the registry's lookup with that kind
        const config = resolveModelConfig(spec, { dataKind: () => kind });
        assert.deepEqual(config, resolveModelConfig(spec, { preset: cell }), `${spec.id} on ${kind} data`);
        continue;
      }
      const overrides = [`data.name=${name}`];
      const got = await resolveSessionConfig({ modelId: spec.id, overrides });
      assert.deepEqual(got.config, resolveModelConfig(spec, { preset: cell, overrides }), `${spec.id} on ${name} (${kind}) is --preset ${cell}`);
      assert.deepEqual(got.preset, cell === 'defaults' ? undefined : { name: cell, by: 'data-kind', kind }, `${spec.id} on ${name}: the preset it reports`);
      checked++;
    }
  }
  assert.ok(checked >= 20, `${checked} (model, kind) pairs`);
});

test('wgan-gp: its default on the grid is the toy recipe, on images the DCGAN networks; --print-config says which', () => {
  const r = genlab('train', 'wgan-gp', '--print-config');
  assert.equal(r.code, 0, r.err);
  const printed = JSON.parse(r.out) as any;
  const spec = getSpec('wgan-gp');
  assert.deepEqual([printed.model.init, printed.model.gHidden, printed.adversarial.gpWeight, printed.train.steps], ['he', [512, 512, 512], 0.1, 30000]);
  assert.deepEqual(printed, resolveModelConfig(spec, { preset: 'toy' }));
  assert.match(r.err, /wgan-gp on grid-25 \(vector data\) uses the preset "toy"/);
  const img = genlab('train', 'wgan-gp', '--dataset', 'mnist', '--print-config');
  assert.equal(img.code, 0, img.err);
  const c = JSON.parse(img.out);
  assert.deepEqual([c.model.arch, c.model.latentDim, c.model.gNorm, c.model.dNorm, c.train.batchSize, c.adversarial.gpWeight, c.train.lr], ['dcgan', 64, 'batch', 'none', 64, 10, 1e-4]);
  assert.match(img.err, /uses the preset "images"/);
  // a named preset prints no note and wins
  const tiny = genlab('train', 'wgan-gp', '--preset', 'tiny', '--print-config');
  assert.equal(tiny.err, '');
  assert.deepEqual(JSON.parse(tiny.out).model.gHidden, [16, 16]);
});

test('the help of `genlab train MODEL` lists the preset of each kind it trains on', () => {
  const r = genlab('train', 'ebm', '--help');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\n  vector    --preset toy\n  image     --preset mnist\n/);
  assert.match(genlab('train', 'ddpm', '--help').out, /\n  image     the defaults above\n/);
});

test('across entries: gan on images is the dcgan recipe, dcgan and cgan on vectors the plain GAN toy recipe', () => {
  const section = (id: string, preset: string | undefined, data: string) => {
    const c = resolveModelConfig(getSpec(id), { preset, overrides: [`data.name=${data}`] }) as any;
    return { model: c.model, train: c.train, adversarial: c.adversarial };
  };
  assert.deepEqual(section('gan', 'images', 'mnist'), section('dcgan', undefined, 'mnist'));
  const withoutConvWidths = (s: any) => ({ ...s, model: { ...s.model, gFilters: 0, dFilters: 0 } }); // unused by an MLP
  for (const id of ['dcgan', 'cgan']) assert.deepEqual(withoutConvWidths(section(id, 'toy', 'grid-25')), withoutConvWidths(section('gan', undefined, 'grid-25')), id);
});

test('an explicit preset, a config file and --set win; --preset defaults gives the schema defaults alone', async () => {
  const spec = getSpec('wgan-gp');
  const named = await resolveSessionConfig({ modelId: 'wgan-gp', preset: 'tiny' });
  assert.deepEqual(named.config, resolveModelConfig(spec, { preset: 'tiny' }));
  assert.deepEqual(named.preset, { name: 'tiny', by: 'name' });
  const plain = await resolveSessionConfig({ modelId: 'wgan-gp', preset: 'defaults' });
  assert.deepEqual([(plain.config.model as any).gHidden, (plain.config as any).adversarial.gpWeight, plain.config.train.lr], [[128, 128, 128], 10, 1e-4]);
  const file = path.join(tempDir(), 'c.json');
  writeFileSync(file, JSON.stringify({ model: { gHidden: [64] } }));
  const filed = await resolveSessionConfig({ modelId: 'wgan-gp', configFile: file, overrides: ['train.lr=5e-4'] });
  // the kind's preset sits under the file and the overrides: their keys win, the rest is the toy recipe
  assert.deepEqual([(filed.config.model as any).gHidden, filed.config.train.lr, (filed.config as any).adversarial.gpWeight, (filed.config.model as any).init], [[64], 5e-4, 0.1, 'he']);
  assert.equal(filed.preset?.name, 'toy');
  // an unknown dataset name gets no kind preset: the loader names it later
  assert.equal((await resolveSessionConfig({ modelId: 'wgan-gp', overrides: ['data.name=nope'] })).preset, undefined);
});

test('--resume and --init keep the saved config: no preset is chosen by the data kind', async () => {
  const dir = path.join(tempDir(), 'run');
  const run = await trainRun({ modelId: 'wgan-gp', preset: 'tiny', overrides: ['train.steps=2'], out: dir, skipArtifacts: true, backend: 'cpu' });
  const saved = run.session.config;
  run.session.dispose();
  const resumed = await resolveSessionConfig({ checkpoint: dir, overrides: ['train.steps=4'] });
  assert.deepEqual(resumed.config, { ...saved, train: { ...saved.train, steps: 4 } });
  assert.equal(resumed.preset, undefined);
  const init = await resolveSessionConfig({ init: dir });
  assert.deepEqual((init.config.model as any).gHidden, [16, 16], 'the parent model section, not the toy preset');
  assert.equal(init.preset, undefined);
});

test('the mode benchmark resolves an entry without a preset as genlab train does', () => {
  assert.deepEqual(modeConfig('wgan-gp', 'grid', 2), modeConfig('wgan-gp:toy', 'grid', 2));
  assert.equal((modeConfig('wgan-gp:defaults', 'grid', 2) as any).adversarial.gpWeight, 10);
  assert.deepEqual(modeConfig('gan', 'ring', 1), resolveModelConfig(getSpec('gan'), { overrides: ['data.name=ring-8', 'seed=1'] }));
});

test('every default config builds its model on its kind (no preset left unbuildable)', () => {
  const info: Record<DataKind, DataInfo> = {
    image: { kind: 'image', shape: [28, 28, 1], numClasses: 10 },
    vector: { kind: 'vector', shape: [2], numClasses: 8 },
    table: { kind: 'table', shape: [4] },
    text: { kind: 'text', shape: [64], vocabSize: 65 },
    audio: { kind: 'audio', shape: [16000, 1] },
    sequence: { kind: 'sequence', shape: [20] },
  };
  const before = tf.memory().numTensors;
  for (const spec of MODEL_SPECS) {
    for (const kind of spec.capabilities.data) {
      if (kind === 'table') continue; // no table-kind dataset yet; its preset is the vector one (checked above)
      const name = datasetFor(spec, kind)!;
      const config = resolveModelConfig(spec, { overrides: [`data.name=${name}`], dataKind: (n) => DATASETS.find((d) => d.name === n)?.kind });
      const data = kind === 'text' ? { ...info.text, shape: [config.data.blockSize!] } : info[kind];
      const model = spec.create(config, new Rng(1), data);
      assert.ok(Object.keys(model.networks).length > 0, `${spec.id} on ${kind}`);
      model.dispose();
    }
  }
  assert.equal(tf.memory().numTensors, before);
});

test('the registry refuses a kind preset that names a missing preset or a kind the model does not train on', () => {
  assert.throws(() => composeEntry({ ...scoreSpec, presetByDataKind: { vector: 'nope' } }), /presetByDataKind\.vector names "nope", which is not one of its presets \(tiny\)/);
  assert.throws(() => composeEntry({ ...scoreSpec, presetByDataKind: { image: 'tiny' } }), /names a preset for image data, which it does not train on \(vector\)/);
  assert.throws(() => composeEntry({ ...scoreSpec, presets: { ...scoreSpec.presets, defaults: {} } }), /"defaults" is reserved/);
});
