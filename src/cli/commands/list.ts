// `genlab list`: the registry (models, presets, capabilities) and the dataset names.
import type { Command } from 'commander';
import { MODEL_SPECS } from '../../registry.js';
import { leafPaths } from '../../config/schema-walk.js';
import { DATASET_NAMES } from '../../node/datasets.js';
import { commandsFor } from '../run-commands.js';

/** Registers `list`. */
export function registerList(program: Command): void {
  program
    .command('list')
    .description('List registered models (and datasets)')
    .option('--json', 'print JSON')
    .option('--datasets', 'list dataset names instead')
    .action((o) => {
      if (o.datasets) {
        process.stdout.write(o.json ? JSON.stringify({ datasets: DATASET_NAMES }) + '\n' : DATASET_NAMES.join('\n') + '\n');
        return;
      }
      const rows = MODEL_SPECS.map((s) => ({
        id: s.id,
        family: s.family,
        description: s.description,
        recipe: s.recipe,
        presets: Object.keys(s.presets),
        capabilities: s.capabilities,
        commands: commandsFor(s),
        configKeys: leafPaths(s.schema),
      }));
      if (o.json) {
        process.stdout.write(JSON.stringify({ models: rows }, null, 2) + '\n');
        return;
      }
      for (const r of rows) {
        process.stdout.write(`${r.id.padEnd(14)} ${r.family.padEnd(10)} ${r.description}\n${' '.repeat(26)}presets: ${r.presets.join(', ')}\n${' '.repeat(26)}commands: ${r.commands.join(', ')}\n`);
      }
    });
}
