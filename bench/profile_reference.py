#!/usr/bin/env python3
"""PyTorch's side of bench/profile.sh: the same models as train_reference.py (CBoW; TemporalGap =
shared encoder on 2 slices, concat, linear+ReLU, linear+sigmoid, MSE), one step split into forward,
backward and optimizer, and the top operators from torch.profiler.
Usage: profile_reference.py cbow|gap small|reference [width=8] [batch=64] [steps=3] [threads=2]
"""
import sys
import time

import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from train_reference import PRESETS, CBoW  # noqa: E402


class Contrastive(nn.Module):
    """The contrastive encoder as train --task contrastive builds it: conv 3x3 (no bias) + batch norm +
    ReLU blocks, max-pool (2,1) after the first 4, global mean and max pooling concatenated, linear to the
    embedding (the projection NT-Xent sees); x = [2n, 1, bands, W], rows 2i and 2i+1 a pair."""

    def __init__(self, ch, emb, w, bands=29, pools=4, tau=0.1):
        super().__init__()
        enc, cin = [], 1
        for b, c in enumerate(ch):
            enc += [nn.Conv2d(cin, c, 3, padding=1, bias=False), nn.BatchNorm2d(c), nn.ReLU()]
            if b < pools:
                enc.append(nn.MaxPool2d((2, 1)))
            cin = c
        self.encoder = nn.Sequential(*enc)
        self.embed = nn.Linear(2 * ch[-1], emb)
        self.bands, self.tau = bands, tau

    def forward(self, x):
        h = self.encoder(nn.functional.pad(x, (0, 0, 0, 32 - self.bands)))
        return self.embed(torch.cat([h.mean(dim=(2, 3)), torch.amax(h, dim=(2, 3))], dim=1))

    def loss(self, x):
        """NT-Xent: each row's positive is its pair (i xor 1) among the 2n - 1 other rows."""
        z = nn.functional.normalize(self(x), dim=1)
        s = z @ z.t() / self.tau
        s = s.masked_fill(torch.eye(len(s), dtype=torch.bool), float("-inf"))
        pair = torch.arange(len(s)) ^ 1
        return nn.functional.cross_entropy(s, pair)


def loss_of(model, x, y):
    """The training loss of a benchmark model: NT-Xent for the contrastive one, else MSE."""
    return model.loss(x) if isinstance(model, Contrastive) else nn.functional.mse_loss(model(x), y)


class Gap(nn.Module):
    def __init__(self, ch, emb, w, bands=29):
        super().__init__()
        self.cbow = CBoW(ch, emb, w, bands)  # reuse its encoder layers only
        self.hidden = nn.Linear(2 * emb, emb)
        self.out = nn.Linear(emb, 1)
        self.bands, self.w = bands, w

    def forward(self, x):
        b = x.shape[0]
        x = nn.functional.pad(x.reshape(b * 2, 1, self.bands, self.w), (0, 0, 0, 32 - self.bands))
        e = self.cbow.embed(torch.amax(self.cbow.encoder(x), dim=(2, 3))).reshape(b, -1)
        return torch.sigmoid(self.out(torch.relu(self.hidden(e))))


def setup(default_steps):
    """Parses `task preset [width] [batch] [steps] [threads]`; returns the seeded model, its Adam, one
    random minibatch (x, y) and the arguments, as the DL4J benchmarks build them."""
    task, preset = sys.argv[1], sys.argv[2]
    w = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    batch = int(sys.argv[4]) if len(sys.argv) > 4 else 64
    steps = int(sys.argv[5]) if len(sys.argv) > 5 else default_steps
    torch.set_num_threads(int(sys.argv[6]) if len(sys.argv) > 6 else 2)
    torch.manual_seed(1)
    ch, emb = PRESETS[preset]
    if task == "contrastive":  # batch = pairs: 2 × batch views
        model, x, y = Contrastive(ch, emb, w), torch.randn(2 * batch, 1, 29, w), None
    else:
        model = Gap(ch, emb, w) if task == "gap" else CBoW(ch, emb, w)
        x = torch.rand(batch, 2, 29, w) if task == "gap" else torch.randn(batch, 4, 29, w)
        y = torch.rand(batch, 1) if task == "gap" else torch.randn(batch, 1, 29, w)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    return model, opt, x, y, task, preset, w, batch, steps


def main():
    model, opt, x, y, task, preset, w, batch, steps = setup(3)
    t = {"fwd": 0.0, "bwd": 0.0, "opt": 0.0}

    def step(timed):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = loss_of(model, x, y)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        opt.step()
        t3 = time.perf_counter()
        if timed:
            t["fwd"] += t1 - t0
            t["bwd"] += t2 - t1
            t["opt"] += t3 - t2

    step(False)
    step(False)
    for _ in range(steps):
        step(True)
    ms = {k: 1000 * v / steps for k, v in t.items()}
    total = sum(ms.values())
    print(f"== torch {task} {preset} W={w} batch {batch}, {torch.get_num_threads()} threads: step {total:.1f} ms "
          f"({batch * 1000 / total:.1f} samples/s)")
    print(f"   forward {ms['fwd']:.1f} ms | backward {ms['bwd']:.1f} ms | optimizer {ms['opt']:.1f} ms "
          f"({100 * ms['opt'] / total:.0f} %)")
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        step(False)
    print("   top operators (self CPU time, one step):")
    for ev in sorted(prof.key_averages(), key=lambda e: -e.self_cpu_time_total)[:8]:
        print(f"   {ev.key} | {ev.count} calls | {ev.self_cpu_time_total / 1000:.2f} ms")
    print(f"RESULT torch {task} {preset} {w} {batch} step_ms={total:.1f}")


if __name__ == "__main__":
    main()
