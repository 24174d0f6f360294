# PyTorch twin of genlab's `tvae-step` workload: one training step of the ctgan package's TVAE.fit
# (Xu et al. 2019) at genlab's settings on Adult's layout (spans from genlab's fitted transformer,
# --spans), batch 500, on RANDOM encoded rows (tabular.py). Encoder (128, 128) ReLU with μ and log σ²
# heads, decoder (128, 128) ReLU, learnt σ per column (init 0.1, clamped to [0.01, 1] after the step);
# loss: loss_factor 2 × (Σ value terms (x − tanh r)²/2σ² + B·log σ, Σ one-hot cross-entropies)/B + KL/B;
# Adam 1e-3, β (0.9, 0.999), weight_decay 1e-5. Run: /usr/bin/python3 bench/torch/tvae_step.py --spans …
from common import parse_args, setup_torch, time_steps
from tabular import dims, parse_spans, random_rows
import numpy as np

a = parse_args(__file__, spans='', discrete='', rows=26048, batchSize=500, embeddingDim=128, compressDims='128,128',
               decompressDims='128,128', lossFactor=2.0, initialSigma=0.1, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=1e-5)
if not a.spans:
    raise SystemExit('tvae_step.py needs --spans from genlab: run it through npm run bench -- --vs-torch tvae-step')
torch = setup_torch(a.seed)
nn, F = torch.nn, torch.nn.functional
spans = parse_spans(a.spans)
D_ROW = sum(d for _, d in spans)
B, E = a.batchSize, a.embeddingDim
data = torch.from_numpy(random_rows(spans, a.rows, np.random.default_rng(a.seed)))


def mlp(width, widths):
    layers = []
    for units in widths:
        layers += [nn.Linear(width, units), nn.ReLU()]
        width = units
    return nn.Sequential(*layers), width


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.seq, w = mlp(D_ROW, dims(a.compressDims))
        self.fc1, self.fc2 = nn.Linear(w, E), nn.Linear(w, E)

    def forward(self, x):
        h = self.seq(x)
        mu, logvar = self.fc1(h), self.fc2(h)
        return mu, torch.exp(0.5 * logvar), logvar


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        seq, w = mlp(E, dims(a.decompressDims))
        self.seq = nn.Sequential(seq, nn.Linear(w, D_ROW))
        self.sigma = nn.Parameter(torch.ones(D_ROW) * a.initialSigma)

    def forward(self, z):
        return self.seq(z), self.sigma


enc, dec = Encoder(), Decoder()
opt = torch.optim.Adam([*enc.parameters(), *dec.parameters()], lr=a.lr, betas=(a.beta1, a.beta2), eps=a.eps, weight_decay=a.weightDecay)


def loss_function(recon, x, sigmas, mu, logvar):
    """The package's _loss_function (per span: Gaussian value term or one-hot cross-entropy) and the KL."""
    loss, st = [], 0
    for act, d in spans:
        if act == 'tanh':
            std = sigmas[st]
            eq = x[:, st] - torch.tanh(recon[:, st])
            loss.append((eq ** 2 / 2 / (std ** 2)).sum())
            loss.append(torch.log(std) * x.size(0))
        else:
            loss.append(F.cross_entropy(recon[:, st:st + d], torch.argmax(x[:, st:st + d], dim=-1), reduction='sum'))
        st += d
    kld = -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp())
    return sum(loss) * a.lossFactor / x.size(0), kld / x.size(0)


def step():
    real = data[torch.randint(0, a.rows, (B,))]
    opt.zero_grad(set_to_none=True)
    mu, std, logvar = enc(real)
    rec, sigmas = dec(torch.randn_like(std) * std + mu)
    l1, l2 = loss_function(rec, real, sigmas, mu, logvar)
    (l1 + l2).backward()
    opt.step()
    dec.sigma.data.clamp_(0.01, 1.0)


time_steps('tvae-step', step, a, torch=torch.__version__, width=D_ROW, randomData=True)
