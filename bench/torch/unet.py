# genlab's small UNet (src/models/diffusion/unet.ts) for 28×28×1 images at channelMults [1, 2]:
# residual blocks with a timestep embedding, one-head attention at 14×14, skip connections; shared by
# the training twin (ddpm_unet.py) and the sampling twin (ddpm_sample.py). Differences from genlab:
# NCHW layout, PyTorch's GroupNorm and nn.Upsample (same maths); the timestep embedding is computed
# here as a tensor, genlab builds it in JS.
import math
import torch
from torch import nn
F = nn.functional


def gn(c, groups):
    g = next(g for g in range(min(groups, c), 0, -1) if c % g == 0)  # genlab's groupsFor: largest divisor ≤ groups
    return nn.GroupNorm(g, c, eps=1e-5)


class ResBlock(nn.Module):
    """GN → SiLU → conv3 (+ dense(SiLU(emb))) → GN → SiLU → conv3, plus a 1×1 skip when widths differ."""

    def __init__(self, cin, cout, e, groups):
        super().__init__()
        self.n1, self.c1, self.emb = gn(cin, groups), nn.Conv2d(cin, cout, 3, padding=1), nn.Linear(e, cout)
        self.n2, self.c2 = gn(cout, groups), nn.Conv2d(cout, cout, 3, padding=1)
        self.skip = nn.Identity() if cin == cout else nn.Conv2d(cin, cout, 1)

    def forward(self, x, emb):
        h = self.c1(F.silu(self.n1(x))) + self.emb(F.silu(emb))[:, :, None, None]
        return self.skip(x) + self.c2(F.silu(self.n2(h)))


class Attention(nn.Module):
    """x + proj(softmax(q·kᵀ/√C)·v) over the H·W positions of GN(x), one head."""

    def __init__(self, c, groups):
        super().__init__()
        self.norm, self.qkv, self.proj = gn(c, groups), nn.Linear(c, 3 * c), nn.Linear(c, c)

    def forward(self, x):
        b, c, h, w = x.shape
        q, k, v = self.qkv(self.norm(x).flatten(2).transpose(1, 2)).chunk(3, dim=2)  # [B, HW, C] each
        att = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(c), dim=-1)
        return x + self.proj(att @ v).transpose(1, 2).reshape(b, c, h, w)


class UNet(nn.Module):
    """ε̂(x_t [B, 1, 28, 28], sinusoidal temb [B, e]) at base width ch, GroupNorm of ≤ `groups` groups."""

    def __init__(self, ch, e, groups):
        super().__init__()
        E = 4 * ch
        self.temb = nn.Sequential(nn.Linear(e, E), nn.SiLU(), nn.Linear(E, E))
        self.conv_in = nn.Conv2d(1, ch, 3, padding=1)
        self.down0, self.down1 = ResBlock(ch, ch, E, groups), ResBlock(ch, 2 * ch, E, groups)
        self.mid0, self.attn, self.mid1 = ResBlock(2 * ch, 2 * ch, E, groups), Attention(2 * ch, groups), ResBlock(2 * ch, 2 * ch, E, groups)
        self.up1, self.up0 = ResBlock(4 * ch, 2 * ch, E, groups), ResBlock(3 * ch, ch, E, groups)
        self.norm_out, self.conv_out = gn(ch, groups), nn.Conv2d(ch, 1, 3, padding=1)

    def forward(self, x, temb):
        emb = self.temb(temb)
        s0 = self.down0(self.conv_in(x), emb)                 # [B, ch, 28, 28]
        s1 = self.down1(F.avg_pool2d(s0, 2), emb)             # [B, 2ch, 14, 14]
        h = self.mid1(self.attn(self.mid0(s1, emb)), emb)
        h = self.up1(torch.cat([h, s1], 1), emb)
        h = self.up0(torch.cat([F.interpolate(h, scale_factor=2, mode='nearest'), s0], 1), emb)
        return self.conv_out(F.silu(self.norm_out(h)))


def timestep_embedding(t, dim):
    """[sin(t·f), cos(t·f)] with f_i = 10000^(−i/(dim/2)), t [B] → [B, dim]."""
    freqs = torch.exp(-math.log(10000) * torch.arange(dim // 2) / (dim // 2))
    arg = t[:, None].float() * freqs[None]
    return torch.cat([torch.sin(arg), torch.cos(arg)], dim=1)


def linear_alphas_cumprod(timesteps):
    """ᾱ_t of the linear β schedule 1e-4 … 0.02 (Ho et al. 2020)."""
    return torch.cumprod(1 - torch.linspace(1e-4, 0.02, timesteps), 0)
