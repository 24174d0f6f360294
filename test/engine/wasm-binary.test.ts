// The committed wasm kernel binary (src/engine/wasm-kernels/binary.ts) must come from the committed C:
// its recorded input hash is recomputed here, so a C change without `node scripts/build-wasm-kernels.mjs`
// fails CI (which has no clang). The module must also import only tfjs' memory and allocator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASM_KERNELS_BASE64, WASM_KERNELS_INPUTS, WASM_KERNELS_INPUTS_SHA256 } from '../../src/engine/wasm-kernels/binary.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the wasm kernel binary was built from the committed sources (rebuild: node scripts/build-wasm-kernels.mjs)', () => {
  const hash = createHash('sha256');
  for (const f of WASM_KERNELS_INPUTS) hash.update(`${f}\n`).update(readFileSync(path.join(root, f)));
  assert.equal(hash.digest('hex'), WASM_KERNELS_INPUTS_SHA256);
  assert.ok(WASM_KERNELS_INPUTS.includes('native/src/conv.c') && WASM_KERNELS_INPUTS.includes('wasm/include/math.h'));
});

test('the wasm kernel module imports only memory, malloc and free, and exports its stack pointer', () => {
  const module = new WebAssembly.Module(Buffer.from(WASM_KERNELS_BASE64, 'base64'));
  assert.deepEqual(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`).sort(),
    ['env.free:function', 'env.malloc:function', 'env.memory:memory']);
  assert.ok(WebAssembly.Module.exports(module).some((e) => e.name === '__stack_pointer' && e.kind === 'global'));
});
