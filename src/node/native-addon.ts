// Node adapter for the native backend: loads the addon that `npm install` built in native/build
// (scripts/build-native.mjs) and sets its OpenBLAS thread count from GENLAB_NATIVE_THREADS.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NativeBlas } from '../engine/native/blas.js';

const require = createRequire(import.meta.url);
/** The package root: this file sits in src/node (tsx) or dist/node (built). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADDON = path.join(root, 'native', 'build', 'Release', 'genlab_native.node');

/**
 * Default OpenBLAS threads: half the cores (at least 1). On the 2-core reference machine, shared with
 * other jobs, two threads ranged from 1.5× faster to 2× slower than one (OpenBLAS threads spin while
 * waiting, which hurts on a busy machine), so one thread there, leaving a core to the rest.
 */
export const DEFAULT_NATIVE_THREADS = Math.max(1, Math.floor(availableParallelism() / 2));

let cached: { blas: NativeBlas } | { reason: string } | undefined;

/** Threads requested by GENLAB_NATIVE_THREADS (a positive integer), else the default. */
export function nativeThreadsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GENLAB_NATIVE_THREADS;
  if (raw === undefined || raw === '') return DEFAULT_NATIVE_THREADS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`GENLAB_NATIVE_THREADS must be a positive integer, got "${raw}".`);
  return n;
}

/** The loaded addon, or why there is none (phrased to follow "the native backend is …"). */
export function loadNativeAddon(): { blas: NativeBlas } | { reason: string } {
  if (cached) return cached;
  if (process.env.GENLAB_NATIVE === 'off') return (cached = { reason: 'turned off (GENLAB_NATIVE=off)' });
  if (!existsSync(ADDON)) return (cached = { reason: 'not built (OpenBLAS was missing at install)' });
  try {
    const blas = require(ADDON) as NativeBlas;
    blas.setThreads(nativeThreadsFromEnv());
    cached = { blas };
  } catch (err) {
    cached = { reason: `not loadable (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
  return cached;
}

/** True when the native addon is built and loads. */
export function nativeAvailable(): boolean {
  return 'blas' in loadNativeAddon();
}
