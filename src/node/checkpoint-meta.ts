// The schema of a checkpoint's genlab.json: what is read back is validated before use, so a truncated
// or hand-edited file is refused naming the file and the key (not a TypeError deep in resume).
import { z } from 'zod';

const u32 = z.number().int().min(0).max(0xffffffff);

/** genlab.json as written by saveCheckpoint (config is checked later against the model's own schema). */
export const checkpointMetaSchema = z.object({
  format: z.string(),
  version: z.number(),
  modelId: z.string().min(1),
  config: z.record(z.string(), z.unknown()),
  step: z.number().int().min(0),
  rng: z.object({
    data: z.object({
      // xoshiro128**'s state must not be all zero (it would emit zeros forever)
      s: z.tuple([u32, u32, u32, u32]).refine((s) => s.some((v) => v !== 0), 'an all-zero RNG state is not a valid xoshiro128** state'),
      spare: z.number().nullable(),
    }),
  }),
  recipe: z.record(z.string(), z.unknown()),
  networks: z.record(z.string(), z.string().min(1)).refine((n) => Object.keys(n).length > 0, 'at least one network'),
  engine: z.unknown(),
  preset: z
    .union([z.object({ name: z.string().min(1), by: z.literal('name') }), z.object({ name: z.string().min(1), by: z.literal('data-kind'), kind: z.string().min(1) })])
    .nullable()
    .optional(),
  savedAt: z.string(),
});

/** Validates parsed genlab.json text; throws naming the file and the first bad key. */
export function checkCheckpointMeta(file: string, value: unknown): void {
  const r = checkpointMetaSchema.safeParse(value);
  if (r.success) return;
  const issue = r.error.issues[0];
  const key = issue.path.map(String).join('.') || '(root)';
  throw new Error(`${file} is damaged: '${key}' ${issue.message.replace(/^Invalid input: /, '')}. Restore the run folder from a copy or start a new run.`);
}
