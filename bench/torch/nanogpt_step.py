# nanoGPT's optimisation step (train.py): cross-entropy of the logits, backward, clip the global
# gradient norm to 1.0, AdamW step — shared by the timing twin (gpt_baby.py) and the training twin
# (bench/gpt-baby-torch.py).
from torch.nn import functional as F
import torch


def nanogpt_step(model, opt, x, y, clip=1.0):
    """One step on tokens x → targets y [B, T]; returns the loss tensor."""
    logits = model(x)
    loss = F.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
    opt.step()
    return loss
