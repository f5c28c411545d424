#!/usr/bin/env python3
"""PyTorch's side of bench/onednn.sh: the same training step as profile_reference.py (3 warm-up steps,
then `steps` timed), meant to run under ONEDNN_VERBOSE=1. Prints
`RESULT torch task preset width batch total_steps median_ms min_ms forward_gflop_per_sample` on stderr
(forward FLOPs = 2 × multiply-adds of every convolution and linear layer, padding included).
Usage: onednn_reference.py cbow|gap small|reference [width=8] [batch=64] [steps=20] [threads=2]
"""
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from profile_reference import Gap  # noqa: E402
from train_reference import PRESETS, CBoW  # noqa: E402

WARM_UP = 3


def main():
    task, preset = sys.argv[1], sys.argv[2]
    w = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    batch = int(sys.argv[4]) if len(sys.argv) > 4 else 64
    steps = int(sys.argv[5]) if len(sys.argv) > 5 else 20
    torch.set_num_threads(int(sys.argv[6]) if len(sys.argv) > 6 else 2)
    torch.manual_seed(1)
    ch, emb = PRESETS[preset]
    model = Gap(ch, emb, w) if task == "gap" else CBoW(ch, emb, w)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.rand(batch, 2, 29, w) if task == "gap" else torch.randn(batch, 4, 29, w)
    y = torch.rand(batch, 1) if task == "gap" else torch.randn(batch, 1, 29, w)

    def step():
        opt.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
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
