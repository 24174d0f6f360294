// Builds everything a run needs from a model id or a checkpoint directory: config, data, model,
// recipe and RNG streams — shared by `genlab train`, `sample`, `eval` and `info`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BaseConfig } from '../config/common.js';
import { ConfigError } from '../config/resolve.js';
import { getSpec, resolveModelConfig, resolveModelConfigAndPreset, type PresetChoice } from '../registry.js';
import type { DataInfo, GenModel, ModelSpec } from '../models/types.js';
import { Rng } from '../random/rng.js';
import { getRecipe } from '../train/recipes/index.js';
import type { Recipe } from '../train/recipe.js';
import { DATASETS, loadDataset, type DataSpec, type LoadedData } from './datasets.js';
import { hasRecipeState, loadNetworksInto, loadRecipeState, openCheckpoint, readTableTransformerJson, readTokenizerJson, TABLE_TRANSFORMER_FILE, type CheckpointMeta } from './checkpoint.js';
import { tableTransformerFromJSON } from '../data/tabular/table-transformer.js';
import type { ResolvedCheckpoint } from './checkpoint-store.js';
import { tokenizerFromJSON, type ByteBpeJSON } from '../data/bpe.js';
import type { CharTokenizerJSON } from '../data/tokenizer.js';

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
  /** The checkpoint the session was opened from (its step directory and run directory), or null. */
  source: ResolvedCheckpoint | null;
  /** The preset the config was built from (named, or chosen by the data kind); a resumed run keeps its first run's. */
  preset: PresetChoice | null;
  /** Optimizer/EMA state was restored (false for a fresh model or a checkpoint saved without it). */
  stateRestored: boolean;
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
  /** A checkpoint whose weights, model section and tokenizer start a new run (fine-tuning / transfer). */
  init?: string;
  /** Told what was passed over while finding the checkpoint (a torn or damaged newer step). */
  onNotice?: (message: string) => void;
}

// The file's JSON, whatever it holds: resolveConfig checks that it is an object (once, for every path).
async function readConfigFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConfigError(`Config file not found: ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`Config file ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Translates the data section of a config into the loader's spec: every key that is set except the training transforms. */
export function dataSpecOf(config: BaseConfig): DataSpec {
  const { binarize: _b, shift: _s, resize, columnTypes, vocabSize, tokenizer, ...rest } = config.data;
  const spec: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && !(k === 'trainClasses' && !(v as number[]).length)) spec[k] = v;
  if (resize !== undefined) spec.resize = resize.length === 1 ? resize[0] : [resize[0], resize[1]];
  if (columnTypes !== undefined) {
    spec.columnTypes = Object.fromEntries(columnTypes.map((e) => [e.slice(0, e.lastIndexOf(':')), e.slice(e.lastIndexOf(':') + 1)]));
  }
  if (tokenizer !== undefined) spec.tokenizer = tokenizer;
  if (vocabSize !== undefined && (tokenizer === 'bpe' || tokenizer === undefined)) spec.vocabSize = vocabSize; // bpe text or bag-of-words
  return spec as DataSpec;
}

/** The dataset table's kind of a dataset name (undefined for an unknown name: the loader names it). */
const dataKindOf = (name: string) => DATASETS.find((d) => d.name === name)?.kind;

/**
 * Resolves the config of a fresh run, a resumed checkpoint or an `--init` run, all by resolveModelConfig;
 * `preset` says which preset it took (a fresh run naming none gets its spec's preset for the data's kind).
 */
