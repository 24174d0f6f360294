// Tests for layers-model checkpoints (src/io/weights.ts, src/node/model-files.ts): standard tfjs
// layout, custom file stems, bit-identical reload, exact named-tensor round trips, clear errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useBackend } from '../helpers/engine.js';
import { tf, tfl } from '../../src/engine/tf.js';
import { decodeNamedTensors, encodeNamedTensors, layersModelFromFiles, layersModelToFiles, resolveStem } from '../../src/io/weights.js';
import { loadLayersModel, readNamedTensors, saveLayersModel, writeNamedTensors } from '../../src/node/model-files.js';

let dir = '';
before(async () => {
  await useBackend('cpu');
  dir = await mkdtemp(path.join(tmpdir(), 'genlab-weights-'));
});
after(() => rm(dir, { recursive: true, force: true }));

function smallModel(): tfl.Sequential {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [6, 6, 2], filters: 3, kernelSize: 3, activation: 'relu' }));
  m.add(tfl.layers.flatten());
  m.add(tfl.layers.dense({ units: 4, activation: 'tanh' }));
  return m;
}

function predict(m: tfl.LayersModel, x: tf.Tensor): Float32Array {
  const y = m.predict(x) as tf.Tensor;
  const out = y.dataSync() as Float32Array;
  y.dispose();
  return out;
}

const bits = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

test('save → load with custom stems gives bit-identical predictions; manifest references the stem', async () => {
  const n0 = tf.memory().numTensors;
  const enc = smallModel();
  const main = smallModel();
  const x = tf.randomNormal([5, 6, 6, 2], 0, 1, 'float32', 7);
  const ckpt = path.join(dir, 'ckpt');
  await saveLayersModel(main, ckpt);
  const paths = await saveLayersModel(enc, ckpt, { json: 'encoder.json', bin: 'encoder.bin' });
  assert.deepEqual(paths, { json: path.join(ckpt, 'encoder.json'), bin: path.join(ckpt, 'encoder.bin') });

  const mj = JSON.parse(await readFile(path.join(ckpt, 'model.json'), 'utf8'));
  assert.equal(mj.format, 'layers-model');
  assert.deepEqual(mj.weightsManifest.map((g: { paths: string[] }) => g.paths), [['weights.bin']]);
  assert.match(mj.generatedBy, /tfjs-layers v4\./);
  assert.ok('convertedBy' in mj);
  assert.equal(mj.modelTopology.class_name, 'Sequential');
  const ej = JSON.parse(await readFile(path.join(ckpt, 'encoder.json'), 'utf8'));
  assert.deepEqual(ej.weightsManifest[0].paths, ['encoder.bin']);
  // conv kernel 3·3·2·3 + bias 3 + dense 48·4 + bias 4 floats
  assert.equal((await readFile(path.join(ckpt, 'encoder.bin'))).length, 4 * (54 + 3 + 48 * 4 + 4));

  const main2 = await loadLayersModel(ckpt);
  const enc2 = await loadLayersModel(ckpt, { json: 'encoder.json', bin: 'encoder.bin' });
  const enc3 = await loadLayersModel(ckpt, 'encoder');
  assert.deepEqual(bits(predict(main2, x)), bits(predict(main, x)));
  assert.deepEqual(bits(predict(enc2, x)), bits(predict(enc, x)));
  assert.deepEqual(bits(predict(enc3, x)), bits(predict(enc, x)));
  assert.notDeepEqual(bits(predict(enc, x)), bits(predict(main, x)));

  for (const m of [enc, main, main2, enc2, enc3]) m.dispose();
  x.dispose();
  assert.equal(tf.memory().numTensors, n0);
});

test('in-memory files round trip (browser path)', async () => {
  const n0 = tf.memory().numTensors;
  const m = smallModel();
  const files = await layersModelToFiles(m, 'g.bin');
  const m2 = await layersModelFromFiles(files.json, async (p) => {
    assert.equal(p, 'g.bin');
    return files.bin;
  });
  const x = tf.ones([1, 6, 6, 2]);
  assert.deepEqual(bits(predict(m2, x)), bits(predict(m, x)));
  m.dispose();
  m2.dispose();
  x.dispose();
  assert.equal(tf.memory().numTensors, n0);
});

