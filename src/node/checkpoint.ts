// Checkpoints on disk: the primary network as model.json + weights.bin (standard tfjs layers
// format, loadable in a browser), other networks as <name>.json/.bin, optimizer/EMA state as
// state.json/.bin, and genlab.json (resolved config, step, RNG states, engine).
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkCheckpointMeta } from './checkpoint-meta.js';
import type { BaseConfig } from '../config/common.js';
import type { GenModel } from '../models/types.js';
import type { Recipe } from '../train/recipe.js';
import type { RngState } from '../random/rng.js';
import type { EngineInfo } from '../engine/backend.js';
import type { tfl } from '../engine/tf.js';
import { loadLayersModel, readNamedTensors, saveLayersModel, writeNamedTensors } from './model-files.js';

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
  savedAt: string;
}

function stemFor(index: number, name: string): string {
  return index === 0 ? 'model' : name;
}

/** Writes a full checkpoint into `dir` (replacing an older one there). */
export async function saveCheckpoint(
  dir: string,
  s: { modelId: string; config: BaseConfig; model: GenModel; recipe: Recipe; step: number; dataRng: RngState; engine: EngineInfo | null; tokenizer?: object },
): Promise<string> {
  await mkdir(dir, { recursive: true });
  if (s.tokenizer) await writeFile(path.join(dir, TOKENIZER_FILE), JSON.stringify(s.tokenizer));
  const networks: Record<string, string> = {};
  const entries = Object.entries(s.model.networks);
  for (let i = 0; i < entries.length; i++) {
    const [name, net] = entries[i];
    const stem = stemFor(i, name);
    await saveLayersModel(net, dir, stem === 'model' ? { json: 'model.json', bin: 'weights.bin' } : stem);
    networks[name] = stem;
  }
  const state = s.recipe.getState();
  try {
    await writeNamedTensors(dir, 'state', state.tensors);
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
    savedAt: new Date().toISOString(),
  };
  // genlab.json last and atomically: a checkpoint without it is incomplete and never loaded
  const tmp = path.join(dir, 'genlab.json.tmp');
  await writeFile(tmp, JSON.stringify(meta, null, 2));
  await rename(tmp, path.join(dir, 'genlab.json'));
  return dir;
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

/** Reads and checks genlab.json of a checkpoint directory. */
export async function readCheckpointMeta(dir: string): Promise<CheckpointMeta> {
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
  return meta;
}

/**
 * Copies weights by name when both models name them alike (frozen layers reorder tfjs' weight list:
 * trainable first), else by position.
 */
function copyWeights(from: tfl.LayersModel, to: tfl.LayersModel): void {
  const byName = new Map(from.weights.map((w) => [w.originalName, w]));
  if (byName.size !== to.weights.length || !to.weights.every((w) => byName.has(w.originalName))) {
    to.setWeights(from.getWeights());
    return;
  }
  for (const w of to.weights) {
    const src = byName.get(w.originalName)!;
    if (src.shape.join() !== w.shape.join()) throw new Error(`weight ${w.originalName} has shape [${src.shape}] in the checkpoint, [${w.shape}] in the model`);
    w.write(src.read());
  }
}

/** Copies saved network weights into a freshly built model with the same architecture. */
export async function loadNetworksInto(dir: string, meta: CheckpointMeta, model: GenModel): Promise<void> {
  for (const [name, net] of Object.entries(model.networks)) {
    const stem = meta.networks[name];
    if (!stem) throw new Error(`Checkpoint ${dir} has no network "${name}" (it has ${Object.keys(meta.networks).join(', ')}).`);
    const saved = await loadLayersModel(dir, stem === 'model' ? { json: 'model.json', bin: 'weights.bin' } : stem);
    try {
      copyWeights(saved, net);
    } finally {
      saved.dispose();
    }
  }
}

/** Restores optimizer/EMA/RNG state into a recipe. */
export async function loadRecipeState(dir: string, meta: CheckpointMeta, recipe: Recipe): Promise<void> {
  const tensors = await readNamedTensors(dir, 'state');
  try {
    recipe.setState({ tensors, json: meta.recipe });
  } finally {
    tensors.forEach((t) => t.tensor.dispose());
  }
}

/** Removes a directory tree (used by tests and by `--force`). */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
