#!/usr/bin/env python3
"""Reference fast third-octave analysis in numpy/scipy (the CENSE recipe), for bench/audio.sh.

Same recipe as org.octave2vec.audio.ThirdOctaveAnalyzer: 32 kHz, 4096-sample Tukey(0.2) frames, hop
4000 (tail zero-padded, floor(n/4000) frames), FFT power summed over each band's bins, normalised by the
window's power gain, 94 dB for a full-scale sine. Prints seconds of audio per second and writes the
levels (float32, frames x 29) so the benchmark can compare them with the Java output.
Usage: audio_reference.py IN.wav OUT.f32 [repeats]
"""
import sys
import time

import numpy as np
from scipy.io import wavfile
from scipy.signal.windows import tukey

FS, N, HOP, BANDS, REF = 32000, 4096, 4000, 29, 17


def band_bins():
    fc = 1000 * 10 ** ((np.arange(BANDS) - REF) / 10)
    bin_hz = FS / N
    first = np.ceil(fc * 10 ** -0.05 / bin_hz).astype(int)
    last = np.floor(fc * 10 ** 0.05 / bin_hz).astype(int)
    return np.minimum(first, last), np.maximum(first, last)


def analyze(x, dbfs_to_spl=94.0):
    frames = len(x) // HOP
    padded = np.zeros((frames - 1) * HOP + N)
    padded[: len(x)] = x[: len(padded)]
    idx = np.arange(N)[None, :] + HOP * np.arange(frames)[:, None]
    w = tukey(N, 0.2)
    spec = np.fft.rfft(padded[idx] * w, axis=1)
    power = spec.real ** 2 + spec.imag ** 2
    lo, hi = band_bins()
    cum = np.concatenate([np.zeros((frames, 1)), np.cumsum(power, axis=1)], axis=1)
    band = cum[:, hi + 1] - cum[:, lo]
    mean_square = np.maximum(band * 2.0 / (N * np.sum(w * w)), 1e-20)
    return (10 * np.log10(mean_square / 0.5) + dbfs_to_spl).astype(np.float32)


def main():
    rate, data = wavfile.read(sys.argv[1])
    assert rate == FS, rate
    x = data.astype(np.float64) / 32768.0
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        levels = analyze(x)
        best = min(best, time.perf_counter() - t0)
    levels.tofile(sys.argv[2])
    print(f"numpy/scipy: {len(x) / FS / best:.1f} s of audio per s ({best:.3f} s for {len(x) / FS:.0f} s)")


if __name__ == "__main__":
    main()
