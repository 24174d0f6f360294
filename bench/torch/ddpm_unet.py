# PyTorch twin of genlab's `ddpm --preset fast` step (train.ema=0): the small UNet of
# src/models/diffusion/unet.ts at channels 16, mults [1, 2], 8 groups, 64-d sinusoidal timestep
# embedding, one-head attention at 14×14; ε-prediction MSE with a linear β schedule over 1000 steps,
# Adam 5e-4, clip 1.0, batch 32 of 28×28×1. Differences from genlab: NCHW layout, PyTorch's GroupNorm
# and nn.Upsample (same maths); the timestep embedding is computed here as a tensor, genlab builds it in JS.
# Run: /usr/bin/python3 bench/torch/ddpm_unet.py [--steps 10]
import math
from common import parse_args, setup_torch, time_steps

a = parse_args(__file__, batch=32, channels=16, groups=8, emb=64, timesteps=1000)
torch = setup_torch(a.seed)
nn, F = torch.nn, torch.nn.functional


def gn(c):
    g = next(g for g in range(min(a.groups, c), 0, -1) if c % g == 0)  # genlab's groupsFor: largest divisor ≤ groups
    return nn.GroupNorm(g, c, eps=1e-5)


class ResBlock(nn.Module):
    """GN → SiLU → conv3 (+ dense(SiLU(emb))) → GN → SiLU → conv3, plus a 1×1 skip when widths differ."""

    def __init__(self, cin, cout, e):
        super().__init__()
        self.n1, self.c1, self.emb = gn(cin), nn.Conv2d(cin, cout, 3, padding=1), nn.Linear(e, cout)
        self.n2, self.c2 = gn(cout), nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Identity() if cin == cout else nn.Conv2d(cin, cout, 1)

    def forward(self, x, emb):
        h = self.c1(F.silu(self.n1(x))) + self.emb(F.silu(emb))[:, :, None, None]
        return self.skip(x) + self.c2(F.silu(self.n2(h)))


class Attention(nn.Module):
    """x + proj(softmax(q·kᵀ/√C)·v) over the H·W positions of GN(x), one head."""

    def __init__(self, c):
        super().__init__()
        self.norm, self.qkv, self.proj = gn(c), nn.Linear(c, 3 * c), nn.Linear(c, c)

    def forward(self, x):
        b, c, h, w = x.shape
        q, k, v = self.qkv(self.norm(x).flatten(2).transpose(1, 2)).chunk(3, dim=2)  # [B, HW, C] each
        att = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(c), dim=-1)
        return x + self.proj(att @ v).transpose(1, 2).reshape(b, c, h, w)


class UNet(nn.Module):
    def __init__(self, ch, e):
        super().__init__()
        E = 4 * ch
        self.temb = nn.Sequential(nn.Linear(e, E), nn.SiLU(), nn.Linear(E, E))
        self.conv_in = nn.Conv2d(1, ch, 3, padding=1)
        self.down0, self.down1 = ResBlock(ch, ch, E), ResBlock(ch, 2 * ch, E)
        self.mid0, self.attn, self.mid1 = ResBlock(2 * ch, 2 * ch, E), Attention(2 * ch), ResBlock(2 * ch, 2 * ch, E)
        self.up1, self.up0 = ResBlock(4 * ch, 2 * ch, E), ResBlock(3 * ch, ch, E)
        self.norm_out, self.conv_out = gn(ch), nn.Conv2d(ch, 1, 3, padding=1)

    def forward(self, x, temb):
        emb = self.temb(temb)
        s0 = self.down0(self.conv_in(x), emb)                 # [B, ch, 28, 28]
        s1 = self.down1(F.avg_pool2d(s0, 2), emb)             # [B, 2ch, 14, 14]
        h = self.mid1(self.attn(self.mid0(s1, emb)), emb)
        h = self.up1(torch.cat([h, s1], 1), emb)
        h = self.up0(torch.cat([F.interpolate(h, scale_factor=2, mode='nearest'), s0], 1), emb)
        return self.conv_out(F.silu(self.norm_out(h)))


def timestep_embedding(t, dim):
    freqs = torch.exp(-math.log(10000) * torch.arange(dim // 2) / (dim // 2))
    arg = t[:, None].float() * freqs[None]
    return torch.cat([torch.sin(arg), torch.cos(arg)], dim=1)


model = UNet(a.channels, a.emb)
opt = torch.optim.Adam(model.parameters(), lr=5e-4)
abar = torch.cumprod(1 - torch.linspace(1e-4, 0.02, a.timesteps), 0)
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
