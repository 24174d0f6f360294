# PyTorch twin of genlab's `ctgan-step` workload: one training step of the ctgan package's CTGAN.fit
# (Xu et al. 2019) at genlab's settings on Adult's layout (spans and conditional vector from genlab's
# fitted transformer, passed as --spans/--discrete), batch 500, on RANDOM encoded rows (tabular.py).
# Critic: conditional vectors by training-by-sampling (numpy, as the package's DataSampler: a discrete
# column uniformly, a category ∝ log(1 + count), a real row holding the category of a shuffled copy),
# fake = G([z, c1]) without gradient (genlab's recipe; the package keeps G's graph and discards those
# grads), packed critic (pac 10) on [fake, c1] and [real, c2], WGAN-GP λ 10 with one α per pack, one
# backward of loss + penalty. Generator: −mean D([G(z, c), c]) + the conditional cross-entropy.
# Residual generator (256, 256) with BatchNorm1d, critic (256, 256) LeakyReLU 0.2 + dropout 0.5,
# Adam 2e-4, β (0.5, 0.9), weight_decay 1e-6. --literal 1 runs the package's critic step as written
# instead (G's graph kept, pen.backward(retain_graph=True) then loss_d.backward(), zero_grad to zeros).
# Run: /usr/bin/python3 bench/torch/ctgan_step.py --spans … --discrete … [--literal 1]
from common import parse_args, setup_torch, time_steps
from tabular import apply_activate, dims, parse_discrete, parse_spans, random_rows
import numpy as np

a = parse_args(__file__, spans='', discrete='', rows=26048, batchSize=500, embeddingDim=128, generatorDims='256,256',
               discriminatorDims='256,256', pac=10, tau=0.2, gpLambda=10.0, dropout=0.5, leak=0.2,
               lr=2e-4, beta1=0.5, beta2=0.9, eps=1e-8, weightDecay=1e-6, literal=0)
if not a.spans:
    raise SystemExit('ctgan_step.py needs --spans (and --discrete) from genlab: run it through npm run bench -- --vs-torch ctgan-step')
torch = setup_torch(a.seed)
nn, F = torch.nn, torch.nn.functional
spans, discrete = parse_spans(a.spans), parse_discrete(a.discrete)
D_ROW = sum(d for _, d in spans)
C = sum(size for _, size in discrete)
B, E = a.batchSize, a.embeddingDim
rng = np.random.default_rng(a.seed)
data = random_rows(spans, a.rows, rng)


class Residual(nn.Module):
    def __init__(self, i, o):
        super().__init__()
        self.fc, self.bn = nn.Linear(i, o), nn.BatchNorm1d(o)

    def forward(self, x):
        return torch.cat([F.relu(self.bn(self.fc(x))), x], dim=1)


def generator():
    layers, width = [], E + C
    for units in dims(a.generatorDims):
        layers.append(Residual(width, units))
        width += units
    return nn.Sequential(*layers, nn.Linear(width, D_ROW))


def discriminator():
    layers, width = [], a.pac * (D_ROW + C)
    for units in dims(a.discriminatorDims):
        layers += [nn.Linear(width, units), nn.LeakyReLU(a.leak), nn.Dropout(a.dropout)]
        width = units
    return nn.Sequential(*layers, nn.Linear(width, 1))


G, Dnet = generator(), discriminator()
critic = lambda x: Dnet(x.view(-1, a.pac * x.shape[1]))  # noqa: E731  (the package's input.view(-1, pacdim))
adam = dict(lr=a.lr, betas=(a.beta1, a.beta2), eps=a.eps, weight_decay=a.weightDecay)
optG, optD = torch.optim.Adam(G.parameters(), **adam), torch.optim.Adam(Dnet.parameters(), **adam)

# the DataSampler's tables: rows per (discrete column, category) and the log-frequency probabilities
rows_by_cat = [[np.nonzero(data[:, off + k])[0] for k in range(size)] for off, size in discrete]
probs = []
for lists in rows_by_cat:
    w = np.log(np.array([len(r) for r in lists], dtype=float) + 1)
    probs.append(w / w.sum())
cond_offsets = np.cumsum([0] + [size for _, size in discrete])[:-1]


def sample_condvec(b):
    """The package's sample_condvec: (one-hots [b, C], column mask [b, S], column ids, categories)."""
    col = rng.integers(0, len(discrete), size=b)
    u = rng.random(b)
    cat = np.array([min(np.searchsorted(np.cumsum(probs[j]), u[i], side='right'), len(probs[j]) - 1) for i, j in enumerate(col)])
    cond = np.zeros((b, C), dtype='float32')
    cond[np.arange(b), cond_offsets[col] + cat] = 1
    mask = np.zeros((b, len(discrete)), dtype='float32')
    mask[np.arange(b), col] = 1
    return cond, mask, col, cat


def sample_data(col, cat):
    """The package's sample_data: one random training row holding each requested category."""
    return data[[rng.choice(rows_by_cat[c][o]) for c, o in zip(col, cat)]]


def gradient_penalty(real, fake):
    """The package's calc_gradient_penalty: one α per pack, norm over each packed critic input."""
    alpha = torch.rand(real.size(0) // a.pac, 1, 1).repeat(1, a.pac, real.size(1)).view(-1, real.size(1))
    x = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    g, = torch.autograd.grad(critic(x).sum(), x, create_graph=True)
    return ((g.view(-1, a.pac * real.size(1)).norm(2, dim=1) - 1) ** 2).mean() * a.gpLambda


def cond_loss(raw, cond, mask):
    """The package's _cond_loss: per discrete column, cross-entropy of its raw span vs the asked category."""
    losses = [F.cross_entropy(raw[:, off:off + size], torch.argmax(cond[:, co:co + size], dim=1), reduction='none')
              for (off, size), co in zip(discrete, cond_offsets)]
    return (torch.stack(losses, dim=1) * mask).sum() / raw.size(0)


def step():
    c1, _, col, cat = sample_condvec(B)
    perm = rng.permutation(B)
    real = torch.from_numpy(sample_data(col[perm], cat[perm]))
    c1t, c2t = torch.from_numpy(c1), torch.from_numpy(c1[perm])
    with torch.no_grad() if not a.literal else torch.enable_grad():
        fake = apply_activate(torch, G(torch.cat([torch.randn(B, E), c1t], dim=1)), spans, a.tau)
    fake_cat, real_cat = torch.cat([fake, c1t], dim=1), torch.cat([real, c2t], dim=1)
    if a.literal:
        pen = gradient_penalty(real_cat, fake_cat)
        loss_d = -(critic(real_cat).mean() - critic(fake_cat).mean())
        optD.zero_grad(set_to_none=False)
        pen.backward(retain_graph=True)
        loss_d.backward()
    else:
        loss_d = critic(fake_cat).mean() - critic(real_cat).mean() + gradient_penalty(real_cat, fake_cat)
        optD.zero_grad(set_to_none=True)
        loss_d.backward()
    optD.step()

    c, m, _, _ = sample_condvec(B)
    ct, mt = torch.from_numpy(c), torch.from_numpy(m)
    raw = G(torch.cat([torch.randn(B, E), ct], dim=1))
    loss_g = -critic(torch.cat([apply_activate(torch, raw, spans, a.tau), ct], dim=1)).mean() + cond_loss(raw, ct, mt)
    optG.zero_grad(set_to_none=not a.literal)
    loss_g.backward()  # also fills D's grads, cleared by the next critic step (genlab takes G's only)
    optG.step()


time_steps('ctgan-step', step, a, torch=torch.__version__, width=D_ROW, condDim=C, randomData=True, literal=bool(a.literal))
