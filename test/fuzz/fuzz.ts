// Shared pieces of the loader fuzz suite (issue 19): run counts scaled by FUZZ_RUNS, a fixed seed,
// byte-level mutations of valid files, and the properties every loader holds on invalid input.
import assert from 'node:assert/strict';
import fc from 'fast-check';

/** Multiplier of every run count: 1 in CI (`npm test`), 20 under `npm run fuzz`. */
export const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_RUNS ?? '1') || 1);

/** Fixed seed of every property (override with FUZZ_SEED to explore other cases). */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? '19');

/** Per-file tally of cases run, printed by `report`. */
export class CaseCounter {
  readonly byProperty = new Map<string, number>();
  total = 0;

  /** Runs `prop` under the fixed seed for `runs × FUZZ_SCALE` cases and counts them under `name`. */
  check<Ts extends [unknown, ...unknown[]]>(name: string, runs: number, prop: fc.IPropertyWithHooks<Ts> | fc.IAsyncPropertyWithHooks<Ts>): void | Promise<void> {
    const numRuns = runs * FUZZ_SCALE;
    const done = () => {
      this.byProperty.set(name, (this.byProperty.get(name) ?? 0) + numRuns);
      this.total += numRuns;
    };
    const out = fc.assert(prop as fc.IRawProperty<Ts>, { seed: FUZZ_SEED, numRuns, endOnFailure: true, includeErrorInReport: true });
    if (out instanceof Promise) return out.then(done);
    done();
  }

  /** Counts `n` hand-written cases (known findings, bombs) under `name`. */
  add(name: string, n = 1): void {
    this.byProperty.set(name, (this.byProperty.get(name) ?? 0) + n);
    this.total += n;
  }

  /** Prints the case count and the process's max RSS as test diagnostics. */
  report(t: { diagnostic(msg: string): void }, loader: string): void {
    const rss = process.resourceUsage().maxRSS / 1024; // KiB → MiB
    t.diagnostic(`fuzz ${loader}: ${this.total} cases (scale ${FUZZ_SCALE}); max RSS ${rss.toFixed(0)} MiB`);
    for (const [k, v] of this.byProperty) t.diagnostic(`  ${k}: ${v}`);
  }
}

// What a raw runtime or library error looks like; a message for users never shows these.
const INTERNAL = [
  /Cannot read propert/i, /\bundefined\b/, /is not a function/, /is not iterable/, /Invalid typed array length/,
  /out of bounds/i, /Offset is outside/, /\bERR_[A-Z_]+/, /Maximum call stack/, /Array buffer allocation/, /^Error in \w+:/,
  /(got|is|of|=) NaN\b/, /Unexpected token/, /Invalid array length/,
];

/** Asserts that `e` is a plain Error whose message is for people (no internals) and names `source` when given. */
export function assertHumanError(e: unknown, source?: string): void {
  if (!(e instanceof Error)) assert.fail(`threw a non-Error: ${String(e)}`);
  assert.equal(e.constructor, Error, `threw ${e.constructor.name}, not Error: ${e.message}`);
  for (const re of INTERNAL) assert.doesNotMatch(e.message, re, `message shows internals: ${e.message}`);
  assert.ok(e.message.length >= 20, `message too short to teach: ${e.message}`);
  if (source !== undefined) assert.ok(e.message.includes(source), `message does not name ${source}: ${e.message}`);
}

/** Time bound of a single case (ms); a loader that takes longer on a few-KB input counts as hanging. */
export const CASE_MS = 2000;

/**
 * Runs `load` and classifies the outcome: a result (then `valid` checks it is right), or an error
 * that must be human. Every case must finish within CASE_MS.
 */
