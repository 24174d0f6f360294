# genlab's DCGAN networks for 28×28×1 images (src/models/gan/networks.ts, the `dcgan` registry entry:
# latent 64, gFilters 32, dFilters 32), in PyTorch's NCHW layout. tfjs 'same' padding for a 4×4
# stride-2 (transposed) conv on an even side is padding 1 on each side.
import torch
from torch import nn


def generator(latent=64, gf=32, batch_norm=True):
    """z [B, L] → x [B, 1, 28, 28] in [−1, 1]: dense to 7×7×2gf, two ×2 transposed convs."""
    c0 = 2 * gf
    bn = (lambda c: nn.BatchNorm2d(c, momentum=0.1, eps=1e-5)) if batch_norm else (lambda c: nn.Identity())
    return nn.Sequential(
        nn.Linear(latent, 7 * 7 * c0, bias=not batch_norm), nn.Unflatten(1, (c0, 7, 7)), bn(c0), nn.ReLU(),
        nn.ConvTranspose2d(c0, gf, 4, 2, 1, bias=not batch_norm), bn(gf), nn.ReLU(),
        nn.ConvTranspose2d(gf, 1, 4, 2, 1), nn.Tanh())


def discriminator(df=32, batch_norm=True, leak=0.2):
    """x [B, 1, 28, 28] → logit [B, 1]: two stride-2 convs (norm on the second only, as DCGAN), dense."""
    return nn.Sequential(
        nn.Conv2d(1, df, 4, 2, 1), nn.LeakyReLU(leak),
        nn.Conv2d(df, 2 * df, 4, 2, 1), nn.BatchNorm2d(2 * df) if batch_norm else nn.Identity(), nn.LeakyReLU(leak),
        nn.Flatten(), nn.Linear(7 * 7 * 2 * df, 1))


def real_batch(batch):
    """Synthetic 'images' in [−1, 1] (the data never changes the step's cost)."""
    return torch.rand(batch, 1, 28, 28) * 2 - 1
