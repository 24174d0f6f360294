# PyTorch twin of genlab's `ddpm --preset fast` step (train.ema=0): the small UNet of bench/torch/unet.py
# (src/models/diffusion/unet.ts) at channels 16, mults [1, 2], 8 groups, 64-d sinusoidal timestep
# embedding, one-head attention at 14×14; ε-prediction MSE with a linear β schedule over 1000 steps,
# Adam 5e-4, clip 1.0, batch 32 of 28×28×1.
# Run: /usr/bin/python3 bench/torch/ddpm_unet.py [--steps 10]
from common import parse_args, setup_torch, time_steps

a = parse_args(__file__, batch=32, channels=16, groups=8, emb=64, timesteps=1000)
torch = setup_torch(a.seed)
from unet import UNet, linear_alphas_cumprod, timestep_embedding  # noqa: E402
F = torch.nn.functional

model = UNet(a.channels, a.emb, a.groups)
opt = torch.optim.Adam(model.parameters(), lr=5e-4)
abar = linear_alphas_cumprod(a.timesteps)
x0 = torch.rand(a.batch, 1, 28, 28) * 2 - 1


def step():
    t = torch.randint(a.timesteps, (a.batch,))
    eps = torch.randn_like(x0)
    ab = abar[t][:, None, None, None]
    loss = F.mse_loss(model(ab.sqrt() * x0 + (1 - ab).sqrt() * eps, timestep_embedding(t, a.emb)), eps)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()


time_steps('ddpm-unet', step, a, torch=torch.__version__)
