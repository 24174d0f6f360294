// The genlab command line: list | train | sample | eval | info | quickstart.
import { Command } from 'commander';
import { registerList } from './commands/list.js';
import { registerQuickstart, registerTrain } from './commands/train.js';
import { registerSample } from './commands/sample.js';
import { registerEval } from './commands/eval.js';
import { registerEvalFeatures } from './commands/eval-features.js';
import { registerEvalRun } from './commands/eval-run.js';
import { registerInfo } from './commands/info.js';
import { registerGenerate } from './commands/generate.js';
import { registerBench } from './commands/bench.js';

/** Builds the CLI program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('genlab')
    .description('Train, sample and evaluate generative models in TypeScript')
    .version('0.1.0')
    .option('-b, --backend <name>', 'tfjs backend: auto | wasm | cpu | tensorflow (env GENLAB_BACKEND)');
  registerList(program);
  registerTrain(program);
  registerSample(program);
  const evalCmd = registerEval(program);
  registerEvalFeatures(evalCmd);
  registerEvalRun(evalCmd);
  registerInfo(program);
  registerGenerate(program);
  registerBench(program);
  registerQuickstart(program);
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
