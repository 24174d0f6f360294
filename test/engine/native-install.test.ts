// The install step never fails: without OpenBLAS (simulated) or with the build turned off, the build
// script exits 0 with a one-line hint, and the engine then starts on wasm under 'auto' (native when built).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadNativeAddon } from '../../src/node/native-addon.js';
import { tempDir } from '../helpers/tmp.js';

/** Runs node with the caller's env minus genlab's native switches (each test sets its own). */
const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, args, {
    env: { ...process.env, GENLAB_NATIVE: undefined, GENLAB_NATIVE_PRETEND_NO_OPENBLAS: undefined, ...env },
    encoding: 'utf8',
  });

test('build-native without OpenBLAS exits 0 with the apt hint', () => {
  const r = run(['scripts/build-native.mjs'], { GENLAB_NATIVE_PRETEND_NO_OPENBLAS: '1' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /native backend not built \(OpenBLAS headers not found\).*apt install libopenblas-dev/);
});

const noAddon = 'reason' in loadNativeAddon() && 'native addon not built (no OpenBLAS here)';

test('build-native whose compile fails exits 0, shows the compiler output and the hint', { skip: noAddon }, () => {
  const fakeGyp = path.join(tempDir(), 'node-gyp.js'); // stands in for npm's node-gyp; builds nothing
  writeFileSync(fakeGyp, "console.error('cblas.h: error: simulated compiler failure'); process.exit(1);");
  const r = run(['scripts/build-native.mjs'], { npm_config_node_gyp: fakeGyp });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /simulated compiler failure[\s\S]*native backend not built \(the node-gyp build failed/);
});

test('build-native with GENLAB_NATIVE=off exits 0 and builds nothing', () => {
  const r = run(['scripts/build-native.mjs'], { GENLAB_NATIVE: 'off' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /GENLAB_NATIVE=off/);
});

test("'auto' starts wasm when native is unavailable; asking for native names the fix", () => {
  const script = `
    import { initNodeEngine } from './src/node/engine.ts';
    const info = await initNodeEngine('auto');
    console.log('backend=' + info.backend + ' hint=' + info.hint);
    try { await initNodeEngine('native'); } catch (e) { console.log(e.message); }`;
  const r = run(['--import', 'tsx', '--input-type=module', '-e', script], { GENLAB_NATIVE: 'off' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /backend=wasm hint=genlab: running on wasm; the native backend is turned off.*apt install libopenblas-dev/);
  assert.doesNotMatch(r.stderr, /genlab: running on wasm/); // GENLAB_NATIVE=off: a deliberate choice, no hint printed
  assert.match(r.stdout, /Backend "native" could not start\. It is turned off \(GENLAB_NATIVE=off\); install OpenBLAS/);
});

test("'auto' picks the native backend when its addon is built", { skip: noAddon }, () => {
  const script = `
    import { initNodeEngine } from './src/node/engine.ts';
    const info = await initNodeEngine('auto');
    console.log('backend=' + info.backend + ' threads=' + info.nativeThreads);`;
  const r = run(['--import', 'tsx', '--input-type=module', '-e', script], { GENLAB_NATIVE_THREADS: '1' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /backend=native threads=1/);
  assert.equal(r.stderr, '');
});
