// `genlab info DIR`: what a run directory holds (model, step, config, engine, metrics).
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkNetworkFiles, openCheckpoint, type CheckpointMeta } from '../../node/checkpoint.js';

const presetText = (p: CheckpointMeta['preset']): string =>
  !p ? 'none (the schema defaults)' : p.by === 'name' ? `${p.name} (named)` : `${p.name} (chosen for ${p.kind} data)`;

/** Registers `info`. */
export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('Describe a run directory / checkpoint')
    .argument('<dir>', 'run directory')
    .option('--json', 'print JSON')
    .action(async (dir: string, o) => {
      const { meta, dir: checkpoint, runDir, notices } = await openCheckpoint(dir);
      notices.forEach((n) => process.stderr.write(`genlab: ${n}\n`));
      await checkNetworkFiles(checkpoint, meta);
      let metrics: unknown = null;
      try {
        metrics = JSON.parse(await readFile(path.join(runDir, 'metrics.json'), 'utf8'));
      } catch {
        metrics = null;
      }
      const info = { dir, checkpoint, modelId: meta.modelId, preset: meta.preset ?? null, step: meta.step, savedAt: meta.savedAt, engine: meta.engine, networks: meta.networks, metrics, config: meta.config };
      if (o.json) {
        process.stdout.write(JSON.stringify(info, null, 2) + '\n');
        return;
      }
      process.stdout.write(
        `model     ${meta.modelId}\npreset    ${presetText(meta.preset)}\ncheckpoint ${checkpoint}\nstep      ${meta.step} of ${meta.config.train.steps}\nsaved     ${meta.savedAt}\nbackend   ${meta.engine?.backend ?? '?'}\n` +
          `networks  ${Object.entries(meta.networks).map(([k, v]) => `${k} (${v === 'model' ? 'model.json' : v + '.json'})`).join(', ')}\n` +
          (metrics ? `metrics   ${JSON.stringify(metrics)}\n` : '') +
          `config    ${JSON.stringify(meta.config)}\n`,
      );
    });
}
