// The one list of models that the CLI, the studio, the tests and the benchmarks enumerate.
// Adding a model = adding its folder under models/ and one line here.
import { z } from 'zod';
import type { ModelSpec } from './models/types.js';
import type { DataKind } from './data/types.js';
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
import { TABULAR_SPECS } from './models/tabular/index.js';

/** The preset name every model answers with its schema defaults alone (skipping the preset its data's kind would get). */
export const DEFAULTS_PRESET = 'defaults';

/**
 * An entry as the registry serves it: its recipe's own config section (with the entry's
 * `recipeDefaults`) joins the schema, so models never import train/ and every key is validated.
 */
export function composeEntry(entry: ModelEntry<any>): ModelSpec<any> {
  const { recipeDefaults, ...spec } = entry;
  if (Object.hasOwn(spec.presets, DEFAULTS_PRESET)) throw new Error(`Model "${spec.id}": the preset name "${DEFAULTS_PRESET}" is reserved for the schema defaults.`);
  for (const [kind, name] of Object.entries(spec.presetByDataKind ?? {})) {
    if (!spec.capabilities.data.includes(kind as DataKind)) throw new Error(`Model "${spec.id}" names a preset for ${kind} data, which it does not train on (${spec.capabilities.data.join(', ')}).`);
    if (!Object.hasOwn(spec.presets, name!)) throw new Error(`Model "${spec.id}": presetByDataKind.${kind} names "${name}", which is not one of its presets (${Object.keys(spec.presets).join(', ')}).`);
  }
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
  vaeSpec, classifierSpec, ...GAN_SPECS, ...GPT_SPECS, ...VAE_VARIANT_SPECS, prodLdaSpec, ...DIFFUSION_SPECS, scoreSpec, ebmSpec, ...TABULAR_SPECS,
].map(composeEntry);

/** Finds a spec by id, with an error listing the valid ids. */
export function getSpec(id: string): ModelSpec {
  const spec = MODEL_SPECS.find((s) => s.id === id);
  if (!spec) throw new Error(`Unknown model "${id}". Registered models: ${MODEL_SPECS.map((s) => s.id).join(', ')} (see \`genlab list\`).`);
  return spec;
}

/** A spec's preset by name, with an error listing the presets. */
export function presetOf(spec: ModelSpec, name: string): object {
  if (name === DEFAULTS_PRESET) return {};
  const preset = Object.hasOwn(spec.presets, name) ? (spec.presets[name] as object) : undefined;
  if (!preset) throw new ConfigError(`Model "${spec.id}" has no preset "${name}". Presets: ${[...Object.keys(spec.presets), DEFAULTS_PRESET].join(', ')}.`);
  return preset;
}

/** The preset a spec declares for a data kind it trains on (`presetByDataKind`); undefined: its schema defaults. */
export function presetForDataKind(spec: ModelSpec, kind: DataKind): string | undefined {
  return spec.capabilities.data.includes(kind) ? spec.presetByDataKind?.[kind] : undefined;
}

/** Where a config's preset came from: named by the user, or chosen by the kind of the run's dataset. */
export type PresetChoice = { name: string; by: 'name' } | { name: string; by: 'data-kind'; kind: DataKind };

/** The layers of resolveModelConfig: a preset by name, and how to tell a dataset name's kind. */
export type ModelConfigOptions = Omit<ConfigLayers, 'preset'> & {
  preset?: string;
  /**
   * The kind of a dataset name (from the dataset table, which the core cannot import). With it, a fresh
   * run that names no preset gets the spec's preset for its data's kind.
   */
  dataKind?: (name: string) => DataKind | undefined;
};

/**
 * Resolves a spec's config: defaults → base → preset → file → dotted overrides. The one path of fresh
 * runs (no base), `--resume` (base = the checkpoint's saved config) and `--init` (base = the parent's
 * model section and tokenizer settings). A fresh run with no preset named and a `dataKind` lookup takes
 * the spec's `presetByDataKind` entry for the kind of the dataset the other layers name, as its preset
 * layer (so a config file's or an override's keys still win); resume and `--init` never do, since a
 * kind preset would change the model their weights belong to.
 */
export function resolveModelConfigAndPreset(spec: ModelSpec, opts: ModelConfigOptions = {}): { config: BaseConfig; preset?: PresetChoice } {
  const { preset: named, dataKind, ...layers } = opts;
  if (named) return { config: resolveConfig(spec.schema, { ...layers, preset: presetOf(spec, named) }), preset: { name: named, by: 'name' } };
  const plain = resolveConfig(spec.schema, layers);
  if (layers.base || !dataKind || !spec.presetByDataKind) return { config: plain };
  const kind = dataKind(plain.data.name);
  const name = kind && presetForDataKind(spec, kind);
  if (!kind || !name) return { config: plain };
  const config = resolveConfig(spec.schema, { ...layers, preset: presetOf(spec, name) });
  if (dataKind(config.data.name) !== kind) {
    throw new ConfigError(`Model "${spec.id}": its preset "${name}" for ${kind} data names the dataset "${config.data.name}", which is not ${kind} data.`);
  }
  return { config, preset: { name, by: 'data-kind', kind } };
}

/** The config alone of resolveModelConfigAndPreset. */
export function resolveModelConfig(spec: ModelSpec, opts: ModelConfigOptions = {}): BaseConfig {
  return resolveModelConfigAndPreset(spec, opts).config;
}
