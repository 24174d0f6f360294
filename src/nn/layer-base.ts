// A tfjs-layers Layer base for genlab's blocks: zero-initialised named parameters (values are written
// afterwards from the seeded Rng) and registration for model.json (de)serialisation.
import { tf, tfl } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';

/** Keyword arguments genlab blocks understand in `call`. */
export interface BlockKwargs {
  /** Training mode (enables dropout when an `rng` is given too). */
  training?: boolean;
  /** Source of dropout masks; without it dropout is off. */
  rng?: Rng;
}

/** A Layer whose parameters are created by name and filled in later by an initialiser. */
export abstract class GenlabLayer extends tfl.layers.Layer {
  /** Adds a float32 weight of `shape`, initialised to zeros or ones. */
  param(name: string, shape: number[], init: 'zeros' | 'ones' = 'zeros'): tfl.LayerVariable {
    const initializer = init === 'ones' ? tfl.initializers.ones() : tfl.initializers.zeros();
    return this.addWeight(name, shape, 'float32', initializer);
  }
}

/** Registers a layer class for model.json round trips (idempotent). */
export function registerLayer(cls: tf.serialization.SerializableConstructor<tf.serialization.Serializable> & { className: string }): void {
  tf.serialization.registerClass(cls);
}
