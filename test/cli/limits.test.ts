// Count flags are checked before anything is allocated (issue 19 items 8 and 10): `sample --n` of any size
// is written as numbered files in bounded memory, limits derived from memory say the limit and the way past
// it, bad counts and seeds get a message (never a raw RangeError), and an unwritable --out names the cause.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MODEL_SPECS } from '../../src/registry.js';
import { requireCapability } from '../../src/cli/options.js';
import { numberedFile } from '../../src/cli/commands/sample.js';
import { main } from '../../src/cli/main.js';
import { tempDir } from '../helpers/tmp.js';
import { genlabHere } from '../helpers/spawn-cli.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
function genlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, GENLAB_BACKEND: 'cpu' }, timeout: 120000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}


/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

const run = path.join(tempDir(), 'vae');
before(() => {
  const r = genlab('train', 'vae', '--preset', 'tiny', '--steps', '2', '--out', run);
  assert.equal(r.code, 0, r.err);
});

test('sample --n above --per-file writes numbered files of at most --per-file samples, from one seeded stream', () => {
  const dir = tempDir();
  const r = genlab('sample', run, '--n', '10', '--per-file', '4', '--batch', '3', '--out', path.join(dir, 's.png'));
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(readdirSync(dir).sort(), ['s-0001.png', 's-0002.png', 's-0003.png']);
  assert.deepEqual(r.out.trim().split('\n').map((f) => path.basename(f)), ['s-0001.png', 's-0002.png', 's-0003.png']);
  // 28×28 digits with 2 px borders: 4 samples are a 2×2 grid, the last 2 a 2×1 row
  assert.deepEqual(pngSize(path.join(dir, 's-0001.png')), [62, 62]);
  assert.deepEqual(pngSize(path.join(dir, 's-0003.png')), [62, 32]);
  // the first file holds the same samples as `--n 4` (batches and files draw from one Rng in order)
  const one = genlab('sample', run, '--n', '4', '--out', path.join(dir, 'four.png'));
  assert.equal(one.code, 0, one.err);
  assert.deepEqual(readFileSync(path.join(dir, 'four.png')), readFileSync(path.join(dir, 's-0001.png')));
  assert.equal(numberedFile('a/b.png', 7, 12345), 'a/b-00007.png');
  assert.equal(numberedFile('a/b.png', 1, 1), 'a/b.png');
});

test('sizes beyond this machine are refused before allocation, with the limit and how to go past it', () => {
  const perFile = genlab('sample', run, '--per-file', '1e12');
  assert.equal(perFile.code, 1);
  assert.match(perFile.err, /^genlab: --per-file 1000000000000 would hold about [\d.]+ TB of samples and their PNG grid in memory; the limit on this machine is \d+ \([\d.]+ [GM]B, 1\/8 of its [\d.]+ GB\)\. Pass a smaller --per-file: a larger --n is written as numbered files/);
  const batch = genlab('sample', run, '--batch', '1e9');
  assert.equal(batch.code, 1);
  assert.match(batch.err, /^genlab: --batch 1000000000 would hold about .* the limit on this machine is \d+ .* Pass a smaller --batch/);
  // 1e10 digits (before: "Invalid typed array length: 40000000000" after reading the run) exceed any disk here
  const disk = genlab('sample', run, '--n', '1e10', '--out', path.join(tempDir(), 'x.png'));
  assert.equal(disk.code, 1);
  assert.match(disk.err, /^genlab: --n 10000000000 would write at least [\d.]+ TB of PNGs \([\d.]+ TB of pixels before compression\), but .* has [\d.]+ [GMT]B free\. Pass a smaller --n/);
});

test('bad counts and seeds get a message and exit 1, never a raw RangeError', async () => {
  const cases: [string[], RegExp][] = [
    [['--n', '-1'], /--n must be a positive integer, got "-1"\./],
    [['--n', 'abc'], /--n must be a positive integer, got "abc"\./],
    [['--n', '1e999'], /--n must be a positive integer, got "1e999"\./],
    [['--n', '0'], /--n must be a positive integer, got "0"\./],
    [['--n', '1e300'], /--n must be a positive integer, got "1e300" \(above 9007199254740991, where integers lose precision\)\./],
    [['--per-file', '2.5'], /--per-file must be a positive integer, got "2\.5"\./],
    [['--batch', '-4'], /--batch must be a positive integer, got "-4"\./],
    [['--seed', 'abc'], /--seed must be an integer, got "abc"\./],
    [['--seed', '1e999'], /--seed must be an integer, got "1e999"\./],
    [['--steps', '-3'], /--steps must be a non-negative integer, got "-3"\./],
  ];
  for (const [args, msg] of cases) {
    const r = await genlabHere('sample', run, ...args, '--out', path.join(tempDir(), 'x.png'));
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.err, msg, args.join(' '));
    assert.doesNotMatch(r.err, /RangeError|Invalid typed array|TypeError|at .*\.ts:/, args.join(' '));
  }
});

