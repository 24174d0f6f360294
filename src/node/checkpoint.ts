// Checkpoints on disk, one directory per step (checkpoints/step-N, committed as a unit by
// checkpoint-store): the primary network as model.json + weights.bin (standard tfjs layers format),
// other networks as <name>.json/.bin, optimizer/EMA state as state.json/.bin, and genlab.json.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { checkCheckpointMeta } from './checkpoint-meta.js';
import type { BaseConfig } from '../config/common.js';
import type { GenModel } from '../models/types.js';
import type { Recipe } from '../train/recipe.js';
import type { RngState } from '../random/rng.js';
import type { EngineInfo } from '../engine/backend.js';
import type { tfl } from '../engine/tf.js';
import { loadLayersModel, readNamedTensors } from './model-files.js';
import { checkWeightBytes, DEFAULT_STEM, encodeNamedTensors, firstNonFiniteWeight, layersModelToFiles, namedTensorsJson, parseModelJson, resolveStem } from '../io/weights.js';
import { commitCheckpoint, resolveCheckpoint, type CheckpointFile, type ResolvedCheckpoint } from './checkpoint-store.js';
import type { CheckpointFs } from './checkpoint-fs.js';
import { getSpec, type PresetChoice } from '../registry.js';

/** Format id written in genlab.json. */
export const CHECKPOINT_FORMAT = 'genlab-checkpoint';

/** The contents of genlab.json. */
export interface CheckpointMeta {
  format: typeof CHECKPOINT_FORMAT;
  version: 1;
  modelId: string;
  config: BaseConfig;
  /** Completed training steps. */
  step: number;
  rng: { data: RngState };
  recipe: Record<string, unknown>;
  /** Network name → file stem ('model' for the primary). */
  networks: Record<string, string>;
  engine: EngineInfo | null;
  /** The preset the run's config was built from, and why (named, or chosen by its data's kind). */
  preset?: PresetChoice | null;
  savedAt: string;
}

function stemFor(index: number, name: string): string {
  return index === 0 ? 'model' : name;
}

/** The primary network's files, copied to the run directory's top level for `tf.loadLayersModel`. */
export const MIRRORED_FILES = ['weights.bin', 'model.json'];

/** What saveCheckpoint needs: the run's state after `step` completed steps. */
export interface CheckpointInput {
  modelId: string;
  config: BaseConfig;
  model: GenModel;
  recipe: Recipe;
  step: number;
  dataRng: RngState;
  engine: EngineInfo | null;
  tokenizer?: object;
  /** A table model's row encoder (its toJSON form). */
  tableTransformer?: unknown;
  preset?: PresetChoice | null;
  /** Complete checkpoints kept (default config.train.keepCheckpoints). */
  keep?: number;
  fs?: CheckpointFs;
}

/** Where a checkpoint went, and whether every weight in it is finite (a condition of a good one). */
export interface SavedCheckpoint {
  path: string;
  weightsFinite: boolean;
}

