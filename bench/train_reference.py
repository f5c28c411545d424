#!/usr/bin/env python3
"""The octave2vec CBoW model in PyTorch (CPU), for bench/train.sh: same layers, shapes and batch.

Encoder: pad 29→32 bands; 6 × (conv 3×3 same + ReLU), max-pool (2,1) after the first 4; global max
pool; linear → embedding. CBoW: 2P = 4 context slices through the shared encoder (folded into the
batch), concatenated → linear + ReLU → [C, 2, W] → conv blocks mirroring the encoder with
nearest-neighbour (2,1) upsampling → conv to 1 channel → crop to 29 bands; MSE; Adam 1e-3.
Usage: train_reference.py small|reference [width=8] [batch=64] [steps=4] [threads=2]
"""
import sys
import time

import torch
from torch import nn

PRESETS = {"small": ([16, 32, 64, 64, 128, 128], 128), "reference": ([64, 128, 256, 256, 512, 512], 128)}


class CBoW(nn.Module):
    def __init__(self, ch, emb, w, bands=29, pools=4, p2=4):
        super().__init__()
        self.bands, self.w, self.p2, self.ch = bands, w, p2, ch
        enc, cin = [], 1
        for b, c in enumerate(ch):
            enc += [nn.Conv2d(cin, c, 3, padding=1), nn.ReLU()]
            if b < pools:
                enc.append(nn.MaxPool2d((2, 1)))
            cin = c
        self.encoder = nn.Sequential(*enc)
        self.embed = nn.Linear(ch[-1], emb)
        self.dense = nn.Linear(p2 * emb, ch[-1] * 2 * w)
        n = len(ch)
        dec = [nn.Conv2d(ch[-1], ch[n - 3], 3, padding=1), nn.ReLU()]
        for k in range(n - 3, 0, -1):
            dec += [nn.Upsample(scale_factor=(2, 1), mode="nearest"), nn.Conv2d(ch[k], ch[k - 1], 3, padding=1), nn.ReLU()]
        dec += [nn.Upsample(scale_factor=(2, 1), mode="nearest"), nn.Conv2d(ch[0], 1, 3, padding=1)]
        self.decoder = nn.Sequential(*dec)

    def forward(self, x):
        b = x.shape[0]
        x = x.reshape(b * self.p2, 1, self.bands, self.w)
        x = nn.functional.pad(x, (0, 0, 0, 32 - self.bands))
        e = self.embed(torch.amax(self.encoder(x), dim=(2, 3)))
        z = torch.relu(self.dense(e.reshape(b, -1))).reshape(b, self.ch[-1], 2, self.w)
        return self.decoder(z)[:, :, : self.bands, :]


def main():
    preset = sys.argv[1]
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    steps = int(sys.argv[4]) if len(sys.argv) > 4 else 4
    torch.set_num_threads(int(sys.argv[5]) if len(sys.argv) > 5 else 2)
    torch.manual_seed(1)
    ch, emb = PRESETS[preset]
    model = CBoW(ch, emb, w)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    data = [(torch.randn(batch, 4, 29, w), torch.randn(batch, 1, 29, w)) for _ in range(steps + 1)]

    def step(x, y):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()

    step(*data[0])  # warm-up
    t0 = time.perf_counter()
    for x, y in data[1:]:
        step(x, y)
    rate = steps * batch / (time.perf_counter() - t0)
    params = sum(p.numel() for p in model.parameters())
    print(f"RESULT torch {preset} {w} {batch} {rate:.2f} {params} 0")


if __name__ == "__main__":
    main()
