// The one list of models that the CLI, the studio, the tests and the benchmarks enumerate.
// Adding a model = adding its folder under models/ and one line here.
import type { ModelSpec } from './models/types.js';
import type { BaseConfig, DeepPartial } from './config/index.js';
import { resolveConfig } from './config/resolve.js';
import { vaeSpec } from './models/vae/spec.js';
import { classifierSpec } from './models/classifier/spec.js';
import { GAN_SPECS } from './models/gan/spec.js';
import { GPT_SPECS } from './models/gpt/spec.js';
import { DIFFUSION_SPECS } from './models/diffusion/spec.js';
import { scoreSpec } from './models/score/spec.js';
import { ebmSpec } from './models/ebm/spec.js';
import { VAE_VARIANT_SPECS } from './models/vae/variants.js';
import { prodLdaSpec } from './models/topic/spec.js';

/** Every registered model, in display order. */
export const MODEL_SPECS: ModelSpec<any>[] = [vaeSpec, classifierSpec, ...GAN_SPECS, ...GPT_SPECS, ...VAE_VARIANT_SPECS, prodLdaSpec, ...DIFFUSION_SPECS, scoreSpec, ebmSpec];

/** Finds a spec by id, with an error listing the valid ids. */
export function getSpec(id: string): ModelSpec {
  const spec = MODEL_SPECS.find((s) => s.id === id);
  if (!spec) throw new Error(`Unknown model "${id}". Registered models: ${MODEL_SPECS.map((s) => s.id).join(', ')} (see \`genlab list\`).`);
  return spec;
}

/** Resolves a spec's config: defaults → preset → file → dotted overrides. */
export function resolveModelConfig(
  spec: ModelSpec,
  opts: { preset?: string; file?: object; overrides?: string[] } = {},
): BaseConfig {
  let preset: DeepPartial<BaseConfig> | undefined;
  if (opts.preset) {
    preset = spec.presets[opts.preset] as DeepPartial<BaseConfig> | undefined;
    if (!preset) throw new Error(`Model "${spec.id}" has no preset "${opts.preset}". Presets: ${Object.keys(spec.presets).join(', ')}.`);
  }
  return resolveConfig(spec.schema, { preset, file: opts.file, overrides: opts.overrides });
}
