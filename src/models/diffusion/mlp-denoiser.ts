// MLP denoiser for low-dimensional data (the 2-D toy diffusion demos): the embedded timestep (and
// optional class) is projected into every hidden layer, as in the toy models of Ho et al. 2020's repo.
import { tfl } from '../../engine/tf.js';

type Sym = tfl.SymbolicTensor;

/** MLP denoiser settings. */
export interface MlpDenoiserConfig {
  dim: number;
  hidden: number[];
  embDim: number;
  /** Class count K (the one-hot input has K + 1 entries: the last is "no label"); 0 = unconditional. */
  numClasses: number;
}

/** Inputs [x [B, D], temb [B, E], (onehot [B, K+1])] → prediction [B, D]. */
export function buildMlpDenoiser(cfg: MlpDenoiserConfig, name = 'denoiser'): tfl.LayersModel {
  const x = tfl.input({ shape: [cfg.dim], name: 'x' });
  const t = tfl.input({ shape: [cfg.embDim], name: 'temb' });
  const inputs: Sym[] = [x, t];
  let emb = tfl.layers.dense({ units: cfg.embDim, activation: 'swish', name: 'temb_fc1' }).apply(t) as Sym; // [B, E]
  if (cfg.numClasses > 0) {
    const y = tfl.input({ shape: [cfg.numClasses + 1], name: 'label' });
    inputs.push(y);
    const ye = tfl.layers.dense({ units: cfg.embDim, useBias: false, name: 'label_emb' }).apply(y) as Sym;
    emb = tfl.layers.add().apply([emb, ye]) as Sym;
  }
  let h = tfl.layers.dense({ units: cfg.hidden[0], name: 'in' }).apply(x) as Sym; // [B, H0]
  cfg.hidden.forEach((units, i) => {
    const a = tfl.layers.dense({ units, name: `fc${i}` }).apply(h) as Sym;
    const e = tfl.layers.dense({ units, name: `emb${i}` }).apply(emb) as Sym;
    h = tfl.layers.activation({ activation: 'swish' }).apply(tfl.layers.add().apply([a, e]) as Sym) as Sym;
  });
  const out = tfl.layers.dense({ units: cfg.dim, name: 'out' }).apply(h) as Sym;
  return tfl.model({ inputs, outputs: out, name });
}
