// `genlab sample RUN` for table models: n synthetic rows as CSV in the training table's columns and
// formats, drawn in chunks and written to a temporary file renamed into place (nothing half-written).
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeTable } from '../../data/tabular/write-table.js';
import { isTableModel, type TableModel } from '../../models/types.js';
import { Rng } from '../../random/rng.js';
import type { Session } from '../../node/session.js';
import { checkOutputFile } from '../../node/run-dir.js';

/** Rows per model call when writing tables. */
export const TABLE_CHUNK = 5000;

/** Parses repeated `--condition col=value` flags into { col: value }; a flag without '=' throws. */
export function parseConditions(flags: string[] | undefined): Record<string, string> | undefined {
  if (!flags?.length) return undefined;
  const out: Record<string, string> = {};
  for (const f of flags) {
    const i = f.indexOf('=');
    if (i <= 0) throw new Error(`--condition takes column=value (e.g. --condition income=">50K"), got ${JSON.stringify(f)}.`);
    let value = f.slice(i + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    out[f.slice(0, i).trim()] = value;
  }
  return out;
}

/** Writes n sampled rows of the run's table model to `out` (CSV); returns the path. */
export async function writeTableSamples(s: Session, n: number, seed: number, out: string, condition?: Record<string, string>, chunk = TABLE_CHUNK): Promise<string> {
  if (!isTableModel(s.model)) throw new Error(`Model "${s.spec.id}" does not sample table rows.`);
  const model: TableModel = s.model;
  await checkOutputFile(out);
  const rng = new Rng(seed);
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    for (let done = 0; done < n; done += chunk) {
      const k = Math.min(chunk, n - done);
      const csv = s.recipe.withSamplingWeights(() => writeTable(model.sampleTable(k, rng, { condition })));
      await fh.write(done === 0 ? csv : csv.slice(csv.indexOf('\n') + 1)); // the header once
    }
    await fh.sync();
    await fh.close();
    await rename(tmp, out);
  } catch (e) {
    await fh.close().catch(() => {});
    await rm(tmp, { force: true });
    throw e;
  }
  return out;
}
