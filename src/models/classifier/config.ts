// The classifier's `model` config section: one zod schema gives its type, defaults and help text.
import { z } from 'zod';

/** Architecture keys of the feature-extractor classifier. */
export const classifierModelShape = {
  filters: z.array(z.number().int().positive()).default([32, 64]).describe('Filters of the conv stages (each one 5×5 conv with stride 2, halving H and W).'),
  featureDim: z.number().int().positive().default(128).describe('Width of the penultimate (feature) layer.'),
  net: z.enum(['strided', 'sample-convnet']).default('strided')
    .describe("'strided': 5×5 stride-2 convs; 'sample-convnet': Opacus's MNIST SampleConvNet (8×8 conv stride 2 pad 3, 2×2 max-pool stride 1, 4×4 conv stride 2, 2×2 max-pool stride 1) with two filter counts"),
  init: z.enum(['glorot', 'torch']).default('glorot')
    .describe("Weight initialisation: 'glorot' uniform kernels and zero biases, or 'torch' U(±1/√fan_in) kernels and biases (PyTorch's default, for recipes tuned there)"),
  inputNorm: z.tuple([z.number(), z.number().positive()]).optional()
    .describe('[mean, std]: pixels in [0, 1] become (x − mean)/std inside the network (e.g. [0.1307, 0.3081] for MNIST)'),
};

/** Classifier architecture settings (the `model` section). */
export type ClassifierNetConfig = z.output<z.ZodObject<typeof classifierModelShape>>;
