// Interrupt-and-resume must reproduce an uninterrupted run bit for bit on the cpu backend.
import { before, test } from 'node:test';
import { useBackend } from '../helpers/engine.js';
import { assertResumeBitIdentical } from '../helpers/resume.js';

// cosine LR, EMA, clipping and dynamic binarisation all carry state across the interruption
const overrides = ['train.steps=24', 'train.lrSchedule=cosine', 'train.warmupSteps=4', 'train.ema=0.9', 'train.gradClip=50'];

before(() => useBackend('cpu'));

test('interrupted at step 10 and resumed = uninterrupted, bit-identical on cpu', async () => {
  await assertResumeBitIdentical('vae', overrides, 10, 24);
});
