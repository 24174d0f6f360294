// Fault injection into the checkpoint writer (SQLite's crash-at-every-write discipline): with step N−1
// on disk, the commit of step N is killed before and in the middle of every file-system call, and fails
// with ENOSPC on every write; each time the run must load as exactly step N or N−1 — every file's bytes
// equal to one step's, never a mix — and the next commit must succeed.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBackend } from '../helpers/engine.js';
import { tempDir } from '../helpers/tmp.js';
import { openSession } from '../../src/node/session.js';
import { checkpointFiles } from '../../src/node/checkpoint.js';
import { commitCheckpoint, resolveCheckpoint, type CheckpointFile } from '../../src/node/checkpoint-store.js';
import { nodeCheckpointFs, type CheckpointFs } from '../../src/node/checkpoint-fs.js';
import { Rng } from '../../src/random/rng.js';

const TRIALS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1)) * 3;

class Killed extends Error {} // the message ends up in the store's error: a dead process says nothing more

/** The real fs, dead from call `at` on; `partial` writes a prefix of the file at that call first (a torn write). */
function dyingFs(at: number, partial: number | null, calls = { n: 0 }): CheckpointFs {
  const fs = nodeCheckpointFs;
  const gate = async <T>(op: () => Promise<T>, torn?: () => Promise<void>): Promise<T> => {
    const i = calls.n++;
    if (i > at) throw new Killed('dead');
    if (i === at) {
      if (torn) await torn();
      throw new Killed('killed');
    }
    return op();
  };
  const prefix = (data: string | Uint8Array) => Buffer.from(data).subarray(0, Math.floor((partial ?? 0) * Buffer.byteLength(data)));
  return {
    mkdir: (d) => gate(() => fs.mkdir(d)),
    writeFileSynced: (f, data) => gate(() => fs.writeFileSynced(f, data), partial === null ? undefined : () => fs.writeFileSynced(f, prefix(data))),
    syncDir: (d) => gate(() => fs.syncDir(d)),
    rename: (a, b) => gate(() => fs.rename(a, b)),
    link: (a, b) => gate(() => fs.link(a, b)),
    rm: (t) => gate(() => fs.rm(t)),
    readdir: (d) => gate(() => fs.readdir(d)),
    readFile: (f) => gate(() => fs.readFile(f)),
    isDirectory: (t) => gate(() => fs.isDirectory(t)),
  };
}

/** The real fs whose `at`-th write stores a prefix and fails with ENOSPC, as a full disk does. */
function fullDiskFs(at: number, partial: number): CheckpointFs {
  let writes = 0;
  return {
    ...nodeCheckpointFs,
    async writeFileSynced(f, data) {
      if (writes++ !== at) return nodeCheckpointFs.writeFileSynced(f, data);
      await nodeCheckpointFs.writeFileSynced(f, Buffer.from(data).subarray(0, Math.floor(partial * Buffer.byteLength(data))));
      throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
    },
  };
}

let stepA: CheckpointFile[];
let stepB: CheckpointFile[];
const A = 4;
const B = 5;

before(async () => {
  await useBackend('cpu');
  const s = await openSession({ modelId: 'vae', preset: 'tiny' });
  const input = (step: number) => ({ modelId: s.spec.id, config: s.config, model: s.model, recipe: s.recipe, step, dataRng: s.dataRng.state(), engine: null });
  stepA = (await checkpointFiles(input(A))).files;
  const batch = s.data.train.batch(Array.from({ length: 8 }, (_, i) => i));
  s.recipe.step({ batch, step: A, lr: 1e-2 });
  batch.x.dispose();
  batch.y?.dispose();
  stepB = (await checkpointFiles(input(B))).files;
  s.dispose();
  // the two steps must differ in every network file, or a mix could pass unseen
  for (const f of stepA.filter((f) => f.name.endsWith('.bin'))) {
    assert.ok(!Buffer.from(f.data).equals(Buffer.from(stepB.find((g) => g.name === f.name)!.data)), `${f.name} is the same in both steps`);
  }
});

/** Loads the run as the product does and returns which step every file came from. */
async function loadedStep(runDir: string): Promise<number> {
  const { dir } = await resolveCheckpoint(runDir);
  const meta = JSON.parse(readFileSync(path.join(dir, 'genlab.json'), 'utf8'));
  const expected = meta.step === A ? stepA : meta.step === B ? stepB : null;
  assert.ok(expected, `loaded step ${meta.step}, expected ${A} or ${B}`);
  for (const f of expected) {
    if (f.name === 'genlab.json') continue;
    assert.ok(readFileSync(path.join(dir, f.name)).equals(Buffer.from(f.data)), `${f.name} of the loaded step ${meta.step} holds bytes of another step`);
  }
  // the top-level copy of the primary network, when present, is whole: it matches one step (not necessarily the loaded one)
  const top = readFileSync(path.join(runDir, 'weights.bin'));
  const want = [stepA, stepB].map((s) => Buffer.from(s.find((f) => f.name === 'weights.bin')!.data));
  assert.ok(want.some((w) => w.equals(top)), 'weights.bin at the top is torn');
  return meta.step;
}

