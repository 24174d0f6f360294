// Fuzzing what a checkpoint loader reads: flipped and truncated bytes in every file of the newest step,
// files swapped in from the step before, and every field of a legacy genlab.json set to arbitrary JSON.
// A damaged newest step is never loaded (the run falls back to the step before, naming the file);
// a damaged lone step is refused naming it; a bad field is refused naming genlab.json, never a TypeError.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';
import { trainRun } from '../../src/node/train-run.js';
import { openSession } from '../../src/node/session.js';
import { resolveCheckpoint } from '../../src/node/checkpoint-store.js';

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));
let run = '';
const step = (n: number) => path.join(run, 'checkpoints', `step-${n}`);

before(async () => {
  await useBackend('cpu');
  run = tempDir('genlab-ckfuzz-');
  const r = await trainRun({ modelId: 'vae', preset: 'tiny', overrides: ['train.steps=4', 'train.checkpointEvery=2'], out: run, backend: 'cpu', skipArtifacts: true });
  r.session.dispose();
});

const FILES = ['model.json', 'weights.bin', 'encoder.json', 'encoder.bin', 'state.json', 'state.bin', 'genlab.json', 'manifest.json'];
type Damage = { file: string; kind: 'flip' | 'truncate' | 'from-previous'; at: number; bit: number };
const damage = fc.record({
  file: fc.constantFrom(...FILES),
  kind: fc.constantFrom<Damage['kind']>('flip', 'truncate', 'from-previous'),
  at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  bit: fc.integer({ min: 0, max: 7 }),
});

function applyDamage(dir: string, previous: string, d: Damage): void {
  const file = path.join(dir, d.file);
  const bytes = readFileSync(file);
  const at = Math.floor(d.at * bytes.length);
  if (d.kind === 'flip') bytes[at] ^= 1 << d.bit;
  const out = d.kind === 'truncate' ? bytes.subarray(0, at) : d.kind === 'from-previous' ? readFileSync(path.join(previous, d.file)) : bytes;
  writeFileSync(file, out);
}

test('a damaged newest step is passed over for the step before, with a notice naming the file', async (t) => {
  let cases = 0;
  await fc.assert(
    fc.asyncProperty(damage, async (d) => {
      const work = tempDir('genlab-ckfuzz-case-');
      cpSync(run, work, { recursive: true });
      applyDamage(path.join(work, 'checkpoints', 'step-4'), path.join(work, 'checkpoints', 'step-2'), d);
      cases++;
      const r = await resolveCheckpoint(work);
      if (r.dir === path.join(work, 'checkpoints', 'step-4')) {
        // only a change that leaves the bytes as they were may load (e.g. swapping in an identical file)
        assert.ok(readFileSync(path.join(work, 'checkpoints', 'step-4', d.file)).equals(readFileSync(path.join(step(4), d.file))), `damaged ${d.file} was loaded (${d.kind})`);
        return;
      }
      assert.equal(r.dir, path.join(work, 'checkpoints', 'step-2'));
      assert.equal(r.notices.length, 1);
      assert.ok(r.notices[0].includes('step-4') && (r.notices[0].includes(d.file) || /manifest/.test(r.notices[0])), r.notices[0]);
      rmSync(work, { recursive: true, force: true });
    }),
    { seed: 19, numRuns: 40 * RUNS },
  );
  t.diagnostic(`${cases} damaged newest steps, none loaded`);
});

test('a damaged lone step is refused naming the file, never loaded', async (t) => {
  let cases = 0;
  await fc.assert(
    fc.asyncProperty(damage, async (d) => {
      const work = tempDir('genlab-ckfuzz-case-');
      cpSync(step(4), work, { recursive: true });
      const before = readFileSync(path.join(work, d.file));
      applyDamage(work, step(2), d);
      cases++;
      if (readFileSync(path.join(work, d.file)).equals(before)) return;
      await assert.rejects(openSession({ checkpoint: work }), (e: Error) => {
        assert.ok(!(e instanceof TypeError) && !(e instanceof RangeError), `${e.name}: ${e.message}`);
        assert.ok(e.message.includes(work) && (e.message.includes(d.file) || /manifest/.test(e.message)), e.message);
        return true;
      });
      rmSync(work, { recursive: true, force: true });
    }),
    { seed: 23, numRuns: 30 * RUNS },
  );
  t.diagnostic(`${cases} damaged lone steps refused`);
});

/** Every path to a value in a JSON tree (objects and arrays), the root's children first. */
function leafPaths(v: unknown, at: string[] = []): string[][] {
  if (v === null || typeof v !== 'object') return [at];
  return [at, ...Object.entries(v as object).flatMap(([k, c]) => leafPaths(c, [...at, k]))].filter((p) => p.length > 0);
}

test('any field of a legacy genlab.json set to arbitrary JSON is refused naming the file, or opens', async (t) => {
  const legacy = tempDir('genlab-ckfuzz-legacy-');
  cpSync(step(4), legacy, { recursive: true });
  rmSync(path.join(legacy, 'manifest.json'));
  const file = path.join(legacy, 'genlab.json');
  const good = readFileSync(file, 'utf8');
  const paths = leafPaths(JSON.parse(good)).filter((p) => p[0] !== 'savedAt' && p[0] !== 'engine');
  let refused = 0;
  let opened = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (p, value) => {
      const meta = JSON.parse(good);
      let node = meta;
      for (const k of p.slice(0, -1)) node = node[k];
      node[p[p.length - 1]] = value;
      writeFileSync(file, JSON.stringify(meta));
      try {
        (await openSession({ checkpoint: legacy })).dispose();
        opened++;
      } catch (e) {
        const err = e as Error;
        assert.ok(!(err instanceof TypeError) && !(err instanceof RangeError), `${p.join('.')} = ${JSON.stringify(value)}: ${err.name}: ${err.message}`);
        assert.ok(err.message.includes('genlab.json') || err.message.includes(legacy), `${p.join('.')} = ${JSON.stringify(value)}: ${err.message}`);
        refused++;
      }
    }),
    { seed: 29, numRuns: 60 * RUNS },
  );
  writeFileSync(file, good);
  t.diagnostic(`${refused + opened} field edits: ${refused} refused naming the file, ${opened} opened (values the schema allows)`);
});
