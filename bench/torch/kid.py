# numpy twin of genlab's KID on 10k × 10k 128-d float64 features, torch-fidelity's algorithm
# (kid_features_to_metric): 100 subsets of 1000 drawn without replacement from each set, polynomial
# kernel (x·y·γ + 1)³ with γ = 1/d, unbiased MMD² per subset (diagonals excluded), mean and std.
# Gaussian features with the same shift/scale as bench/metrics.ts and fid.py.
# Run: /usr/bin/python3 bench/torch/kid.py [--n 10000] [--d 128]
from common import parse_args, time_steps
import numpy as np

a = parse_args(__file__, n=10000, d=128, subsets=100, subset_size=1000, degree=3, coef0=1.0)
rng = np.random.default_rng(a.seed)
real = rng.standard_normal((a.n, a.d))
gen = 0.05 + 1.1 * rng.standard_normal((a.n, a.d))


def kernel(x, y):
    return (x @ y.T / a.d + a.coef0) ** a.degree


def mmd2(x, y):
    m = x.shape[0]
    kxx, kyy, kxy = kernel(x, x), kernel(y, y), kernel(x, y)
    sxx = kxx.sum() - np.trace(kxx)
    syy = kyy.sum() - np.trace(kyy)
    return (sxx + syy) / (m * (m - 1)) - 2 * kxy.sum() / (m * m)


def step():
    sub = np.random.RandomState(1234)  # torch-fidelity's subset sampler
    m = min(a.subset_size, a.n)
    mmds = [mmd2(real[sub.choice(a.n, m, replace=False)], gen[sub.choice(a.n, m, replace=False)]) for _ in range(a.subsets)]
    return float(np.mean(mmds)), float(np.std(mmds))


time_steps('kid', step, a, numpy=np.__version__)
