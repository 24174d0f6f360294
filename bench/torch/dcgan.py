# PyTorch twin of genlab's `dcgan` step (train.ema=0): one discriminator update (non-saturating BCE,
# real and fake through D separately, as genlab does when D has batch norm) and one generator update,
# Adam 2e-4, β (0.5, 0.999), batch 64. Run: /usr/bin/python3 bench/torch/dcgan.py [--steps 10]
from common import parse_args, setup_torch, time_steps

a = parse_args(__file__, batch=64, latent=64)
torch = setup_torch(a.seed)
from nets import discriminator, generator, real_batch  # noqa: E402
F = torch.nn.functional
G, D = generator(a.latent), discriminator()
optG = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
optD = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
real = real_batch(a.batch)
ones, zeros = torch.ones(a.batch, 1), torch.zeros(a.batch, 1)


def step():
    with torch.no_grad():
        fake = G(torch.randn(a.batch, a.latent))
    lossD = F.binary_cross_entropy_with_logits(D(real), ones) + F.binary_cross_entropy_with_logits(D(fake), zeros)
    optD.zero_grad(set_to_none=True)
    lossD.backward()
    optD.step()
    lossG = F.binary_cross_entropy_with_logits(D(G(torch.randn(a.batch, a.latent))), ones)
    optG.zero_grad(set_to_none=True)
    lossG.backward()  # also fills D's grads, discarded by the next zero_grad (as genlab takes G's only)
    optG.step()


time_steps('dcgan', step, a, torch=torch.__version__)
