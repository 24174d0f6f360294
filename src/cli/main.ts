// The genlab command line: list | train | sample | eval | info | quickstart.
import { Command } from 'commander';
import { registerList } from './commands/list.js';
import { registerQuickstart, registerTrain } from './commands/train.js';
import { registerSample } from './commands/sample.js';
import { registerEval } from './commands/eval.js';
import { registerEvalFeatures } from './commands/eval-features.js';
import { registerEvalAccuracy, registerEvalCompare, registerEvalRun } from './commands/eval-run.js';
import { registerInfo } from './commands/info.js';
import { registerGenerate } from './commands/generate.js';
import { registerBench } from './commands/bench.js';
import { registerInpaint } from './commands/inpaint.js';
import { registerUpscale } from './commands/upscale.js';
import { registerEvalAnomaly } from './commands/eval-anomaly.js';
import { registerEvalMig } from './commands/eval-mig.js';
import { registerTraverse } from './commands/traverse.js';
import { registerTopics } from './commands/topics.js';
import { registerEvalLabels } from './commands/eval-conditional.js';

/** Builds the CLI program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command();
  program.enablePositionalOptions(); // before any subcommand is created, so they inherit it
  program
    .name('genlab')
    .description('Train, sample and evaluate generative models in TypeScript')
    .version('0.1.0')
    .option('-b, --backend <name>', 'tfjs backend: auto | native | wasm | cpu | tensorflow (env GENLAB_BACKEND)');
  registerList(program);
  registerTrain(program);
  registerSample(program);
  const evalCmd = registerEval(program);
  registerEvalFeatures(evalCmd);
  registerEvalCompare(evalCmd);
  registerEvalAccuracy(evalCmd);
  registerEvalRun(evalCmd);
  registerEvalAnomaly(evalCmd);
  registerEvalMig(evalCmd);
  registerEvalLabels(evalCmd);
  registerTraverse(program);
  registerTopics(program);
  registerInfo(program);
  registerGenerate(program);
  registerBench(program);
  registerInpaint(program);
  registerUpscale(program);
  registerQuickstart(program);
  // `eval DIR` has options of its own that its subcommands share names with (--n, --json); positional
  // options keep each option with the command it follows, so --backend is offered on every command.
  const addBackend = (c: Command) => {
    c.commands.forEach(addBackend);
    if (!c.options.some((o) => o.long === '--backend')) c.option('-b, --backend <name>', 'tfjs backend: auto | native | wasm | cpu | tensorflow (env GENLAB_BACKEND)');
  };
  program.commands.forEach(addBackend);
  return program;
}

/** Runs the CLI; errors print as one line (set GENLAB_DEBUG=1 for stacks). */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    const err = e as Error;
    process.stderr.write(`genlab: ${process.env.GENLAB_DEBUG ? err.stack : err.message}\n`);
    process.exitCode = 1;
  }
}
