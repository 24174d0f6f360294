// `genlab train ID` and `genlab quickstart`: train with a progress bar; Ctrl-C checkpoints and exits 130.
import type { Command } from 'commander';
import { trainRun, type TrainRunOptions } from '../../node/train-run.js';
import { engineInfo } from '../../engine/backend.js';
import { progressReporter } from '../progress.js';
import { collect, commandLine, globalBackend } from '../options.js';
import { configKeyRows, formatConfigKeys, formatKindPresets, kindPresetNote } from '../config-help.js';
import { readCheckpointMeta } from '../../node/checkpoint.js';
import { resolveSessionConfig } from '../../node/session.js';
import { getSpec } from '../../registry.js';

/** Exit codes of the signals that stop training with a checkpoint (128 + signal number, as shells report them). */
const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/**
 * Runs training with terminal progress; SIGINT (Ctrl-C), SIGTERM (what kill, systemd, Docker and
 * Kubernetes send) and SIGHUP (a closed terminal) write a checkpoint and exit 130 / 143 / 129.
 * Returns the process exit code.
 */
export async function trainWithProgress(opts: TrainRunOptions, label: string): Promise<number> {
  const controller = new AbortController();
  let stoppedBy: keyof typeof STOP_SIGNALS | null = null;
  const handlers = Object.keys(STOP_SIGNALS).map((name) => {
    const signal = name as keyof typeof STOP_SIGNALS;
    const onSignal = () => {
      if (stoppedBy) process.exit(STOP_SIGNALS[signal]); // a second signal leaves at once
      stoppedBy = signal;
      process.stderr.write(`\n${signal === 'SIGINT' ? 'Interrupted' : `Stopped by ${signal}`}: writing a checkpoint (Ctrl-C again to quit without it)…\n`);
      controller.abort();
    };
    process.on(signal, onSignal);
    return [signal, onSignal] as const;
  });
  const progress = progressReporter(label);
  try {
    const { dir, result, session, startStep, artifacts } = await trainRun({
      ...opts,
      signal: controller.signal,
      onEvent: progress.onEvent,
      command: commandLine(),
    });
    progress.stop();
    session.dispose();
    const info = engineInfo();
    const evalText = result.lastEval ? Object.entries(result.lastEval).map(([k, v]) => `${k}=${v.toFixed(3)}`).join(' ') : '';
    if (result.reason === 'interrupted') {
      process.stderr.write(`Checkpoint written to ${dir} at step ${result.step}. Resume with: genlab train --resume ${dir}\n`);
      return STOP_SIGNALS[stoppedBy ?? 'SIGINT'];
    }
    const steps = result.step - startStep;
    const range = startStep > 0 ? ` (steps ${startStep + 1}–${result.step})` : '';
    process.stdout.write(
      `Trained ${session.spec.id} for ${steps} steps${range} in ${(result.elapsedMs / 1000).toFixed(1)} s on ${info?.backend}. ${evalText}\n` +
        `Run directory: ${dir} (${[...artifacts, 'log.jsonl', 'checkpoint'].join(', ')})\n`,
    );
    return 0;
  } finally {
    progress.stop();
    for (const [signal, onSignal] of handlers) process.off(signal, onSignal);
  }
}

