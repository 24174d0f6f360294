// The one list of models that the CLI, the studio, the tests and the benchmarks enumerate.
// Adding a model = adding its folder under models/ and one line here.
import { z } from 'zod';
import type { ModelSpec } from './models/types.js';
import type { ModelEntry } from './models/entry.js';
import type { BaseConfig } from './config/common.js';
import { ConfigError, resolveConfig, validateConfig, type ConfigLayers } from './config/resolve.js';
import { recipeEntry } from './train/recipes/index.js';
import { vaeSpec } from './models/vae/spec.js';
import { classifierSpec } from './models/classifier/spec.js';
import { GAN_SPECS } from './models/gan/spec.js';
import { GPT_SPECS } from './models/gpt/spec.js';
import { DIFFUSION_SPECS } from './models/diffusion/spec.js';
import { scoreSpec } from './models/score/spec.js';
import { ebmSpec } from './models/ebm/spec.js';
import { VAE_VARIANT_SPECS } from './models/vae/variants.js';
import { prodLdaSpec } from './models/topic/spec.js';

/**
 * An entry as the registry serves it: its recipe's own config section (with the entry's
 * `recipeDefaults`) joins the schema, so models never import train/ and every key is validated.
 */
export function composeEntry(entry: ModelEntry<any>): ModelSpec<any> {
  const { recipeDefaults, ...spec } = entry;
  const section = recipeEntry(spec.recipe).section;
  if (!section) {
    if (recipeDefaults) throw new Error(`Model "${spec.id}" sets recipeDefaults, but recipe "${spec.recipe}" has no config section.`);
    return spec;
  }
  if (!(spec.schema instanceof z.ZodObject)) throw new Error(`Model "${spec.id}": a schema must be an object schema to take the "${section.key}" section.`);
  if (section.key in spec.schema.shape) throw new Error(`Model "${spec.id}" declares a "${section.key}" section itself; recipe "${spec.recipe}" owns it.`);
  const sectionSchema = section.schema({});
  // the entry's defaults are checked like a config file (a bad key names itself)
  validateConfig(z.strictObject({ [section.key]: sectionSchema }), { [section.key]: recipeDefaults ?? {} });
  return { ...spec, schema: spec.schema.extend({ [section.key]: section.schema(recipeDefaults ?? {}) }) };
}

/** Every registered model, in display order. */
export const MODEL_SPECS: ModelSpec<any>[] = [
  vaeSpec, classifierSpec, ...GAN_SPECS, ...GPT_SPECS, ...VAE_VARIANT_SPECS, prodLdaSpec, ...DIFFUSION_SPECS, scoreSpec, ebmSpec,
].map(composeEntry);

/** Finds a spec by id, with an error listing the valid ids. */
export function getSpec(id: string): ModelSpec {
  const spec = MODEL_SPECS.find((s) => s.id === id);
  if (!spec) throw new Error(`Unknown model "${id}". Registered models: ${MODEL_SPECS.map((s) => s.id).join(', ')} (see \`genlab list\`).`);
  return spec;
}

/** A spec's preset by name, with an error listing the presets. */
export function presetOf(spec: ModelSpec, name: string): object {
  const preset = Object.hasOwn(spec.presets, name) ? (spec.presets[name] as object) : undefined;
  if (!preset) throw new ConfigError(`Model "${spec.id}" has no preset "${name}". Presets: ${Object.keys(spec.presets).join(', ')}.`);
  return preset;
}

/**
 * Resolves a spec's config: defaults → base → preset → file → dotted overrides. The one path of fresh
 * runs (no base), `--resume` (base = the checkpoint's saved config) and `--init` (base = the parent's
 * model section and tokenizer settings).
 */
export function resolveModelConfig(spec: ModelSpec, opts: Omit<ConfigLayers, 'preset'> & { preset?: string } = {}): BaseConfig {
  const preset = opts.preset ? presetOf(spec, opts.preset) : undefined;
  return resolveConfig(spec.schema, { ...opts, preset });
}
