# PyTorch twin of genlab's `sample-ddpm` workload: one DDIM step (Song et al. 2021, eq. 12) of the
# `ddpm --preset fast` UNet (bench/torch/unet.py) per timed call, without gradients, on a batch of 64
# noise images 28×28×1; x̂_0 clipped to [−1, 1]; call i uses the i-th of the 50 leading timesteps
# (cycling), as genlab's. Prints samples/s too. Run: /usr/bin/python3 bench/torch/ddpm_sample.py [--steps 10]
import math
from common import parse_args, setup_torch, time_steps

a = parse_args(__file__, batch=64, channels=16, groups=8, emb=64, timesteps=1000, sample_steps=50, eta=0.0)
torch = setup_torch(a.seed)
from unet import UNet, linear_alphas_cumprod, timestep_embedding  # noqa: E402

model = UNet(a.channels, a.emb, a.groups).eval()
abar = linear_alphas_cumprod(a.timesteps).double()
ratio = a.timesteps // a.sample_steps
timesteps = [(a.sample_steps - 1 - i) * ratio for i in range(a.sample_steps)]  # leading, descending
x = torch.randn(a.batch, 1, 28, 28)
calls = [0]


@torch.no_grad()
def step():
    t = timesteps[calls[0] % len(timesteps)]
    calls[0] += 1
    eps = model(x, timestep_embedding(torch.full((a.batch,), t), a.emb))
    ab = float(abar[t])
    ab_prev = float(abar[t - ratio]) if t - ratio >= 0 else 1.0
    sigma = a.eta * math.sqrt((1 - ab_prev) / (1 - ab) * (1 - ab / ab_prev))  # eq. 16
    x0 = ((x - math.sqrt(1 - ab) * eps) / math.sqrt(ab)).clamp(-1, 1)
    eps = (x - math.sqrt(ab) * x0) / math.sqrt(1 - ab)  # ε̂ re-derived from the clipped x̂_0, as genlab's
    out = math.sqrt(ab_prev) * x0 + math.sqrt(max(0.0, 1 - ab_prev - sigma * sigma)) * eps
    return out + sigma * torch.randn_like(x) if sigma > 0 else out


time_steps('sample-ddpm', step, a, samples=a.batch, torch=torch.__version__)
