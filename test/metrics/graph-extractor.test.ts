// A tfjs graph model given by path works as a feature extractor (features = its output or a named node).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tf } from '../../src/engine/tf.js';
import { loadExtractor } from '../../src/node/extractors.js';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';

before(() => useBackend('wasm'));

const dim = (...sizes: number[]) => ({ dim: sizes.map((s) => ({ size: String(s) })) });

/** Writes a GraphDef-JSON model: x [?, 2, 2, 1] → reshape [?, 4] → matMul W [4, 3] → relu. */
function writeGraphModel(dir: string, w: number[]): void {
  const float = { type: 'DT_FLOAT' };
  const int = { type: 'DT_INT32' };
  const modelTopology = {
    node: [
      { name: 'x', op: 'Placeholder', attr: { dtype: float, shape: { shape: dim(-1, 2, 2, 1) } } },
      { name: 'shape', op: 'Const', attr: { value: { tensor: { dtype: 'DT_INT32', tensorShape: dim(2) } }, dtype: int } },
      { name: 'W', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dim(4, 3) } }, dtype: float } },
      { name: 'flat', op: 'Reshape', input: ['x', 'shape'], attr: { T: float, Tshape: int } },
      { name: 'proj', op: 'MatMul', input: ['flat', 'W'], attr: { T: float, transpose_a: { b: false }, transpose_b: { b: false } } },
      { name: 'out', op: 'Relu', input: ['proj'], attr: { T: float } },
    ],
    library: {},
    versions: { producer: 1 },
  };
  const weights = [
    { name: 'shape', shape: [2], dtype: 'int32' },
    { name: 'W', shape: [4, 3], dtype: 'float32' },
  ];
  const bin = Buffer.concat([Buffer.from(new Int32Array([-1, 4]).buffer), Buffer.from(new Float32Array(w).buffer)]);
  writeFileSync(path.join(dir, 'model.json'), JSON.stringify({ format: 'graph-model', modelTopology, weightsManifest: [{ paths: ['group1.bin'], weights }] }));
  writeFileSync(path.join(dir, 'group1.bin'), bin);
}

test('graph model extractor: output features and a named intermediate node', async () => {
  const dir = tempDir();
  const w = [1, 0, -1, 0, 1, 0, 0, 0, 2, 1, 1, 1];
  writeGraphModel(dir, w);
  const x = tf.tensor4d([1, 2, 3, 4, 0, 1, 0, 1], [2, 2, 2, 1]);
  const ex = await loadExtractor(dir);
  assert.equal(ex.featureDim, 3);
  assert.deepEqual(ex.inputShape, [2, 2, 1]);
  // row 1: [1,2,3,4]·W = [1+4, 2+4, -1+6+4] = [5, 6, 9]; row 2: [0,1,0,1]·W = [1, 2, 1]
  const f = ex.features(x);
  assert.deepEqual(Array.from(f.dataSync()), [5, 6, 9, 1, 2, 1]);
  f.dispose();
  ex.dispose();
  const inner = await loadExtractor(`${dir}#flat`);
  assert.equal(inner.featureDim, 4);
  const g = inner.features(x);
  assert.deepEqual(Array.from(g.dataSync()), [1, 2, 3, 4, 0, 1, 0, 1]);
  g.dispose();
  inner.dispose();
  x.dispose();
});
