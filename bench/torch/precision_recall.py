# numpy twin of genlab's improved precision/recall (Kynkäänniemi et al. 2019) on 10k × 10k 128-d
# float64 features: k = 3 radii (distance to the 3rd nearest other sample of the same set), then
# precision = share of generated samples inside some real ball, recall = share of real samples inside
# some generated ball, membership by d ≤ r. Squared distances ‖x‖² + ‖y‖² − 2x·y in row blocks, as the
# reference code's batched pairwise distances. Same features as fid.py.
# Run: /usr/bin/python3 bench/torch/precision_recall.py [--n 10000] [--d 128] [--block 1000]
from common import parse_args, time_steps
import numpy as np

a = parse_args(__file__, n=10000, d=128, k=3, block=1000)
rng = np.random.default_rng(a.seed)
real = rng.standard_normal((a.n, a.d))
gen = 0.05 + 1.1 * rng.standard_normal((a.n, a.d))


def sq_dists(x, y, y_norms):
    """Squared distances [len(x), len(y)], clamped at 0 against rounding."""
    d = (x * x).sum(1)[:, None] + y_norms[None, :] - 2 * (x @ y.T)
    return np.maximum(d, 0, out=d)


def radii(x):
    """Squared distance of each row to its k-th nearest other row (index k counts the row itself at 0)."""
    norms = (x * x).sum(1)
    return np.concatenate([np.partition(sq_dists(x[i:i + a.block], x, norms), a.k, axis=1)[:, a.k]
                           for i in range(0, len(x), a.block)])


def coverage(queries, centres, r):
    """Share of query rows within radius r[j] of some centre j."""
    norms = (centres * centres).sum(1)
    inside = [(sq_dists(queries[i:i + a.block], centres, norms) <= r[None, :]).any(1)
              for i in range(0, len(queries), a.block)]
    return float(np.concatenate(inside).mean())


def step():
    r_real, r_gen = radii(real), radii(gen)
    return coverage(gen, real, r_real), coverage(real, gen, r_gen)  # (precision, recall)


time_steps('precision-recall', step, a, numpy=np.__version__)