test('the other commands check their counts and seeds the same way', () => {
  const cases: [string[], RegExp][] = [
    // before: "Rng seed must be a finite number, got NaN." (after loading the run)
    [['eval', 'nll', run, '--seed', 'abc', '--n', '4', '--k', '2'], /^genlab: --seed must be an integer, got "abc"\.$/m],
    [['eval', 'mig', run, '--seed', '1.5'], /^genlab: --seed must be an integer, got "1\.5"\.$/m],
    // before: "Invalid typed array length: 16000000000"
    [['traverse', run, '--steps', '1e9', '--out', path.join(tempDir(), 't.png')], /^genlab: --steps 1000000000 would hold about .* the limit on this machine is \d+ .* Pass a smaller --steps\.$/m],
    [['eval', 'nll', run, '--n', '1e300'], /^genlab: --n must be a positive integer, got "1e300" \(above/m],
  ];
  for (const [args, msg] of cases) {
    const r = genlab(...args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.err, msg, args.join(' '));
  }
});

test('upscale on a plain ddpm says what the model lacks, from its capabilities', () => {
  const ddpm = MODEL_SPECS.find((s) => s.id === 'ddpm')!;
  assert.throws(() => requireCapability(ddpm, 'upscale'), /^Error: Model "ddpm" cannot upscale; models that can: ddpm-sr\. It was not trained with a low-resolution copy of each image as its condition\.$/);
  const sr = MODEL_SPECS.find((s) => s.id === 'ddpm-sr')!;
  assert.throws(() => requireCapability(sr, 'inpaint'), /^Error: Model "ddpm-sr" cannot inpaint; models that can: .*\. Its denoiser is conditioned on a low-resolution image, which inpainting does not supply\.$/);
  const gpt = MODEL_SPECS.find((s) => s.id === 'gpt')!;
  assert.throws(() => requireCapability(gpt, 'sample'), /It outputs text, not images, points or tables\.$/);
});

/** A folder nothing can be written into: mode 0o555, or as root (where chmod does not bite) a read-only tmpfs. */
function unwritableDir(): { dir: string; release: () => void } | null {
  const dir = tempDir();
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    return { dir, release: () => chmodSync(dir, 0o755) };
  }
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir]);
  return m.status === 0 ? { dir, release: () => spawnSync('umount', [dir]) } : null;
}

const ro = unwritableDir();
test(
  '--out in a read-only or unwritable folder names the folder and the cause (not ENOENT or a raw EROFS)',
  { skip: !ro && 'running as root, where mode 0o555 does not bite, and no read-only tmpfs could be mounted' },
  () => {
    const { dir, release } = ro!;
    try {
      const cause = new RegExp(`${dir} is on a read-only file system|permission denied in ${dir}`);
      const s = genlab('sample', run, '--n', '2', '--out', path.join(dir, 's.png'));
      assert.equal(s.code, 1);
      assert.match(s.err, new RegExp(`^genlab: Cannot write --out ${dir}/s\\.png: `));
      assert.match(s.err, cause);
      // train into the existing empty folder: refused up front (before: EROFS on config.schema.json)
      const t = genlab('train', 'vae', '--preset', 'tiny', '--steps', '1', '--out', dir);
      assert.equal(t.code, 1);
      assert.match(t.err, new RegExp(`^genlab: Cannot write the run directory ${dir}: `));
      assert.match(t.err, cause);
      const sub = genlab('train', 'vae', '--preset', 'tiny', '--steps', '1', '--out', path.join(dir, 'run'));
      assert.equal(sub.code, 1);
      assert.match(sub.err, new RegExp(`^genlab: Cannot create the run directory ${dir}/run: `));
      assert.match(sub.err, cause);
    } finally {
      release();
    }
  },
);

test('--out under /proc or in a missing folder gives the real reason before sampling', { skip: !existsSync('/proc/self') && 'no /proc' }, () => {
  const missing = genlab('sample', run, '--n', '2', '--out', '/proc/genlab-x/s.png');
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^genlab: Cannot write --out \/proc\/genlab-x\/s\.png: the folder \/proc\/genlab-x does not exist\.$/m);
  const proc = genlab('sample', run, '--n', '2', '--out', '/proc/s.png');
  assert.equal(proc.code, 1);
  assert.match(proc.err, /^genlab: Cannot write --out \/proc\/s\.png: (\/proc does not allow new folders or files|permission denied in \/proc)/);
  const folder = genlab('sample', run, '--n', '2', '--out', tempDir());
  assert.equal(folder.code, 1);
  assert.match(folder.err, /it is a folder; give a file name\./);
});
