// The tabular family's registry entries (CTGAN, TVAE; the copula and independent baselines join them).
import type { ModelSpec } from '../types.js';
import { ctganSpec } from './ctgan-spec.js';
import { tvaeSpec } from './tvae-spec.js';
import { copulaSpec, independentSpec } from './baseline-spec.js';

/** Every tabular entry, in listing order. */
export const TABULAR_SPECS: ModelSpec<any>[] = [ctganSpec, tvaeSpec, copulaSpec, independentSpec];
