// Limits on the count flags that size an allocation (--n, --per-file, --batch, --tokens), derived from this
// machine's memory and checked before anything is allocated, with messages that say the limit and the way past it.
import os from 'node:os';

/** The share of physical memory one allocation sized by a flag may take. */
export const MEMORY_SHARE = 1 / 8;

/** Bytes one flag-sized allocation may take here. */
export function memoryBudget(): number {
  return Math.floor(os.totalmem() * MEMORY_SHARE);
}

/** Bytes in words: 3.1 GB, 512 MB, 4 KB. */
export function formatBytes(b: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) (b /= 1024), i++;
  return `${b >= 100 || i === 0 ? Math.round(b) : b.toPrecision(2)} ${units[i]}`;
}

/** Parses a count flag: a positive safe integer (rejects -1, 1.5, abc, 1e999 and 1e300 alike). */
export function countOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) {
    const why = Number.isInteger(n) && n > 0 ? ` (above ${Number.MAX_SAFE_INTEGER}, where integers lose precision)` : '';
    throw new Error(`--${name} must be a positive integer, got "${value}"${why}.`);
  }
  return n;
}

/** The largest count whose `bytesEach`-sized items fit the memory budget (at least 1). */
export function maxCount(bytesEach: number): number {
  return Math.max(1, Math.floor(memoryBudget() / bytesEach));
}

/**
 * Throws before allocation when `count` items of `bytesEach` bytes exceed the memory budget; the message
 * names the flag, the memory it would take, the limit on this machine and `hint` (how to go past it).
 */
export function checkCount(flag: string, count: number, bytesEach: number, what: string, hint: string): void {
  const max = maxCount(bytesEach);
  if (count <= max) return;
  throw new Error(
    `--${flag} ${count} would hold about ${formatBytes(count * bytesEach)} of ${what} in memory; the limit on this machine is ${max} ` +
      `(${formatBytes(memoryBudget())}, 1/${Math.round(1 / MEMORY_SHARE)} of its ${formatBytes(os.totalmem())}). ${hint}`,
  );
}

/** A sampling network's activations, taken as this many times a sample's size (a guess that errs large). */
export const ACTIVATION_FACTOR = 64;

/**
 * Throws before sampling when `count` samples of `shape` drawn in one model call (images in one result row)
 * would exceed the memory budget, counting the network's activations as ACTIVATION_FACTOR samples each.
 */
export function checkSampleCount(flag: string, count: number, shape: number[], hint: string): void {
  const bytes = 4 * ACTIVATION_FACTOR * shape.reduce((a, b) => a * b, 1);
  checkCount(flag, count, bytes, `samples and network activations (taken as ${ACTIVATION_FACTOR}× a sample)`, hint);
}
