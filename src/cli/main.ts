// The genlab command line: list | train | sample | eval | info | quickstart | … Commands over a run
// directory are declared as data (RunCommand) and registered from the two tables below.
import { Command } from 'commander';
import { registerList } from './commands/list.js';
import { registerQuickstart, registerTrain } from './commands/train.js';
import { registerEvalFeatures } from './commands/eval-features.js';
import { registerEvalCompare, registerEvalRun } from './commands/eval-run.js';
import { registerEvalTabular } from './commands/eval-tabular.js';
import { registerInfo } from './commands/info.js';
import { registerBench } from './commands/bench.js';
import { addRunCommand } from './options.js';
import { EVAL_COMMANDS, RUN_COMMANDS } from './run-commands.js';

const BACKEND_FLAGS = ['-b, --backend <name>', 'tfjs backend: auto | native | wasm | cpu | tensorflow (env GENLAB_BACKEND)'] as const;

/** Builds the CLI program (exported for tests). */
export function buildProgram(): Command {
  const program = new Command();
  program.enablePositionalOptions(); // before any subcommand is created, so they inherit it
  program.name('genlab').description('Train, sample and evaluate generative models in TypeScript').version('0.1.0').option(...BACKEND_FLAGS);
  registerList(program);
  registerTrain(program);
  const evalCmd = program.command('eval').description('Evaluate a trained model');
  registerEvalFeatures(evalCmd);
  registerEvalCompare(evalCmd);
  registerEvalTabular(evalCmd);
  registerEvalRun(evalCmd);
  for (const c of EVAL_COMMANDS) addRunCommand(evalCmd, c);
  for (const c of RUN_COMMANDS) addRunCommand(program, c);
  registerInfo(program);
  registerBench(program);
  registerQuickstart(program);
  // `eval DIR` has options of its own that its subcommands share names with (--n, --json); positional
  // options keep each option with the command it follows, so --backend is offered on every command.
  const addBackend = (c: Command) => {
    c.commands.forEach(addBackend);
    if (!c.options.some((o) => o.long === '--backend')) c.option(...BACKEND_FLAGS);
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
