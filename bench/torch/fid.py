# numpy/scipy twin of genlab's FID on 10k × 10k 128-d float64 features: means, covariances,
# sqrtm(Σ1·Σ2) (scipy.linalg.sqrtm, as pytorch-fid) and the trace formula. Gaussian features with the
# same shift/scale as bench/metrics.ts. Run: /usr/bin/python3 bench/torch/fid.py [--n 10000] [--d 128]
from common import parse_args, time_steps
import numpy as np
from scipy import linalg

a = parse_args(__file__, n=10000, d=128)
rng = np.random.default_rng(a.seed)
real = rng.standard_normal((a.n, a.d))
gen = 0.05 + 1.1 * rng.standard_normal((a.n, a.d))


def step():
    mu1, mu2 = real.mean(0), gen.mean(0)
    s1, s2 = np.cov(real, rowvar=False), np.cov(gen, rowvar=False)
    covmean = linalg.sqrtm(s1 @ s2, disp=False)[0].real
    return float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


time_steps('fid', step, a, numpy=np.__version__)