export function outcome<T>(load: () => T, source: string | undefined, valid: (r: T) => void, why?: RegExp): void {
  const t0 = performance.now();
  let r: T;
  try {
    r = load();
  } catch (e) {
    assertHumanError(e, source);
    if (why) assert.match((e as Error).message, why, 'the message does not say what is wrong in the format\'s terms');
    assert.ok(performance.now() - t0 < CASE_MS, `took ${(performance.now() - t0).toFixed(0)} ms to fail`);
    return;
  }
  assert.ok(performance.now() - t0 < CASE_MS, `took ${(performance.now() - t0).toFixed(0)} ms`);
  valid(r);
}

/** Async form of `outcome`. */
export async function outcomeAsync<T>(load: () => Promise<T>, source: string | undefined, valid: (r: T) => void, why?: RegExp): Promise<void> {
  const t0 = performance.now();
  let r: T;
  try {
    r = await load();
  } catch (e) {
    assertHumanError(e, source);
    if (why) assert.match((e as Error).message, why, 'the message does not say what is wrong in the format\'s terms');
    assert.ok(performance.now() - t0 < CASE_MS, `took ${(performance.now() - t0).toFixed(0)} ms to fail`);
    return;
  }
  assert.ok(performance.now() - t0 < CASE_MS, `took ${(performance.now() - t0).toFixed(0)} ms`);
  valid(r);
}

/** Asserts that `load` throws a human Error naming `source` whose message matches `re`. */
export function rejects(load: () => unknown, source: string | undefined, re?: RegExp): void {
  let threw = false;
  try {
    load();
  } catch (e) {
    threw = true;
    assertHumanError(e, source);
    if (re) assert.match((e as Error).message, re);
  }
  assert.ok(threw, 'accepted invalid input');
}

/** One edit of a byte string: flip bits of a byte, overwrite, truncate, splice in random bytes, or delete a range. */
export type Mutation =
  | { kind: 'flip'; at: number; mask: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number };

/** Mutations with positions as fractions of the input (so one arbitrary fits any length). */
export const mutationArb: fc.Arbitrary<{ kind: Mutation['kind']; at: number; n: number; bytes: Uint8Array }> = fc.record({
  kind: fc.constantFrom('flip', 'set', 'truncate', 'insert', 'delete'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  n: fc.integer({ min: 0, max: 255 }),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
});

/** Applies 1–`max` mutations to a copy of `bytes`; `headerBias` of them land in the first `head` bytes. */
export function mutate(bytes: Uint8Array, edits: { kind: Mutation['kind']; at: number; n: number; bytes: Uint8Array }[], head = 0): Uint8Array {
  let b = Uint8Array.from(bytes);
  edits.forEach((m, i) => {
    const span = head > 0 && i % 2 === 0 ? Math.min(head, b.length) : b.length;
    const at = Math.min(Math.floor(m.at * span), Math.max(0, b.length - 1));
    switch (m.kind) {
      case 'flip':
        if (b.length) b[at] ^= m.n | 1;
        break;
      case 'set':
        if (b.length) b[at] = m.n;
        break;
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'insert': {
        const out = new Uint8Array(b.length + m.bytes.length);
        out.set(b.subarray(0, at));
        out.set(m.bytes, at);
        out.set(b.subarray(at), at + m.bytes.length);
        b = out;
        break;
      }
      case 'delete': {
        const end = Math.min(b.length, at + 1 + (m.n % 16));
        const out = new Uint8Array(b.length - (end - at));
        out.set(b.subarray(0, at));
        out.set(b.subarray(end), at);
        b = out;
        break;
      }
    }
  });
  return b;
}

/** 1–4 mutations. */
export const editsArb = fc.array(mutationArb, { minLength: 1, maxLength: 4 });

/** Growth of the process's max RSS (MiB) while `fn` runs; the high-water mark only grows, so measure big cases first. */
export async function rssGrowthMiB(fn: () => unknown | Promise<unknown>): Promise<number> {
  const before = process.resourceUsage().maxRSS;
  await fn();
  return (process.resourceUsage().maxRSS - before) / 1024;
}
