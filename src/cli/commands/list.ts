// `genlab list`: the registry (models, presets, capabilities) and the dataset table (kinds, options).
import type { Command } from 'commander';
import { MODEL_SPECS } from '../../registry.js';
import { leafPaths } from '../../config/schema-walk.js';
import { commandsFor } from '../run-commands.js';
import { datasetRows } from '../../node/datasets/table.js';

// ' (by data kind: vector → toy, image → images)', or nothing
function byKind(m: Record<string, string | undefined>): string {
  const e = Object.entries(m);
  return e.length ? ` (default by data kind: ${e.map(([k, v]) => `${k} → ${v}`).join(', ')})` : '';
}

/** Registers `list`. */
export function registerList(program: Command): void {
  program
    .command('list')
    .description('List registered models (and datasets)')
    .option('--json', 'print JSON')
    .option('--datasets', 'list dataset names instead')
    .action((o) => {
      if (o.datasets) {
        const rows = datasetRows();
        if (o.json) {
          process.stdout.write(JSON.stringify({ datasets: rows }, null, 2) + '\n');
          return;
        }
        for (const d of rows) {
          process.stdout.write(`${d.name.padEnd(16)} ${d.kind.padEnd(9)} ${d.description}\n`);
          for (const p of d.options) {
            const def = p.default === undefined ? '' : ` = ${JSON.stringify(p.default)}`;
            process.stdout.write(`${' '.repeat(18)}${`${p.name}: ${p.type}${def}`.padEnd(40)} ${p.description}\n`);
          }
        }
        return;
      }
      const rows = MODEL_SPECS.map((s) => ({
        id: s.id,
        family: s.family,
        description: s.description,
        recipe: s.recipe,
        presets: Object.keys(s.presets),
        presetByDataKind: s.presetByDataKind ?? {},
        capabilities: s.capabilities,
        commands: commandsFor(s),
        configKeys: leafPaths(s.schema),
      }));
      if (o.json) {
        process.stdout.write(JSON.stringify({ models: rows }, null, 2) + '\n');
        return;
      }
      for (const r of rows) {
        process.stdout.write(`${r.id.padEnd(14)} ${r.family.padEnd(10)} ${r.description}\n${' '.repeat(26)}presets: ${r.presets.join(', ')}${byKind(r.presetByDataKind)}\n${' '.repeat(26)}commands: ${r.commands.join(', ')}\n`);
      }
    });
}
