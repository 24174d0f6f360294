// Every config key of every registered model carries a description (`.describe()` in its schema), the
// text `genlab train MODEL --help` and the studio show; z.toJSONSchema carries it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { MODEL_SPECS, getSpec } from '../../src/registry.js';
import { leafDescriptions } from '../../src/config/schema-walk.js';

test('every leaf key of every registry schema has a non-empty description', () => {
  const missing: string[] = [];
  let checked = 0;
  for (const spec of MODEL_SPECS) {
    for (const { path, description } of leafDescriptions(spec.schema)) {
      if (description && description.trim().length > 0) checked++;
      else missing.push(`${spec.id}: ${path}`);
    }
  }
  assert.deepEqual(missing, [], `keys without a description:\n${missing.join('\n')}`);
  assert.ok(checked > 300, `only ${checked} described keys found`);
});

test('recipe sections are described too, and JSON Schema carries the descriptions', () => {
  const wgan = leafDescriptions(getSpec('wgan').schema);
  const nCritic = wgan.find((l) => l.path === 'adversarial.nCritic');
  assert.match(nCritic?.description ?? '', /Discriminator updates per generator update/);
  const json = z.toJSONSchema(getSpec('wgan').schema, { io: 'input' }) as any;
  const prop = json.properties.adversarial.properties.nCritic;
  assert.equal(prop.default, 5, "the entry's recipe default");
  assert.match(prop.description, /Discriminator updates/);
  assert.match(json.properties.model.properties.latentDim.description, /latent/);
  assert.equal(json.properties.train.properties.steps.default, 10000);
});
