# Shared by the tabular twins (ctgan_step.py, tvae_step.py): the encoded layout genlab's run passes in
# (--spans t1,s10,… and --discrete offset:size,…, from the fitted transformer), a pool of RANDOM
# encoded rows with that layout (a uniform value in (−0.99, 0.99) per tanh span, a random one-hot per
# softmax span: the values never change a step's cost), and the ctgan package's _apply_activate.
import numpy as np


def parse_spans(code):
    """'t1,s10' → [('tanh', 1), ('softmax', 10)]."""
    return [('tanh' if c[0] == 't' else 'softmax', int(c[1:])) for c in code.split(',')]


def parse_discrete(code):
    """'11:9,30:16' → [(11, 9), (30, 16)]: each discrete column's (offset, categories) in the row."""
    return [tuple(int(v) for v in c.split(':')) for c in code.split(',')] if code else []


def dims(code):
    return [int(v) for v in code.split(',')] if code else []


def random_rows(spans, rows, rng):
    """A float32 [rows, Σ dim] matrix with the spans' structure (random, not a real table)."""
    cols = []
    for act, d in spans:
        if act == 'tanh':
            cols.append(rng.uniform(-0.99, 0.99, size=(rows, d)))
        else:
            cols.append(np.eye(d)[rng.integers(0, d, size=rows)])
    return np.concatenate(cols, axis=1).astype('float32')


def apply_activate(torch, raw, spans, tau):
    """CTGAN's _apply_activate: tanh on value spans, Gumbel-softmax (τ, hard=False) on one-hot spans,
    with the package's NaN check after each draw (_gumbel_softmax retries up to 10 times on NaN)."""
    F = torch.nn.functional
    out, st = [], 0
    for act, d in spans:
        part = raw[:, st:st + d]
        if act == 'tanh':
            out.append(torch.tanh(part))
        else:
            g = F.gumbel_softmax(part, tau=tau, hard=False, eps=1e-10, dim=-1)
            if torch.isnan(g).any():
                raise ValueError('gumbel_softmax returned NaN')
            out.append(g)
        st += d
    return torch.cat(out, dim=1)
