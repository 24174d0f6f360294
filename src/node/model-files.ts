// Node file IO for checkpoints in the standard tfjs layout (model.json + weights.bin, the files
// tfjs-node's file:// handler writes and tf.loadLayersModel(url) reads), without tfjs-node.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import path from 'node:path';
import type { tfl } from '../engine/tf.js';
import {
  DEFAULT_STEM,
  decodeNamedTensors,
  encodeNamedTensors,
  layersModelFromFiles,
  layersModelToFiles,
  namedTensorsJson,
  parseNamedTensorsJson,
  resolveStem,
  type FileStem,
  type NamedTensor,
} from '../io/weights.js';

async function checkDir(dir: string, expected: string): Promise<void> {
  let st;
  try {
    st = await stat(dir);
  } catch {
    throw new Error(`Checkpoint directory not found: ${dir} (expected ${expected} inside).`);
  }
  if (!st.isDirectory()) throw new Error(`${dir} is not a directory (expected a checkpoint directory holding ${expected}).`);
}

async function readOrExplain(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`Missing ${what}: ${file}`);
    throw new Error(`Could not read ${what} ${file}: ${(e as Error).message}`);
  }
}

const toArrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** Saves `model` into `dir` as `<stem.json>` + `<stem.bin>` (default model.json + weights.bin); returns the paths. */
export async function saveLayersModel(
  model: tfl.LayersModel,
  dir: string,
  fileStem: FileStem | string = DEFAULT_STEM,
): Promise<{ json: string; bin: string }> {
  const stem = resolveStem(fileStem);
  const files = await layersModelToFiles(model, stem.bin);
  await mkdir(dir, { recursive: true });
  const out = { json: path.join(dir, stem.json), bin: path.join(dir, stem.bin) };
  await writeFileAtomic(out.bin, new Uint8Array(files.bin));
  await writeFileAtomic(out.json, files.json);
  return out;
}

/** Loads a layers model saved by `saveLayersModel` (or any tfjs layers-model directory); weight files come from its manifest. */
export async function loadLayersModel(
  dir: string,
  fileStem: FileStem | string = DEFAULT_STEM,
): Promise<tfl.LayersModel> {
  const stem = resolveStem(fileStem);
  await checkDir(dir, `${stem.json} and ${stem.bin}`);
  const jsonPath = path.join(dir, stem.json);
  const text = (await readOrExplain(jsonPath, 'model file (tfjs layers-model JSON)')).toString('utf8');
  return layersModelFromFiles(
    text,
    async (rel) => toArrayBuffer(await readOrExplain(path.join(dir, rel), `weights file listed in ${jsonPath}`)),
    jsonPath,
  );
}

/** Writes named tensors (e.g. optimizer state) as `<stem>.json` (manifest) + `<stem>.bin` in `dir`. */
export async function writeNamedTensors(dir: string, stem: string, list: NamedTensor[]): Promise<{ json: string; bin: string }> {
  const s = resolveStem(stem);
  const { specs, data } = await encodeNamedTensors(list);
  await mkdir(dir, { recursive: true });
  const out = { json: path.join(dir, s.json), bin: path.join(dir, s.bin) };
  await writeFileAtomic(out.bin, new Uint8Array(data));
  await writeFileAtomic(out.json, JSON.stringify(namedTensorsJson(specs, s.bin), null, 1));
  return out;
}

/** Reads tensors written by `writeNamedTensors`, in their saved order; the tensors are the caller's. */
export async function readNamedTensors(dir: string, stem: string): Promise<NamedTensor[]> {
  const s = resolveStem(stem);
  await checkDir(dir, `${s.json} and ${s.bin}`);
  const jsonPath = path.join(dir, s.json);
  const doc = parseNamedTensorsJson((await readOrExplain(jsonPath, 'named-tensors manifest')).toString('utf8'), jsonPath);
  const group = doc.weightsManifest[0];
  const rel = group.paths[0];
  if (group.paths.length !== 1 || typeof rel !== 'string' || /[/\\]/.test(rel)) {
    throw new Error(`${jsonPath} must list exactly one data file next to it, got ${JSON.stringify(group.paths)}.`);
  }
  const binPath = path.join(dir, rel);
  const data = toArrayBuffer(await readOrExplain(binPath, `tensor data listed in ${jsonPath}`));
  try {
    return decodeNamedTensors(group.weights, data);
  } catch (e) {
    throw new Error(`Could not decode ${binPath} with ${jsonPath}: ${(e as Error).message}`);
  }
}
