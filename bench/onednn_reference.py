#!/usr/bin/env python3
"""PyTorch's side of bench/onednn.sh: the same training step as profile_reference.py (3 warm-up steps,
then `steps` timed), meant to run under ONEDNN_VERBOSE=1. Prints
`RESULT torch task preset width batch total_steps median_ms min_ms forward_gflop_per_sample` on stderr
(forward FLOPs = 2 × multiply-adds of every convolution and linear layer, padding included).
Usage: onednn_reference.py cbow|gap|contrastive small|reference [width=8] [batch=64] [steps=20] [threads=2]
"""
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from profile_reference import loss_of, setup  # noqa: E402

WARM_UP = 3


def main():
    model, opt, x, y, task, preset, w, batch, steps = setup(20)

    def step():
        opt.zero_grad()
        loss_of(model, x, y).backward()
        opt.step()

    flops = [0]

    def count(module, inputs, out):
        if isinstance(module, nn.Conv2d):
            k = module.kernel_size[0] * module.kernel_size[1] * module.in_channels // module.groups
            flops[0] += 2 * out.numel() * k
        elif isinstance(module, nn.Linear):
            flops[0] += 2 * out.numel() * module.in_features

    hooks = [m.register_forward_hook(count) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    for _ in range(WARM_UP):
        step()
    ms = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        ms.append(1000 * (time.perf_counter() - t0))
    sys.stdout.flush()
    print(f"RESULT torch {task} {preset} {w} {batch} {steps + WARM_UP} {statistics.median(ms):.2f} {min(ms):.2f} "
          f"{flops[0] / batch / 1e9:.5f}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
