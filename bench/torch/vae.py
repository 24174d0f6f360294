# PyTorch twin of genlab's `vae --preset quickstart train.batchSize=128` step: MLP 784-400-20 encoder
# (one linear head for [mu, logvar]), 20-400-784 decoder, Bernoulli likelihood, analytic KL, Adam 1e-3.
# Synthetic binary data. Run: /usr/bin/python3 bench/torch/vae.py [--warmup 5] [--steps 10]
from common import parse_args, setup_torch, time_steps

a = parse_args(__file__, batch=128, hidden=400, latent=20)
torch = setup_torch(a.seed)
nn, F = torch.nn, torch.nn.functional
D = 784
enc = nn.Sequential(nn.Linear(D, a.hidden), nn.ReLU(), nn.Linear(a.hidden, 2 * a.latent))
dec = nn.Sequential(nn.Linear(a.latent, a.hidden), nn.ReLU(), nn.Linear(a.hidden, D))
opt = torch.optim.Adam([*enc.parameters(), *dec.parameters()], lr=1e-3)
x = (torch.rand(a.batch, D) < 0.3).float()


def step():
    mu, logvar = enc(x).chunk(2, dim=1)
    z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
    rec = F.binary_cross_entropy_with_logits(dec(z), x, reduction='sum') / a.batch
    kl = -0.5 * torch.sum(1 + logvar - mu * mu - logvar.exp()) / a.batch
    opt.zero_grad(set_to_none=True)
    (rec + kl).backward()
    opt.step()


time_steps('vae-mlp', step, a, torch=torch.__version__)