/** Registers `train`. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('Train a registered model (see `genlab list`) or resume a run')
    .argument('[model]', 'model id, e.g. vae')
    .option('-p, --preset <name>', "named preset of the model (e.g. tiny); default: its preset for the dataset's kind (see MODEL --help), 'defaults' for none")
    .option('-c, --config <file>', 'JSON file with a partial config')
    .option('-s, --set <key=value>', 'dotted config override, repeatable (e.g. model.latentDim=16)', collect, [])
    .option('--steps <n>', 'training steps (same as --set train.steps=N)')
    .option('--seed <n>', 'random seed (same as --set seed=N)')
    .option('-d, --dataset <name>', 'dataset name (same as --set data.name=NAME; see `genlab list --datasets`)')
    .option('-o, --out <dir>', 'run directory (default runs/<model>-<time>); an existing non-empty one is refused')
    .option('--overwrite', 'empty a non-empty --out before training instead of refusing it')
    .option('--resume <dir>', 'continue training from a run directory')
    .option('--init <dir>', "start a new run from a run's weights, model settings and tokenizer (fine-tuning)")
    .option('--data <path>', 'dataset file or folder (same as --set data.path=PATH)')
    .option('--columns <spec.json>', 'tables: a JSON file declaring column kinds (same as --set data.columnSpec=FILE)')
    .option('--dp-epsilon <eps>', 'train with DP-SGD until this ε (δ = train.dp.delta, default 1e-5; same as --set train.dp.targetEpsilon=EPS)')
    .option('--print-config', 'print the resolved config (after preset, file, --set, --resume) as JSON and exit without training')
    .helpOption(false)
    .option('-h, --help', "display help; with a MODEL (or --resume DIR), also the model's config keys with type, default and description")
    .addHelpText('after', '\nExamples:\n  genlab train vae --preset tiny\n  genlab train vae --set model.latentDim=16 --steps 5000\n  genlab train --resume runs/vae-20261128-120000 --steps 8000\n  genlab train gpt --init runs/gpt-pretrained --data my-corpus.txt --preset finetune\n  genlab train vae --help              (the model\'s config keys)\n  genlab train vae --preset tiny --print-config')
    .action(async (model: string | undefined, o, cmd: Command) => {
      if (o.help) {
        process.stdout.write(cmd.helpInformation());
        const id = model ?? (o.resume || o.init ? (await readCheckpointMeta(o.resume ?? o.init)).modelId : undefined);
        if (id) process.stdout.write(formatConfigKeys(id, configKeyRows(getSpec(id).schema)) + formatKindPresets(getSpec(id)));
        return;
      }
      if (!model && !o.resume && !o.init) throw new Error('Name a model to train (see `genlab list`) or pass --resume DIR.');
      const overrides: string[] = [...o.set];
      if (o.steps !== undefined) overrides.push(`train.steps=${o.steps}`);
      if (o.seed !== undefined) overrides.push(`seed=${o.seed}`);
      if (o.dataset !== undefined) overrides.push(`data.name=${o.dataset}`);
      if (o.data !== undefined) overrides.push(`data.path=${o.data}`);
      if (o.columns !== undefined) overrides.push(`data.columnSpec=${o.columns}`);
      if (o.dpEpsilon !== undefined) overrides.push(`train.dp.targetEpsilon=${o.dpEpsilon}`);
      if (o.resume && model) throw new Error('With --resume the model comes from the checkpoint; drop the model id.');
      const onNotice = (n: string) => process.stderr.write(`genlab: ${n}\n`);
      const preset = o.preset ?? dpPresetFor(model, o.dpEpsilon !== undefined, onNotice);
      const source = { modelId: model, preset, configFile: o.config, overrides, checkpoint: o.resume, init: o.init, onNotice };
      const resolved = o.resume ? undefined : await resolveSessionConfig(source);
      // the note goes to stderr, so the printed config stays a valid --config file
      if (resolved) process.stderr.write(kindPresetNote(resolved.spec, resolved.config.data.name, resolved.preset));
      if (o.printConfig) {
        process.stdout.write(JSON.stringify((resolved ?? (await resolveSessionConfig(source))).config, null, 2) + '\n');
        return;
      }
      process.exitCode = await trainWithProgress(
        { ...source, out: o.out, overwrite: o.overwrite === true, backend: globalBackend(cmd) },
        model ?? (o.init ? 'fine-tune' : 'resume'),
      );
    });
}

/** A fresh DP run names no preset: the model's `dp` preset when it has one (its settings for DP-SGD). */
function dpPresetFor(model: string | undefined, dp: boolean, onNotice: (n: string) => void): string | undefined {
  if (!dp || !model || !getSpec(model).presets?.dp) return undefined;
  onNotice(`${model} with --dp-epsilon uses its preset "dp" (see ${model} --help); --preset NAME for another.`);
  return 'dp';
}

/** Registers `quickstart`: a small VAE on the bundled MNIST for about a minute. */
export function registerQuickstart(program: Command): void {
  program
    .command('quickstart')
    .description('Train a small VAE on the bundled MNIST (about a minute) and write runs/<id>/ with samples, interpolation and report')
    .option('-o, --out <dir>', 'run directory')
    .option('--steps <n>', 'training steps')
    .action(async (o, cmd: Command) => {
      const overrides = o.steps !== undefined ? [`train.steps=${o.steps}`] : [];
      process.exitCode = await trainWithProgress(
        { modelId: 'vae', preset: 'quickstart', overrides, out: o.out, backend: globalBackend(cmd) },
        'quickstart vae',
      );
    });
}
