// Recipes own their config sections: the registry composes each recipe's schema (with the entry's
// defaults) into the entry's schema, so presets and overrides of recipe keys are validated like any other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_SPECS, composeEntry, getSpec, resolveModelConfig } from '../../src/registry.js';
import { objectKeys } from '../../src/config/schema-walk.js';
import { RECIPES } from '../../src/train/recipes/index.js';
import { GAN_SPECS } from '../../src/models/gan/spec.js';
import { Rng } from '../../src/random/rng.js';

test('every preset of every registry entry resolves', () => {
  let n = 0;
  for (const spec of MODEL_SPECS) {
    for (const preset of Object.keys(spec.presets)) {
      assert.doesNotThrow(() => resolveModelConfig(spec, { preset }), `${spec.id}:${preset}`);
      n++;
    }
  }
  assert.ok(n >= 40, `${n} presets`);
});

test("a recipe's section joins the schema of exactly the entries that use the recipe", () => {
  for (const spec of MODEL_SPECS) {
    const section = RECIPES[spec.recipe].section;
    const keys = objectKeys(spec.schema)!;
    assert.deepEqual(keys.slice(0, 4), ['seed', 'model', 'data', 'train'], spec.id);
    assert.deepEqual(keys.slice(4), section ? [section.key] : [], spec.id);
  }
});

test("an entry's recipeDefaults become the section's defaults; presets and overrides go on top", () => {
  const wgan = resolveModelConfig(getSpec('wgan')) as any;
  assert.deepEqual(wgan.adversarial, { loss: 'wasserstein', nCritic: 5, gpWeight: 0, clipValue: 0.01, featureMatching: false, labelSmoothing: 0 });
  const gan = resolveModelConfig(getSpec('gan'), { preset: 'ttur', overrides: ['adversarial.nCritic=2'] }) as any;
  assert.deepEqual(gan.adversarial, { loss: 'non-saturating', nCritic: 2, gpWeight: 0, clipValue: 0, featureMatching: false, labelSmoothing: 0, lrD: 2e-3, lrG: 5e-4 });
  assert.equal((resolveModelConfig(getSpec('ebm'), { preset: 'tiny' }) as any).cd.bufferSize, 64);
});

test('bad recipe keys name themselves, in an entry and in a preset', () => {
  const bad = { ...GAN_SPECS[0], id: 'gan-bad', recipeDefaults: { nCritics: 5 } };
  assert.throws(() => composeEntry(bad), /Unknown config key 'adversarial\.nCritics'.*nCritic/);
  const badPreset = composeEntry({ ...GAN_SPECS[0], presets: { ...GAN_SPECS[0].presets, typo: { adversarial: { los: 'hinge' } } } });
  assert.throws(() => resolveModelConfig(badPreset, { preset: 'typo' }), /Unknown config key 'adversarial\.los'/);
  assert.throws(() => composeEntry({ ...getSpec('vae'), recipeDefaults: { x: 1 } }), /recipe "likelihood" has no config section/);
});

test("a config without the recipe's section is refused, not silently given the plain defaults", () => {
  const spec = getSpec('wgan');
  const config = resolveModelConfig(spec, { preset: 'tiny' }) as any;
  const { adversarial: _, ...withoutSection } = config;
  const model = spec.create(config, new Rng(1), { kind: 'vector', shape: [2] });
  try {
    assert.throws(() => RECIPES.adversarial.build(model, withoutSection, new Rng(2)), /`adversarial` section, which is missing/);
  } finally {
    model.dispose();
  }
});
