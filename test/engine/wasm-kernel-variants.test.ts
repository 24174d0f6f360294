// Both builds of genlab's wasm kernels: the relaxed-SIMD one (fused multiply-add) that Node 20 runs once
// src/node/engine.ts enables the proposal, and the SIMD128-only one (GENLAB_WASM_RELAXED=off, or
// runtimes without relaxed SIMD); GENLAB_WASM_KERNELS=off leaves tfjs-wasm's kernels. Each in a fresh
// process, since the build is chosen once per process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wasm-variant-child.ts');

function runChild(env: Record<string, string>): { wasmKernels: string | null; worst: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', child], { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

for (const [env, variant] of [[{}, 'relaxed-simd'], [{ GENLAB_WASM_RELAXED: 'off' }, 'simd'], [{ GENLAB_WASM_KERNELS: 'off' }, null]] as const) {
  test(`wasm kernels ${JSON.stringify(env)}: the ${variant ?? 'stock tfjs-wasm'} kernels run and match cpu on matmuls and convs`, () => {
    const out = runChild(env);
    assert.equal(out.wasmKernels, variant);
    assert.ok(out.worst < 1e-5, `worst relative error ${out.worst}`);
  });
}
