// `genlab generate --tokens` of any size (issue 19 item 8): one sample streams to stdout chunk by chunk (before,
// `--tokens 1e8` printed nothing for as long as it ran), the chunks give exactly one long call's text, several
// samples are held within a memory limit, and bad counts get a message instead of a raw RangeError.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openSession } from '../../src/node/session.js';
import { isTextModel } from '../../src/models/types.js';
import { Rng } from '../../src/random/rng.js';
import { trainRun } from '../../src/node/train-run.js';
import { useBackend } from '../helpers/engine.js';
import { main } from '../../src/cli/main.js';
import { tempDir } from '../helpers/tmp.js';
import { genlabHere } from '../helpers/spawn-cli.js';

const CLI = path.join(import.meta.dirname, '..', 'helpers', 'cli.ts');
const ENV = { ...process.env, GENLAB_BACKEND: 'cpu' };
function genlab(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: ENV, timeout: 120000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}


const work = tempDir();
const run = path.join(work, 'gpt');
const corpus = path.join(work, 'corpus.txt');
writeFileSync(corpus, 'To be, or not to be, that is the question:\nWhether tis nobler in the mind to suffer\n'.repeat(30));

before(async () => {
  await useBackend('cpu');
  const r = await trainRun({ modelId: 'gpt', preset: 'tiny', overrides: ['train.steps=2', `data.path=${corpus}`], out: run, backend: 'cpu' });
  r.session.dispose();
});

test('generate in chunks gives exactly the text of one long model.generate call', async () => {
  const r = genlab('generate', run, '--tokens', '600', '--temperature', '0.9', '--top-k', '20', '--seed', '7', '--prompt', 'To');
  assert.equal(r.code, 0, r.err);
  const s = await openSession({ checkpoint: run });
  try {
    const model = s.model;
    assert.ok(isTextModel(model));
    const prompt = s.data.tokenizer!.encode('To');
    const [seq] = s.recipe.withSamplingWeights(() => model.generate([prompt], 600, { temperature: 0.9, topK: 20 }, new Rng(7)));
    assert.equal(r.out, s.data.tokenizer!.decode(seq!) + '\n');
  } finally {
    s.dispose();
  }
});

test('--tokens 1e8 streams: text arrives within seconds instead of after the whole run', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'generate', run, '--tokens', '1e8', '--seed', '3'], { env: ENV });
  const t0 = performance.now();
  let out = '';
  const got = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 90000);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.length > 600) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.on('exit', () => resolve(false));
  });
  child.kill('SIGKILL');
  assert.ok(got, `no streamed text (stdout ${out.length} chars)`);
  const short = genlab('generate', run, '--tokens', '300', '--seed', '3');
  assert.equal(short.code, 0, short.err);
  // the first 300 tokens are those of --tokens 300 (one character each, after the newline prompt)
  assert.equal(out.slice(0, 301), short.out.slice(0, 301));
  console.log(`# 600 characters of --tokens 1e8 after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
});

test('several samples are held within a memory limit; bad counts get a message', async () => {
  const big = await genlabHere('generate', run, '-n', '4', '--tokens', '1e9');
  assert.equal(big.code, 1);
  assert.match(big.err, /^genlab: --tokens 1000000000 would hold about [\d.]+ GB of the 4 samples' tokens and text in memory; the limit on this machine is \d+ \(.*\)\. Pass -n 1 to stream one sample to stdout without a limit, or fewer --tokens\.$/m);
  const cases: [string[], RegExp][] = [
    [['--tokens', 'abc'], /--tokens must be a positive integer, got "abc"\./],
    [['--tokens', '-1'], /--tokens must be a positive integer, got "-1"\./],
    [['--tokens', '1.5'], /--tokens must be a positive integer, got "1\.5"\./],
    [['--tokens', '1e999'], /--tokens must be a positive integer, got "1e999"\./],
    [['--tokens', '1e300'], /--tokens must be a positive integer, got "1e300" \(above/],
    [['-n', '0'], /--num-samples must be a positive integer, got "0"\./],
    [['--seed', '0.5'], /--seed must be an integer, got "0\.5"\./],
  ];
  for (const [args, msg] of cases) {
    const r = await genlabHere('generate', run, ...args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.err, msg, args.join(' '));
    assert.doesNotMatch(r.err, /RangeError|Invalid typed array/, args.join(' '));
  }
  const out = genlab('generate', run, '--tokens', '3', '--out', '/proc/genlab-x/out.txt');
  assert.equal(out.code, 1);
  assert.match(out.err, /^genlab: Cannot write --out \/proc\/genlab-x\/out\.txt: the folder \/proc\/genlab-x does not exist\.$/m);
});