/** Serialises every file of a checkpoint in memory: networks, optimizer/EMA state, tokenizer, genlab.json. */
export async function checkpointFiles(s: CheckpointInput): Promise<{ files: CheckpointFile[]; weightsFinite: boolean }> {
  const files: CheckpointFile[] = [];
  let weightsFinite = true;
  if (s.tokenizer) files.push({ name: TOKENIZER_FILE, data: JSON.stringify(s.tokenizer) });
  if (s.tableTransformer) files.push({ name: TABLE_TRANSFORMER_FILE, data: JSON.stringify(s.tableTransformer) });
  const networks: Record<string, string> = {};
  const entries = Object.entries(s.model.networks);
  for (let i = 0; i < entries.length; i++) {
    const [name, net] = entries[i];
    const stem = resolveStem(stemFor(i, name) === 'model' ? DEFAULT_STEM : name);
    const saved = await layersModelToFiles(net, stem.bin);
    const specs = JSON.parse(saved.json).weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights);
    if (firstNonFiniteWeight(specs, saved.bin)) weightsFinite = false;
    files.push({ name: stem.bin, data: new Uint8Array(saved.bin) }, { name: stem.json, data: saved.json });
    networks[name] = stemFor(i, name);
  }
  const state = s.recipe.getState();
  try {
    const { specs, data } = await encodeNamedTensors(state.tensors);
    files.push({ name: 'state.bin', data: new Uint8Array(data) }, { name: 'state.json', data: JSON.stringify(namedTensorsJson(specs, 'state.bin'), null, 1) });
  } finally {
    state.tensors.forEach((t) => t.tensor.dispose());
  }
  const meta: CheckpointMeta = {
    format: CHECKPOINT_FORMAT,
    version: 1,
    modelId: s.modelId,
    config: s.config,
    step: s.step,
    rng: { data: s.dataRng },
    recipe: state.json,
    networks,
    engine: s.engine,
    preset: s.preset ?? null,
    savedAt: new Date().toISOString(),
  };
  files.push({ name: 'genlab.json', data: JSON.stringify(meta, null, 2) });
  return { files, weightsFinite };
}

/** Writes a full checkpoint of the run in `runDir` as checkpoints/step-N (one atomic unit). */
export async function saveCheckpoint(runDir: string, s: CheckpointInput): Promise<SavedCheckpoint> {
  const { files, weightsFinite } = await checkpointFiles(s);
  const dir = await commitCheckpoint(runDir, s.step, files, { keep: s.keep ?? s.config.train.keepCheckpoints, mirror: MIRRORED_FILES, fs: s.fs });
  return { path: dir, weightsFinite };
}

/** File holding a table model's row encoder (schema, modes, spans) beside the weights. */
export const TABLE_TRANSFORMER_FILE = 'table-transformer.json';

