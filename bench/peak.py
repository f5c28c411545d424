#!/usr/bin/env python3
"""Prints this machine's 2-thread fp32 peak as oneDNN reaches it (its best case: a large 3x3
convolution, 256->256 channels at 32x32, batch 32, best of 5), in GFLOP/s. For bench/speed.sh and
bench/onednn.sh, which report GFLOP/s against it."""
import time

import torch

torch.set_num_threads(2)
x, c = torch.randn(32, 256, 32, 32), torch.nn.Conv2d(256, 256, 3, padding=1, bias=False)
with torch.no_grad():
    c(x)
    best = 1e9
    for _ in range(5):
        t = time.perf_counter()
        c(x)
        best = min(best, time.perf_counter() - t)
print(f"{2 * 32 * 256 * 256 * 32 * 32 * 9 / best / 1e9:.0f}")
