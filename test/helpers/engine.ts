// Test helper: switch the engine to a named backend (cpu / wasm / native) inside a test file.
import { initNodeEngine } from '../../src/node/engine.js';
import { loadNativeAddon } from '../../src/node/native-addon.js';
import { tf } from '../../src/engine/tf.js';

const native = loadNativeAddon();
if ('reason' in native) {
  // Printed per test file: a missing addon must be visible, not a silent gap in coverage.
  console.log(`# skipping the 'native' backend in engine tests: it is ${native.reason} (see README, Engine).`);
}

/** Backends every engine-level test runs on ('native' when its addon is built). */
export const TEST_BACKENDS: readonly string[] = ['cpu', 'wasm', ...('blas' in native ? ['native'] : [])];

/** Selects `name` and returns it; tests call this in `before` hooks. */
export async function useBackend(name: string): Promise<string> {
  await initNodeEngine(name);
  if (tf.getBackend() !== name) await tf.setBackend(name);
  return tf.getBackend();
}
