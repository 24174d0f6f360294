// The classifier's `model` config section: one zod schema gives its type, defaults and help text.
import { z } from 'zod';

/** Architecture keys of the feature-extractor classifier. */
export const classifierModelShape = {
  filters: z.array(z.number().int().positive()).default([32, 64]).describe('Filters of the conv stages (each one 5×5 conv with stride 2, halving H and W).'),
  featureDim: z.number().int().positive().default(128).describe('Width of the penultimate (feature) layer.'),
};

/** Classifier architecture settings (the `model` section). */
export type ClassifierNetConfig = z.output<z.ZodObject<typeof classifierModelShape>>;
