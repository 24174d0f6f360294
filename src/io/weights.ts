// The standard tfjs "layers-model" file format (model.json + weights.bin, as tfjs' file:// and http
// handlers write it) built in memory without tfjs-node, plus named-tensor (optimizer state) packing.
import { tf, tfl } from '../engine/tf.js';

/** File names of one saved network; the manifest inside `json` points at `bin`. */
export interface FileStem {
  json: string;
  bin: string;
}

/** The primary network's file names. */
export const DEFAULT_STEM: FileStem = { json: 'model.json', bin: 'weights.bin' };

/** A tensor with its name, as stored in a weights manifest. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** The in-memory contents of a saved network: model.json text and weights.bin bytes. */
export interface ModelFiles {
  json: string;
  bin: ArrayBuffer;
}

/** The JSON file written next to a named-tensor `.bin` (same manifest shape as model.json). */
export interface NamedTensorsJson {
  format: 'genlab-named-tensors';
  weightsManifest: tf.io.WeightsManifestConfig;
}

/** Normalises a stem: a string 'encoder' means encoder.json + encoder.bin; names must be plain file names. */
export function resolveStem(stem: FileStem | string = DEFAULT_STEM): FileStem {
  const s = typeof stem === 'string' ? { json: `${stem}.json`, bin: `${stem}.bin` } : stem;
  for (const name of [s.json, s.bin]) {
    if (!name || /[/\\]/.test(name) || name === '.' || name === '..') {
      throw new Error(`Invalid checkpoint file name "${name}": expected a plain file name such as "model.json" or "weights.bin".`);
    }
  }
  if (s.json === s.bin) throw new Error(`Checkpoint JSON and weights file names must differ, both are "${s.json}".`);
  return s;
}

