// Commands are chosen by capability: every run command × every registry entry is allowed exactly when
// the spec declares what the command needs, refusals name the models that can, and a declared ability's
// methods exist on the spec's tiny model.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_SPECS } from '../../src/registry.js';
import { commandsFor, EVAL_COMMANDS, RUN_COMMANDS } from '../../src/cli/run-commands.js';
import { lacksSentence, modelsThatCan, requireCapability } from '../../src/cli/options.js';
import { NEEDS, type Need } from '../../src/models/types.js';
import { openSession } from '../../src/node/session.js';
import { checkSamplerName, samplerNeeds } from '../../src/cli/commands/diffusion-common.js';
import { useBackend } from '../helpers/engine.js';

// the flags that change what `sample` needs, and each command's needs under them
const FLAG_SETS: Record<string, unknown>[] = [{}, { interpolate: 'lerp' }, { energy: true }, { sampler: 'ddim', steps: '5', eta: '0', label: '1' }];
const commandNeeds = (c: (typeof RUN_COMMANDS)[number]) => [...new Set(FLAG_SETS.flatMap((o) => (typeof c.needs === 'function' ? c.needs(o) : c.needs)))];

test('who can do what: the declared capabilities of the registry (known answers)', () => {
  const expected: Partial<Record<Need, string[]>> = {
    inpaint: ['ddpm', 'ddpm-cond'],
    upscale: ['ddpm-sr'],
    generate: ['gpt'],
    infill: ['gpt-mlm'],
    attention: ['gpt', 'gpt-mlm'],
    energy: ['ebm'],
    topics: ['prodlda'],
    likelihood: ['vae', 'beta-vae'],
    latent: ['vae', 'beta-vae', 'prodlda', 'tvae'],
    classify: ['classifier'],
    translate: [],
    table: ['ctgan', 'tvae', 'copula', 'independent'],
    sampler: ['ddpm-2d', 'ddpm', 'ddpm-cond', 'ddpm-sr', 'ebm'],
    steps: ['ddpm-2d', 'ddpm', 'ddpm-cond', 'ddpm-sr', 'score-2d', 'ebm'],
    eta: ['ddpm-2d', 'ddpm', 'ddpm-cond', 'ddpm-sr'],
  };
  for (const [need, ids] of Object.entries(expected)) assert.deepEqual(modelsThatCan(need as Need), ids, need);
  assert.ok(!modelsThatCan('sample').includes('gpt') && !modelsThatCan('sample').includes('classifier'));
  const spec = (id: string) => MODEL_SPECS.find((s) => s.id === id)!;
  assert.deepEqual(commandsFor(spec('vae')), ['sample', 'traverse', 'eval nll', 'eval anomaly', 'eval mig']);
  assert.deepEqual(commandsFor(spec('ddpm-cond')), ['sample', 'inpaint', 'eval labels']);
  assert.deepEqual(commandsFor(spec('gpt-mlm')), ['infill', 'attention']);
});

test('every command × every spec: allowed iff declared, refused with one message naming the models that can', () => {
  const commands = [...RUN_COMMANDS, ...EVAL_COMMANDS];
  assert.equal(commands.length, 13);
  for (const c of commands) {
    for (const need of commandNeeds(c)) {
      assert.ok(need in NEEDS, `${c.name} needs unknown "${need}"`);
      const can = MODEL_SPECS.filter((s) => NEEDS[need].declared(s.capabilities)).map((s) => s.id);
      for (const spec of MODEL_SPECS) {
        if (can.includes(spec.id)) assert.doesNotThrow(() => requireCapability(spec, need), `${c.name} × ${spec.id}`);
        else {
          const msg = `Model "${spec.id}" cannot ${NEEDS[need].verb}; models that can: ${can.join(', ') || 'none registered'}. ${lacksSentence(spec, need)}`;
          assert.throws(() => requireCapability(spec, need), (e: Error) => e.message === msg, `${c.name} × ${spec.id}`);
        }
      }
    }
  }
  assert.throws(() => requireCapability(MODEL_SPECS.find((s) => s.id === 'vae')!, 'inpaint'), /^Error: Model "vae" cannot inpaint; models that can: ddpm, ddpm-cond\. It has no denoiser that RePaint's steps can steer towards the known pixels\.$/);
});

before(() => useBackend('wasm'));

test('a declared ability is really there: every guard passes on the spec\'s tiny model', async () => {
  const needs = Object.keys(NEEDS) as Need[];
  for (const spec of MODEL_SPECS) {
    const s = await openSession({ modelId: spec.id, preset: 'tiny' });
    try {
      for (const need of needs) {
        const guard = NEEDS[need].guard;
        if (guard && NEEDS[need].declared(spec.capabilities)) assert.ok(guard(s.model), `${spec.id} declares "${need}" but its model lacks the methods`);
      }
    } finally {
      s.dispose();
    }
  }
});

test('sampler flags a model would ignore are refused with the reason; an unknown sampler name lists the real ones', () => {
  const spec = (id: string) => MODEL_SPECS.find((s) => s.id === id)!;
  assert.throws(() => requireCapability(spec('vae'), 'sampler'), {
    message: 'Model "vae" cannot choose a sampler (--sampler); models that can: ddpm-2d, ddpm, ddpm-cond, ddpm-sr, ebm. It draws its samples in one pass, with no iterative sampler to choose.',
  });
  assert.throws(() => requireCapability(spec('ebm'), 'eta'), { message: /^Model "ebm" cannot take DDIM's η \(--eta\); .* Its samplers \(long-run, short-run\) take no η\.$/ });
  assert.throws(() => checkSamplerName(spec('ebm').capabilities, 'ddim'), { message: '--sampler "ddim" is not one of this model\'s samplers: long-run, short-run.' });
  assert.doesNotThrow(() => checkSamplerName(spec('ddpm').capabilities, 'dpm-solver++'));
  assert.deepEqual(samplerNeeds({ sampler: 'ddim', guidance: '2' }), ['sampler', 'conditional']);
  assert.deepEqual(samplerNeeds({}), []);
});