async function freshRunAtA(): Promise<string> {
  const runDir = tempDir('genlab-faults-');
  await commitCheckpoint(runDir, A, stepA, { keep: 2, mirror: ['weights.bin', 'model.json'] });
  return runDir;
}

test('a kill before or in the middle of any file-system call of a commit leaves step N or N−1, never a mix', async (t) => {
  // count the calls of one undisturbed commit
  const calls = { n: 0 };
  const probe = await freshRunAtA();
  await commitCheckpoint(probe, B, stepB, { keep: 2, mirror: ['weights.bin', 'model.json'], fs: dyingFs(Infinity, null, calls) });
  const total = calls.n;
  assert.ok(total > 2 * stepB.length, `a commit makes ${total} calls`);
  const rng = new Rng(19);
  const seen: Record<number, number> = { [A]: 0, [B]: 0 };
  let cases = 0;
  for (let at = 0; at < total; at++) {
    for (let trial = 0; trial < TRIALS; trial++) {
      const runDir = await freshRunAtA();
      const partial = trial === 0 ? null : rng.uniform();
      await assert.rejects(commitCheckpoint(runDir, B, stepB, { keep: 2, mirror: ['weights.bin', 'model.json'], fs: dyingFs(at, partial) }), /\b(killed|dead)\b/);
      seen[await loadedStep(runDir)]++;
      // the process restarts and writes the step again: it must succeed and be what loads
      await commitCheckpoint(runDir, B, stepB, { keep: 2, mirror: ['weights.bin', 'model.json'] });
      assert.equal(await loadedStep(runDir), B, `recommit after a kill at call ${at}`);
      cases++;
    }
  }
  t.diagnostic(`kill points ${total} × ${TRIALS} trials = ${cases} cases: loaded step ${A} ${seen[A]} times, step ${B} ${seen[B]} times, 0 torn`);
  assert.ok(seen[A] > 0 && seen[B] > 0, 'both outcomes occur (the kill points span the publish rename)');
});

test('ENOSPC on any write fails the commit naming the file, leaves step N−1 whole, and the next commit succeeds', async (t) => {
  let cases = 0;
  const rng = new Rng(23);
  for (let at = 0; at < stepB.length + 1; at++) {
    for (let trial = 0; trial < TRIALS; trial++) {
      const runDir = await freshRunAtA();
      await assert.rejects(commitCheckpoint(runDir, B, stepB, { keep: 2, mirror: ['weights.bin', 'model.json'], fs: fullDiskFs(at, rng.uniform()) }), (e: Error) => {
        assert.match(e.message, /^Could not write .*step-5\.tmp[/\\][\w.]+: no space left on the device \(ENOSPC\)\.$/);
        return true;
      });
      assert.equal(await loadedStep(runDir), A, `ENOSPC at write ${at}`);
      await commitCheckpoint(runDir, B, stepB, { keep: 2, mirror: ['weights.bin', 'model.json'] });
      assert.equal(await loadedStep(runDir), B);
      cases++;
    }
  }
  t.diagnostic(`ENOSPC at each of ${stepB.length + 1} writes × ${TRIALS} trials (the files and the manifest) = ${cases} cases, 0 torn`);
});

test('a kill while a step is written again (an interrupt right after its cadence checkpoint) still loads that step', async (t) => {
  const calls = { n: 0 };
  const probe = await freshRunAtA();
  await commitCheckpoint(probe, B, stepB, { keep: 2, mirror: ['weights.bin', 'model.json'] });
  await commitCheckpoint(probe, B, stepB, { keep: 2, mirror: ['weights.bin', 'model.json'], fs: dyingFs(Infinity, null, calls) });
  for (let at = 0; at < calls.n; at++) {
    const runDir = await freshRunAtA();
    await commitCheckpoint(runDir, B, stepB, { keep: 2, mirror: ['weights.bin', 'model.json'] });
    await assert.rejects(commitCheckpoint(runDir, B, stepB, { keep: 2, mirror: ['weights.bin', 'model.json'], fs: dyingFs(at, 0.5) }), /\b(killed|dead)\b/);
    assert.equal(await loadedStep(runDir), B, `kill at call ${at} of the rewrite`);
  }
  t.diagnostic(`rewrite of a published step killed at each of ${calls.n} calls: step ${B} loaded every time`);
});