export async function resolveSessionConfig(src: SessionSource): Promise<{
  spec: ModelSpec;
  config: BaseConfig;
  meta: CheckpointMeta | null;
  initMeta?: CheckpointMeta;
  source: ResolvedCheckpoint | null;
  preset?: PresetChoice;
}> {
  if (src.init && src.checkpoint) throw new Error('Pass either --init DIR (start a new run from its weights) or --resume DIR (continue it), not both.');
  let spec: ModelSpec;
  let base: object | undefined;
  let meta: CheckpointMeta | null = null;
  let initMeta: CheckpointMeta | undefined;
  let source: ResolvedCheckpoint | null = null;
  if (src.checkpoint) {
    // resume: the saved config is the base; preset, file and overrides go on top
    const opened = await openCheckpoint(src.checkpoint);
    opened.notices.forEach((n) => src.onNotice?.(n));
    ({ meta, ...source } = opened);
    spec = getSpec(meta.modelId);
    base = meta.config;
  } else if (src.init) {
    // a new run from a parent's weights: it inherits the model section and the text settings
    const opened = await openCheckpoint(src.init);
    opened.notices.forEach((n) => src.onNotice?.(n));
    ({ meta: initMeta, ...source } = opened);
    spec = getSpec(src.modelId ?? initMeta.modelId);
    if (spec.id !== initMeta.modelId) throw new Error(`--init ${src.init} holds a "${initMeta.modelId}" model; it cannot start a "${spec.id}" run.`);
    const { blockSize, tokenizer, vocabSize } = initMeta.config.data;
    base = JSON.parse(JSON.stringify({ model: initMeta.config.model, data: { blockSize, tokenizer, vocabSize } }));
  } else {
    if (!src.modelId) throw new Error('Name a model id (see `genlab list`) or a checkpoint directory.');
    spec = getSpec(src.modelId);
  }
  if (meta && source) {
    // the saved config alone must be valid: a bad key there is the checkpoint's fault, not the command line's
    try {
      resolveModelConfig(spec, { base });
    } catch (e) {
      throw new Error(`${path.join(source.dir, 'genlab.json')} is damaged: its saved config is invalid (${(e as Error).message}).`);
    }
  }
  const file = src.configFile ? await readConfigFile(src.configFile) : undefined;
  const { config, preset } = resolveModelConfigAndPreset(spec, { base, preset: src.preset, file, fileName: src.configFile, overrides: src.overrides, dataKind: dataKindOf });
  return initMeta ? { spec, config, meta, initMeta, source, preset } : { spec, config, meta, source, preset };
}

/** Builds data, model and recipe; restores weights and state when the source is a checkpoint. */
export async function openSession(src: SessionSource): Promise<Session> {
  const { spec, config, meta, initMeta, source, preset } = await resolveSessionConfig(src);
  const dataSpec = dataSpecOf(config);
  const from = source?.dir; // a text model keeps the tokenizer it was trained with
  const savedTokenizer = from ? await readTokenizerJson(from) : null;
  if (savedTokenizer) dataSpec.tokenizer = tokenizerFromJSON(savedTokenizer as CharTokenizerJSON | ByteBpeJSON);
  const savedTable = from ? await readTableTransformerJson(from) : null; // a table model keeps its row encoder
  if (savedTable) {
    try {
      dataSpec.tableTransformer = tableTransformerFromJSON(savedTable);
    } catch (e) {
      throw new Error(`${path.join(from!, TABLE_TRANSFORMER_FILE)} is damaged: ${(e as Error).message}`);
    }
  }
  // a resumed run's data comes from its saved config: say so when it no longer loads (a moved file, an edit)
  const data = await loadDataset(dataSpec).catch((e: Error) => {
    throw meta && source ? new Error(`The data of ${path.join(source.dir, 'genlab.json')} (${config.data.name}) does not load: ${e.message}`) : e;
  });
  if (!spec.capabilities.data.includes(data.train.kind)) {
    throw new Error(`Model "${spec.id}" trains on ${spec.capabilities.data.join('/')} data; dataset "${config.data.name}" is ${data.train.kind}.`);
  }
  const info: DataInfo = { kind: data.train.kind, shape: data.train.shape, numClasses: data.train.numClasses };
  if (data.tokenizer) info.vocabSize = data.tokenizer.vocabSize;
  if (data.tableTransformer) info.table = data.tableTransformer;
  // fixed fork order: init, recipe, data — a given seed always gives the same streams
  const root = new Rng(config.seed);
  const model = spec.create(config, root.fork('init'), info);
  const recipe = getRecipe(spec.recipe)(model, config, root.fork('recipe'), data.train);
  let dataRng = root.fork('data');
  let step = 0;
  let stateRestored = false;
  if (initMeta && source) {
    try {
      await loadNetworksInto(source.dir, initMeta, model);
    } catch (e) {
      model.dispose();
      recipe.dispose();
      throw new Error(`Cannot start from ${src.init}: its weights do not fit the configured model (${(e as Error).message}).`);
    }
  }
  if (meta && source) {
    try {
      await loadNetworksInto(source.dir, meta, model);
      // weights/ ships networks without optimizer state: they sample and evaluate, but cannot resume
      if (await hasRecipeState(source.dir)) {
        await loadRecipeState(source.dir, meta, recipe);
        stateRestored = true;
      }
    } catch (e) {
      model.dispose();
      recipe.dispose();
      const message = (e as Error).message;
      throw message.includes(source.dir) ? e : new Error(`${source.dir} cannot be loaded: ${message}`);
    }
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
    source,
    preset: preset ?? meta?.preset ?? null,
    stateRestored,
    dispose() {
      recipe.dispose();
      model.dispose();
    },
  };
}
