# PyTorch twin of genlab's `gpt --preset baby` step: nanoGPT's model (test/fixtures/gpt/make_fixture.py:
# 4 layers, 4 heads, width 128, no bias, tied head), context 64, batch 12, AdamW 1e-3 β (0.9, 0.99),
# weight decay 0.1 on ≥2-D params, clip 1.0. Random tokens; --vocab is the vocabulary genlab's run used.
# Run: /usr/bin/python3 bench/torch/gpt_baby.py [--vocab 65] [--steps 10]
import os, sys
from common import parse_args, setup_torch, time_steps

a = parse_args(__file__, batch=12, block=64, vocab=65)
torch = setup_torch(a.seed)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'fixtures', 'gpt'))
from make_fixture import GPT  # noqa: E402
from nanogpt_step import nanogpt_step  # noqa: E402

model = GPT(dict(vocab_size=a.vocab, block_size=a.block, n_layer=4, n_head=4, n_embd=128, bias=False, tie=True))
params = [q for q in model.parameters() if q.requires_grad]
decay = [q for q in params if q.dim() >= 2]
opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.1},
                         {'params': [q for q in params if q.dim() < 2], 'weight_decay': 0.0}], lr=1e-3, betas=(0.9, 0.99))
x = torch.randint(a.vocab, (a.batch, a.block))
y = torch.randint(a.vocab, (a.batch, a.block))


def step():
    nanogpt_step(model, opt, x, y)


time_steps('gpt-baby', step, a, torch=torch.__version__)