test('named tensors round trip exactly (float32 edge values, int32, bool), in memory and on disk', async () => {
  const n0 = tf.memory().numTensors;
  const f = new Float32Array([0.1, -0, 1e-45, 3.4028234663852886e38, NaN, -Infinity, Math.PI, 1 / 3]);
  const list = [
    { name: 'adam/m/dense/kernel', tensor: tf.tensor2d(f, [2, 4]) },
    { name: 'step', tensor: tf.scalar(2147483647, 'int32') },
    { name: 'ints', tensor: tf.tensor1d([-5, 0, 7], 'int32') },
    { name: 'mask', tensor: tf.tensor1d([true, false, true], 'bool') },
  ];
  const check = (back: { name: string; tensor: tf.Tensor }[]): void => {
    assert.deepEqual(back.map((b) => b.name), list.map((l) => l.name));
    back.forEach((b, i) => {
      assert.equal(b.tensor.dtype, list[i].tensor.dtype);
      assert.deepEqual(b.tensor.shape, list[i].tensor.shape);
      const got = b.tensor.dataSync(), want = list[i].tensor.dataSync();
      if (b.tensor.dtype === 'float32') assert.deepEqual(bits(got as Float32Array), bits(want as Float32Array));
      else assert.deepEqual(Array.from(got), Array.from(want));
    });
    back.forEach((b) => b.tensor.dispose());
  };
  const { specs, data } = await encodeNamedTensors(list);
  check(decodeNamedTensors(specs, data));
  const out = await writeNamedTensors(path.join(dir, 'opt'), 'optimizer', list);
  assert.equal(path.basename(out.bin), 'optimizer.bin');
  const doc = JSON.parse(await readFile(out.json, 'utf8'));
  assert.deepEqual(doc.weightsManifest[0].paths, ['optimizer.bin']);
  check(await readNamedTensors(path.join(dir, 'opt'), 'optimizer'));
  list.forEach((l) => l.tensor.dispose());
  assert.equal(tf.memory().numTensors, n0);

  const t = tf.scalar(1);
  await assert.rejects(encodeNamedTensors([{ name: 'a', tensor: t }, { name: 'a', tensor: t }]), /duplicate tensor name "a"/);
  t.dispose();
  assert.throws(() => decodeNamedTensors(specs, data.slice(0, 8)), /holds 8 bytes but .* describes/);
});

test('errors name the path and what was expected', async () => {
  const missing = path.join(dir, 'does-not-exist');
  await assert.rejects(loadLayersModel(missing), (e: Error) => e.message.includes(missing) && /model\.json and weights\.bin/.test(e.message));
  await assert.rejects(readNamedTensors(missing, 'optimizer'), (e: Error) => e.message.includes(missing) && e.message.includes('optimizer.json'));

  const bad = path.join(dir, 'bad');
  await mkdir(bad, { recursive: true });
  await assert.rejects(loadLayersModel(bad), (e: Error) => e.message.includes(path.join(bad, 'model.json')) && /Missing model file/.test(e.message));

  await writeFile(path.join(bad, 'model.json'), JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }));
  await assert.rejects(loadLayersModel(bad), /format "graph-model", not "layers-model"/);
  await writeFile(path.join(bad, 'model.json'), '{ nope');
  await assert.rejects(loadLayersModel(bad), /model\.json is not valid JSON/);
  await writeFile(path.join(bad, 'model.json'), JSON.stringify({ hello: 1 }));
  await assert.rejects(loadLayersModel(bad), /is not a layers-model/);

  const m = smallModel();
  const good = path.join(dir, 'good');
  await saveLayersModel(m, good, 'gen');
  m.dispose();
  await writeFile(path.join(good, 'gen.bin'), Buffer.alloc(12));
  await assert.rejects(loadLayersModel(good, 'gen'), /holds 12 bytes but the manifest in .*gen\.json describes 1012 bytes/);
  await rm(path.join(good, 'gen.bin'));
  await assert.rejects(loadLayersModel(good, 'gen'), (e: Error) => e.message.includes(path.join(good, 'gen.bin')) && /Missing weights file/.test(e.message));

  assert.throws(() => resolveStem({ json: '../x.json', bin: 'w.bin' }), /plain file name/);
  assert.throws(() => resolveStem({ json: 'a', bin: 'a' }), /must differ/);
});

test('a transposed kernel shape and NaN weights are refused naming the file, the weight and both shapes', async () => {
  const m = smallModel();
  const d = path.join(dir, 'damaged');
  await saveLayersModel(m, d);
  const kernel = m.layers[2].getWeights()[0];
  const name = m.weights.find((w) => w.shape.join() === kernel.shape.join() && w.originalName.endsWith('kernel') && w.shape.length === 2)!.originalName;
  m.dispose();
  const json = JSON.parse(await readFile(path.join(d, 'model.json'), 'utf8'));
  const spec = json.weightsManifest[0].weights.find((w: { name: string }) => w.name === name);
  const [rows, cols] = spec.shape;
  spec.shape = [cols, rows];
  await writeFile(path.join(d, 'model.json'), JSON.stringify(json));
  await assert.rejects(loadLayersModel(d), (e: Error) => {
    assert.equal(e.message, `${path.join(d, 'model.json')} could not be loaded: weight "${name}" has shape [${cols},${rows}] in the weights manifest, but its layer needs [${rows},${cols}].`);
    return true;
  });
  spec.shape = [rows, cols];
  await writeFile(path.join(d, 'model.json'), JSON.stringify(json));
  const bin = await readFile(path.join(d, 'weights.bin'));
  new Float32Array(bin.buffer, bin.byteOffset, bin.byteLength / 4).fill(Number.NaN);
  await writeFile(path.join(d, 'weights.bin'), bin);
  await assert.rejects(loadLayersModel(d), /weights\.bin \(listed in .*model\.json\) holds NaN in weight "conv2d_.*\/kernel": the weights are damaged or come from a diverged run\./);
});
