# PyTorch side of bench/tabular/span-ops.mts: the ctgan package's _apply_activate (forward, and
# forward+backward of its sum), TVAE's _loss_function reconstruction terms (forward+backward) and
# torch.randn(500, 128), on random rows with the given span layout (Adult's by default), batch 500.
# Run: /usr/bin/python3 bench/torch/tabular_span_ops.py [--spans t1,s10,…] [--reps 30]
from common import parse_args, setup_torch
from tabular import apply_activate, parse_spans, random_rows
import json, time
import numpy as np

ADULT = 't1,s10,s9,t1,s9,s16,t1,s10,s7,s15,s6,s5,s2,t1,s5,t1,s3,t1,s10,s42,s2'
a = parse_args(__file__, spans=ADULT, reps=30)
torch = setup_torch(a.seed)
F = torch.nn.functional
spans = parse_spans(a.spans)
D, B = sum(d for _, d in spans), 500
x = torch.from_numpy(random_rows(spans, B, np.random.default_rng(a.seed)))
raw0 = torch.randn(B, D)


def recon():
    raw, sig = raw0.clone().requires_grad_(True), (torch.ones(D) * 0.1).requires_grad_(True)
    loss, st = [], 0
    for act, d in spans:
        if act == 'tanh':
            loss.append(((x[:, st] - torch.tanh(raw[:, st])) ** 2 / 2 / (sig[st] ** 2)).sum())
            loss.append(torch.log(sig[st]) * B)
        else:
            loss.append(F.cross_entropy(raw[:, st:st + d], torch.argmax(x[:, st:st + d], dim=-1), reduction='sum'))
        st += d
    sum(loss).backward()


def activate_fb():
    raw = raw0.clone().requires_grad_(True)
    apply_activate(torch, raw, spans, 0.2).sum().backward()


def activate_f():
    with torch.no_grad():
        apply_activate(torch, raw0, spans, 0.2)


for name, run in [('ctgan-activate-forward', activate_f), ('ctgan-activate-forward-backward', activate_fb),
                  ('tvae-reconstruction-forward-backward', recon), ('normal-noise-500x128', lambda: torch.randn(B, 128))]:
    for _ in range(3):
        run()
    ts = []
    for _ in range(a.reps):
        t0 = time.perf_counter()
        run()
        ts.append(1000 * (time.perf_counter() - t0))
    print(json.dumps({'name': name, 'side': 'torch', 'ms': {'min': round(min(ts), 2), 'median': round(float(np.median(ts)), 2), 'max': round(max(ts), 2)}}), flush=True)
