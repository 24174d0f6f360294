// Test helper: switch the engine to a named backend (cpu / wasm) inside a test file.
import { initNodeEngine } from '../../src/node/engine.js';
import { tf } from '../../src/engine/tf.js';

/** Backends every engine-level test runs on. */
export const TEST_BACKENDS = ['cpu', 'wasm'] as const;

/** Selects `name` and returns it; tests call this in `before` hooks. */
export async function useBackend(name: string): Promise<string> {
  await initNodeEngine(name);
  if (tf.getBackend() !== name) await tf.setBackend(name);
  return tf.getBackend();
}
