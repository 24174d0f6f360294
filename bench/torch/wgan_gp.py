# PyTorch twin of genlab's WGAN-GP critic step on the DCGAN networks (critic without batch norm, as
# WGAN-GP requires): fake = G(z) without gradient, critic on [real; fake] in one pass, gradient penalty
# λ 10 at x̂ = α·real + (1−α)·fake (double backward), Adam 1e-4, β (0, 0.9), batch 64.
# Run: /usr/bin/python3 bench/torch/wgan_gp.py [--steps 10]
from common import parse_args, setup_torch, time_steps

a = parse_args(__file__, batch=64, latent=64)
torch = setup_torch(a.seed)
from nets import discriminator, generator, real_batch  # noqa: E402
G, D = generator(a.latent), discriminator(batch_norm=False)
optD = torch.optim.Adam(D.parameters(), lr=1e-4, betas=(0.0, 0.9))
real = real_batch(a.batch)


def step():
    with torch.no_grad():
        fake = G(torch.randn(a.batch, a.latent))
    d = D(torch.cat([real, fake]))
    adv = d[a.batch:].mean() - d[:a.batch].mean()
    alpha = torch.rand(a.batch, 1, 1, 1)
    xhat = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    g, = torch.autograd.grad(D(xhat).sum(), xhat, create_graph=True)
    gp = ((g.flatten(1).norm(dim=1) - 1) ** 2).mean()
    optD.zero_grad(set_to_none=True)
    (adv + 10 * gp).backward()
    optD.step()


time_steps('wgan-gp', step, a, torch=torch.__version__)
