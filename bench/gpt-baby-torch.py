# PyTorch twin of genlab's nanoGPT "baby" acceptance run: nanoGPT's model.py (reproduced in
# test/fixtures/gpt/make_fixture.py), its train.py loop (AdamW on ≥2-D params, warmup + cosine get_lr,
# clip 1.0, random windows) and estimate_loss, on tinyshakespeare. Prints one JSON line.
# Run: /usr/bin/python3 bench/gpt-baby-torch.py [--iters 2000] [--seed 1337] [--threads 1]
import argparse, json, math, os, sys, time
import numpy as np
import torch
from torch.nn import functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'gpt'))
from make_fixture import GPT  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'torch'))
from nanogpt_step import nanogpt_step  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument('--data', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'data', 'tinyshakespeare.txt'))
p.add_argument('--iters', type=int, default=2000)
p.add_argument('--seed', type=int, default=1337)
p.add_argument('--threads', type=int, default=1)
p.add_argument('--eval-iters', type=int, default=200)
p.add_argument('--no-embed-decay', action='store_true', help='decay Linear weights only (nanoGPT before its Feb 2023 configure_optimizers rewrite)')
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)

text = open(a.data, encoding='utf-8').read()
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
data = np.array([stoi[c] for c in text], dtype=np.int64)
n = int(0.9 * len(data))
train, val = data[:n], data[n:]
B, T, lr, min_lr, warmup, decay_iters = 12, 64, 1e-3, 1e-4, 100, a.iters
cfg = dict(vocab_size=len(chars), block_size=T, n_layer=4, n_head=4, n_embd=128, bias=False, tie=True)
model = GPT(cfg)
# nanoGPT _init_weights: N(0, 0.02) for Linear/Embedding, c_proj N(0, 0.02/sqrt(2 n_layer)), zeros for biases
for name, prm in model.named_parameters():
    if prm.dim() >= 2:
        std = 0.02 / math.sqrt(2 * cfg['n_layer']) if name.endswith('c_proj.weight') else 0.02
        torch.nn.init.normal_(prm, 0.0, std)
params = [q for q in model.parameters() if q.requires_grad]
embeds = {id(model.transformer.wte.weight), id(model.transformer.wpe.weight)} if a.no_embed_decay else set()
decay = [q for q in params if q.dim() >= 2 and id(q) not in embeds]
opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.1},
                         {'params': [q for q in params if all(q is not d for d in decay)], 'weight_decay': 0.0}], lr=lr, betas=(0.9, 0.99))


def get_batch(split):
    d = train if split == 'train' else val
    ix = torch.randint(len(d) - T, (B,))
    x = torch.stack([torch.from_numpy(d[i:i + T]) for i in ix])
    y = torch.stack([torch.from_numpy(d[i + 1:i + 1 + T]) for i in ix])
    return x, y


def get_lr(it):
    if it < warmup:
        return lr * (it + 1) / (warmup + 1)
    if it > decay_iters:
        return min_lr
    ratio = (it - warmup) / (decay_iters - warmup)
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (lr - min_lr)


@torch.no_grad()
def estimate_loss():
    model.eval()
    out = {}
    for split in ['train', 'val']:
        losses = []
        for _ in range(a.eval_iters):
            x, y = get_batch(split)
            logits = model(x)
            losses.append(F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1)).item())
        out[split] = float(np.mean(losses))
    model.train()
    return out


t0 = time.time()
for it in range(a.iters):
    for g in opt.param_groups:
        g['lr'] = get_lr(it)
    x, y = get_batch('train')
    loss = nanogpt_step(model, opt, x, y)
    if it % 250 == 0:
        print(json.dumps({'iter': it, 'loss': loss.item(), 'sec': time.time() - t0}), file=sys.stderr, flush=True)
train_sec = time.time() - t0
est = estimate_loss()
print(json.dumps({'name': 'gpt-baby-torch', 'torch': torch.__version__, 'threads': a.threads, 'seed': a.seed, 'iters': a.iters, 'embedDecay': not a.no_embed_decay,
                  'trainSec': train_sec, 'msPerIter': 1000 * train_sec / a.iters, 'estimate': {'evalIters': a.eval_iters, **est}}))
