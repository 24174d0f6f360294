// Builds everything a run needs from a model id or a checkpoint directory: config, data, model,
// recipe and RNG streams — shared by `genlab train`, `sample`, `eval` and `info`.
import { readFile } from 'node:fs/promises';
import type { BaseConfig } from '../config/common.js';
import { deepMerge, parseOverrides, validateConfig } from '../config/resolve.js';
import { getSpec, resolveModelConfig } from '../registry.js';
import type { DataInfo, GenModel, ModelSpec } from '../models/types.js';
import { Rng } from '../random/rng.js';
import { getRecipe } from '../train/recipes/index.js';
import type { Recipe } from '../train/recipe.js';
import { loadDataset, type DataSpec, type LoadedData } from './datasets.js';
import { loadNetworksInto, loadRecipeState, readCheckpointMeta, type CheckpointMeta } from './checkpoint.js';

/** A ready-to-use model with its config, data and recipe. */
export interface Session {
  spec: ModelSpec;
  config: BaseConfig;
  data: LoadedData;
  model: GenModel;
  recipe: Recipe;
  dataRng: Rng;
  /** Completed steps (0 for a fresh model). */
  step: number;
  meta: CheckpointMeta | null;
  dispose(): void;
}

/** Where a session's config comes from. */
export interface SessionSource {
  modelId?: string;
  preset?: string;
  /** Path of a JSON config file (partial config). */
  configFile?: string;
  /** Dotted overrides, e.g. ["model.latentDim=16"]. */
  overrides?: string[];
  /** A checkpoint directory to continue from (its saved config is the base). */
  checkpoint?: string;
}

async function readConfigFile(file: string): Promise<object> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`Config file not found: ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`Config file ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Translates the data section of a config into the loader's spec (only the keys that are set). */
export function dataSpecOf(config: BaseConfig): DataSpec {
  const { name, path, trainSize, testSize } = config.data;
  const spec: DataSpec = { name };
  if (path !== undefined) spec.path = path;
  if (trainSize !== undefined) spec.trainSize = trainSize;
  if (testSize !== undefined) spec.testSize = testSize;
  return spec;
}

/** Resolves the config of a fresh run or a checkpoint (with overrides on top). */
export async function resolveSessionConfig(src: SessionSource): Promise<{ spec: ModelSpec; config: BaseConfig; meta: CheckpointMeta | null }> {
  if (src.checkpoint) {
    const meta = await readCheckpointMeta(src.checkpoint);
    const spec = getSpec(meta.modelId);
    let merged = meta.config as unknown as Record<string, unknown>;
    if (src.configFile) merged = deepMerge(merged, (await readConfigFile(src.configFile)) as Record<string, unknown>);
    if (src.overrides?.length) merged = deepMerge(merged, parseOverrides(spec.schema, src.overrides));
    return { spec, config: validateConfig(spec.schema, merged), meta };
  }
  if (!src.modelId) throw new Error('Name a model id (see `genlab list`) or a checkpoint directory.');
  const spec = getSpec(src.modelId);
  const file = src.configFile ? await readConfigFile(src.configFile) : undefined;
  return { spec, config: resolveModelConfig(spec, { preset: src.preset, file, overrides: src.overrides }), meta: null };
}

/** Builds data, model and recipe; restores weights and state when the source is a checkpoint. */
export async function openSession(src: SessionSource): Promise<Session> {
  const { spec, config, meta } = await resolveSessionConfig(src);
  const data = await loadDataset(dataSpecOf(config));
  if (!spec.capabilities.data.includes(data.train.kind)) {
    throw new Error(`Model "${spec.id}" trains on ${spec.capabilities.data.join('/')} data; dataset "${config.data.name}" is ${data.train.kind}.`);
  }
  const info: DataInfo = { kind: data.train.kind, shape: data.train.shape, numClasses: data.train.numClasses };
  // fixed fork order: init, recipe, data — a given seed always gives the same streams
  const root = new Rng(config.seed);
  const model = spec.create(config, root.fork('init'), info);
  const recipe = getRecipe(spec.recipe)(model, config, root.fork('recipe'));
  let dataRng = root.fork('data');
  let step = 0;
  if (meta && src.checkpoint) {
    await loadNetworksInto(src.checkpoint, meta, model);
    await loadRecipeState(src.checkpoint, meta, recipe);
    dataRng = new Rng(meta.rng.data);
    step = meta.step;
  }
  return {
    spec,
    config,
    data,
    model,
    recipe,
    dataRng,
    step,
    meta,
    dispose() {
      recipe.dispose();
      model.dispose();
    },
  };
}
