# Shared by the twin scripts of `npm run bench -- --vs-torch`: one-thread setup, argument parsing and
# the timing loop that prints the one JSON line {name, ms: {min, median, max}, steps, peakRssMb}
# (plus samplesPerS for sampling workloads).
# BLAS threads are pinned before numpy/torch load, because their pools size themselves at import:
# one, or GENLAB_TWIN_THREADS (set by `--vs-torch --threads N`, which gives genlab's native side N too).
import os
THREADS = int(os.environ.get('GENLAB_TWIN_THREADS') or 1)
for _v in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    if 'GENLAB_TWIN_THREADS' in os.environ:
        os.environ[_v] = str(THREADS)
    else:
        os.environ.setdefault(_v, '1')
import argparse, json, resource, sys, time  # noqa: E402
import numpy as np  # noqa: E402


def parse_args(prog, **extra):
    """--warmup/--steps/--seed plus script-specific options given as name=default (type from the default)."""
    p = argparse.ArgumentParser(prog=prog)
    p.add_argument('--warmup', type=int, default=5)
    p.add_argument('--steps', type=int, default=10)
    p.add_argument('--seed', type=int, default=0)
    for k, v in extra.items():
        p.add_argument(f'--{k}', type=type(v), default=v)
    return p.parse_args()


def setup_torch(seed):
    """One thread (faster than two on the 2-core reference machine) unless GENLAB_TWIN_THREADS says, and a fixed seed."""
    import torch
    torch.set_num_threads(THREADS)
    torch.manual_seed(seed)
    return torch


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def time_steps(name, step, a, samples=None, **meta):
    """Runs `step()` a.warmup + a.steps times and prints the JSON record of the timed ones; `samples`
    per step adds samplesPerS = samples / median seconds."""
    for _ in range(a.warmup):
        step()
    times = []
    for _ in range(a.steps):
        t0 = time.perf_counter()
        step()
        times.append(1000 * (time.perf_counter() - t0))
    rec = {'name': name, 'ms': {'min': min(times), 'median': float(np.median(times)), 'max': max(times)},
           'steps': a.steps, 'peakRssMb': round(peak_rss_mb(), 1), 'threads': THREADS, **meta}
    if samples is not None:
        rec['samplesPerStep'] = samples
        rec['samplesPerS'] = round(samples / (rec['ms']['median'] / 1000), 2)
    print(json.dumps(rec), flush=True)
    sys.stdout.flush()