/** The saved table encoder JSON of a checkpoint, or null when it has none (non-table models). */
export async function readTableTransformerJson(dir: string): Promise<unknown | null> {
  const file = path.join(dir, TABLE_TRANSFORMER_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** File holding a text model's tokenizer (its toJSON form) beside the weights. */
export const TOKENIZER_FILE = 'tokenizer.json';

/** The saved tokenizer JSON of a checkpoint, or null when it has none (non-text models). */
export async function readTokenizerJson(dir: string): Promise<{ type: string } | null> {
  let text: string;
  try {
    text = await readFile(path.join(dir, TOKENIZER_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path.join(dir, TOKENIZER_FILE)} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Reads and checks genlab.json of a checkpoint: a run directory's newest complete step, or a step directory. */
export async function readCheckpointMeta(dir: string): Promise<CheckpointMeta> {
  return readMetaIn((await resolveCheckpoint(dir)).dir);
}

/** Resolves a checkpoint path and reads its genlab.json. */
export async function openCheckpoint(dir: string): Promise<ResolvedCheckpoint & { meta: CheckpointMeta }> {
  const resolved = await resolveCheckpoint(dir);
  return { ...resolved, meta: await readMetaIn(resolved.dir) };
}

async function readMetaIn(dir: string): Promise<CheckpointMeta> {
  const file = path.join(dir, 'genlab.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`${dir} is not a genlab checkpoint: ${file} is missing. Pass a run directory written by \`genlab train\`.`);
  }
  let meta: CheckpointMeta;
  try {
    meta = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof meta !== 'object' || meta === null || meta.format !== CHECKPOINT_FORMAT || meta.version !== 1) {
    throw new Error(`${file} is not a genlab checkpoint (format ${String(meta?.format)} v${String(meta?.version)}; expected ${CHECKPOINT_FORMAT} v1).`);
  }
  checkCheckpointMeta(file, meta);
  try {
    getSpec(meta.modelId);
  } catch (e) {
    throw new Error(`${file} names a model this genlab does not have: ${(e as Error).message}`);
  }
  return meta;
}

/**
 * Copies weights by name when both models name them alike (frozen layers reorder tfjs' weight list:
 * trainable first), else by position.
 */
function copyWeights(from: tfl.LayersModel, to: tfl.LayersModel, file: string): void {
  const byName = new Map(from.weights.map((w) => [w.originalName, w]));
  if (byName.size !== to.weights.length || !to.weights.every((w) => byName.has(w.originalName))) {
    if (from.weights.length !== to.weights.length) {
      throw new Error(`${file} holds ${from.weights.length} weight tensors; the configured model has ${to.weights.length}.`);
    }
    to.weights.forEach((w, i) => {
      const src = from.weights[i];
      if (src.shape.join() !== w.shape.join()) throw new Error(`${file}: layer weight ${src.originalName} has shape [${src.shape}] in the checkpoint, [${w.shape}] in the model (${w.originalName}).`);
    });
    to.setWeights(from.getWeights());
    return;
  }
  for (const w of to.weights) {
    const src = byName.get(w.originalName)!;
    if (src.shape.join() !== w.shape.join()) throw new Error(`${file}: layer weight ${w.originalName} has shape [${src.shape}] in the checkpoint, [${w.shape}] in the model.`);
    w.write(src.read());
  }
}

/** Copies saved network weights into a freshly built model with the same architecture. */
export async function loadNetworksInto(dir: string, meta: CheckpointMeta, model: GenModel): Promise<void> {
  for (const [name, net] of Object.entries(model.networks)) {
    const stem = meta.networks[name];
    if (!stem) throw new Error(`Checkpoint ${dir} has no network "${name}" (it has ${Object.keys(meta.networks).join(', ')}).`);
    const files = resolveStem(stem === 'model' ? DEFAULT_STEM : stem);
    const saved = await loadLayersModel(dir, files);
    try {
      copyWeights(saved, net, path.join(dir, files.json));
    } finally {
      saved.dispose();
    }
  }
}

/**
 * Checks every network file of a checkpoint without building a model: the weight bytes match the
 * manifest and every float is finite (`genlab info` on damaged weights must not exit 0).
 */
export async function checkNetworkFiles(dir: string, meta: CheckpointMeta): Promise<void> {
  for (const stem of Object.values(meta.networks)) {
    const files = resolveStem(stem === 'model' ? DEFAULT_STEM : stem);
    const jsonPath = path.join(dir, files.json);
    const json = parseModelJson(await readFile(jsonPath, 'utf8').catch(() => {
      throw new Error(`Missing network file ${jsonPath} (genlab.json lists it).`);
    }), jsonPath);
    const specs = json.weightsManifest.flatMap((g) => g.weights);
    const bins = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(path.join(dir, p))));
    const data = Buffer.concat(bins);
    const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
    checkWeightBytes(specs, buffer.byteLength, path.join(dir, files.bin), jsonPath);
    const bad = firstNonFiniteWeight(specs, buffer);
    if (bad) throw new Error(`${path.join(dir, files.bin)} holds ${bad.value} in weight "${bad.name}": the weights are damaged or come from a diverged run.`);
  }
}

/** The checkpoint holds optimizer/EMA state (state.json). */
export async function hasRecipeState(dir: string): Promise<boolean> {
  return readFile(path.join(dir, 'state.json')).then(() => true, () => false);
}

/** Restores optimizer/EMA/RNG state into a recipe. */
export async function loadRecipeState(dir: string, meta: CheckpointMeta, recipe: Recipe): Promise<void> {
  const tensors = await readNamedTensors(dir, 'state');
  try {
    recipe.setState({ tensors, json: meta.recipe });
  } catch (e) {
    throw new Error(`${path.join(dir, 'genlab.json')} is damaged: its recipe state cannot be restored (${(e as Error).message}).`);
  } finally {
    tensors.forEach((t) => t.tensor.dispose());
  }
}

/** Removes a directory tree (used by tests and by `--force`). */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