/** Serialises a layers model to model.json text (manifest paths = [binName]) and weight bytes. */
export async function layersModelToFiles(model: tfl.LayersModel, binName = DEFAULT_STEM.bin): Promise<ModelFiles> {
  let files: ModelFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a: tf.io.ModelArtifacts) => {
      if (a.modelTopology instanceof ArrayBuffer || a.modelTopology === undefined) {
        throw new Error('layersModelToFiles: expected a JSON model topology from tfjs-layers.');
      }
      const json: tf.io.ModelJSON = {
        modelTopology: a.modelTopology,
        format: a.format ?? 'layers-model',
        generatedBy: a.generatedBy ?? `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
        convertedBy: a.convertedBy ?? null,
        weightsManifest: [{ paths: [binName], weights: a.weightSpecs ?? [] }],
      };
      if (a.trainingConfig !== undefined) json.trainingConfig = a.trainingConfig;
      if (a.signature !== undefined) json.signature = a.signature;
      if (a.userDefinedMetadata !== undefined) json.userDefinedMetadata = a.userDefinedMetadata;
      if (a.modelInitializer !== undefined) json.modelInitializer = a.modelInitializer;
      if (a.initializerSignature !== undefined) json.initializerSignature = a.initializerSignature;
      const bin = a.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(a.weightData);
      files = { json: JSON.stringify(json), bin };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
    }),
  );
  if (!files) throw new Error('layersModelToFiles: tfjs-layers did not call the save handler.');
  return files;
}

/** Parses and checks model.json text; `source` names the file in errors. */
export function parseModelJson(text: string, source: string): tf.io.ModelJSON {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source} is not valid JSON (${(e as Error).message}); expected a tfjs layers-model model.json.`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${source} is not a tfjs model.json: expected an object with modelTopology and weightsManifest.`);
  }
  const j = json as Record<string, unknown>;
  const topo = j.modelTopology as Record<string, unknown> | undefined;
  const looksKeras = typeof topo === 'object' && topo !== null && ('class_name' in topo || 'model_config' in topo);
  if (j.format !== undefined && j.format !== 'layers-model') {
    throw new Error(`${source} has format "${String(j.format)}", not "layers-model": genlab loads only tfjs-layers models (not graph models).`);
  }
  if (!looksKeras) {
    throw new Error(`${source} is not a layers-model: its modelTopology has no Keras class_name/model_config.`);
  }
  if (!Array.isArray(j.weightsManifest)) {
    throw new Error(`${source} has no weightsManifest array; expected [{ paths: ['weights.bin'], weights: [...] }].`);
  }
  return json as tf.io.ModelJSON;
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/** Bytes the specs describe, or null when it cannot be known up front (string tensors). */
function expectedBytes(specs: tf.io.WeightsManifestEntry[]): number | null {
  let total = 0;
  for (const s of specs) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const dt = s.quantization ? s.quantization.dtype : s.dtype;
    const per = DTYPE_BYTES[dt];
    if (per === undefined) return null;
    total += n * per;
  }
  return total;
}

/** Checks that `bytes` matches what `specs` describe, naming the files in the error. */
export function checkWeightBytes(specs: tf.io.WeightsManifestEntry[], bytes: number, binSource: string, jsonSource: string): void {
  const want = expectedBytes(specs);
  if (want !== null && want !== bytes) {
    throw new Error(`${binSource} holds ${bytes} bytes but the manifest in ${jsonSource} describes ${want} bytes; the files do not belong together.`);
  }
}

/** The name of the first float32 weight holding NaN or ±Infinity (with the value), or null when all are finite. */
export function firstNonFiniteWeight(specs: tf.io.WeightsManifestEntry[], data: ArrayBuffer): { name: string; value: number } | null {
  let offset = 0;
  for (const s of specs) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const per = DTYPE_BYTES[s.quantization ? s.quantization.dtype : s.dtype] ?? 0;
    if (s.dtype === 'float32' && !s.quantization && offset + 4 * n <= data.byteLength) {
      const values = new Float32Array(data.slice(offset, offset + 4 * n));
      for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) return { name: s.name, value: values[i] };
    }
    offset += n * per;
  }
  return null;
}

/**
 * Builds a layers model from model.json text and a reader for the manifest's weight files
 * (paths relative to model.json); `source` names model.json in errors.
 */
export async function layersModelFromFiles(
  jsonText: string,
  readBin: (relPath: string) => Promise<ArrayBuffer>,
  source = DEFAULT_STEM.json,
): Promise<tfl.LayersModel> {
  const json = parseModelJson(jsonText, source);
  const paths = json.weightsManifest.flatMap((g) => g.paths);
  for (const p of paths) {
    if (typeof p !== 'string' || p.startsWith('/') || /^[a-z]+:/i.test(p) || p.split(/[/\\]/).includes('..')) {
      throw new Error(`${source} lists weight file "${String(p)}"; expected a path relative to its directory.`);
    }
  }
  const bins = await Promise.all(paths.map((p) => readBin(p)));
  const weightData = tf.io.CompositeArrayBuffer.join(bins);
  const specs = tf.io.getWeightSpecs(json.weightsManifest);
  checkWeightBytes(specs, weightData.byteLength, paths.join(' + ') || '(no weight files)', source);
  const bad = firstNonFiniteWeight(specs, weightData);
  if (bad) throw new Error(`${paths.join(' + ')} (listed in ${source}) holds ${bad.value} in weight "${bad.name}": the weights are damaged or come from a diverged run.`);
  const artifacts = tf.io.getModelArtifactsForJSONSync(json, specs, weightData);
  try {
    return await tfl.loadLayersModel({ load: async () => artifacts });
  } catch (e) {
    throw new Error(`${source} could not be loaded: ${(await shapeMismatch(json, specs)) ?? (e as Error).message}`);
  }
}

// tfjs says only "Shape mismatch: [4,32] vs. [32,4]": build the topology alone to name the weight and both shapes
async function shapeMismatch(json: tf.io.ModelJSON, specs: tf.io.WeightsManifestEntry[]): Promise<string | null> {
  let bare: tfl.LayersModel;
  try {
    bare = await tfl.loadLayersModel({ load: async () => ({ modelTopology: json.modelTopology, format: json.format }) });
  } catch {
    return null;
  }
  try {
    const need = new Map(bare.weights.map((w) => [w.originalName, w.shape]));
    for (const s of specs) {
      const shape = need.get(s.name);
      if (shape && shape.join() !== s.shape.join()) return `weight "${s.name}" has shape [${s.shape}] in the weights manifest, but its layer needs [${shape}].`;
    }
    return null;
  } finally {
    bare.dispose();
  }
}

function checkNames(list: NamedTensor[]): void {
  const seen = new Set<string>();
  for (const { name, tensor } of list) {
    if (typeof name !== 'string' || name.length === 0) throw new Error('encodeNamedTensors: every tensor needs a non-empty name.');
    if (seen.has(name)) throw new Error(`encodeNamedTensors: duplicate tensor name "${name}"; names must be unique.`);
    if (tensor.isDisposed) throw new Error(`encodeNamedTensors: tensor "${name}" is already disposed.`);
    seen.add(name);
  }
}

/** Packs named tensors (any dtype) into manifest specs + one buffer, exactly (no quantisation). */
export async function encodeNamedTensors(list: NamedTensor[]): Promise<{ specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer }> {
  checkNames(list);
  const { data, specs } = await tf.io.encodeWeights(list.map(({ name, tensor }) => ({ name, tensor })));
  return { specs, data };
}

/** Unpacks `encodeNamedTensors` output in spec order; the returned tensors are the caller's. */
export function decodeNamedTensors(specs: tf.io.WeightsManifestEntry[], data: ArrayBuffer): NamedTensor[] {
  checkWeightBytes(specs, data.byteLength, 'tensor data', 'its manifest');
  const map = tf.io.decodeWeights(data, specs);
  return specs.map((s) => ({ name: s.name, tensor: map[s.name] }));
}

/** The JSON document describing named tensors stored in `binName`. */
export function namedTensorsJson(specs: tf.io.WeightsManifestEntry[], binName: string): NamedTensorsJson {
  return { format: 'genlab-named-tensors', weightsManifest: [{ paths: [binName], weights: specs }] };
}

/** Parses and checks a named-tensors JSON document; `source` names the file in errors. */
export function parseNamedTensorsJson(text: string, source: string): NamedTensorsJson {
  let j: Partial<NamedTensorsJson>;
  try {
    j = JSON.parse(text) as Partial<NamedTensorsJson>;
  } catch (e) {
    throw new Error(`${source} is not valid JSON (${(e as Error).message}); expected a genlab named-tensors file.`);
  }
  if (j?.format !== 'genlab-named-tensors' || !Array.isArray(j.weightsManifest) || j.weightsManifest.length !== 1) {
    throw new Error(`${source} is not a genlab named-tensors file: expected { format: 'genlab-named-tensors', weightsManifest: [one group] }.`);
  }
  return j as NamedTensorsJson;
}
