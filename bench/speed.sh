#!/usr/bin/env bash
# Issue 9's goal table: DL4J (OneDnnBench, the jobs' thread setting) against PyTorch
# (onednn_reference.py) on the same models, threads and batch, alternating ROUNDS times; median step
# of each run, median over runs; GFLOP/s = 3 × forward FLOPs per sample × samples/s, against the
# 2-thread peak measured first (oneDNN's best case, a large 3x3 convolution).
# Usage: bench/speed.sh [rounds=2] [batch=64] [configs="cbow:small:8 cbow:small:32 cbow:reference:8 ..."]
# contrastive:small:8 is the contrastive encoder (batch norm, mean+max pooling, NT-Xent); its batch
# counts pairs (2 × batch views), its samples/s pairs per second.
# Needs: apt-get install python3-torch libopenblas0-openmp (Debian's PyTorch uses the system BLAS:
# without an optimised one its linear layers run on the reference BLAS). Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-2}"
BATCH="${2:-64}"
source bench/step-setup.sh \
  "${3:-cbow:small:8 cbow:small:32 cbow:reference:8 cbow:reference:32 gap:small:8 gap:reference:8 gap:reference:32}"
OUT=$(mktemp)
PEAK=$(/usr/bin/python3 bench/peak.py)
/usr/bin/python3 -c 'import torch; m = open("/proc/self/maps").read(); exit(0 if any(b in m for b in ("openblas", "blis", "mkl")) else 1)' \
  || echo "WARNING: PyTorch runs on the reference BLAS here (apt-get install libopenblas0-openmp): its linear layers are slow"
for cfg in $CONFIGS; do
  IFS=: read -r task preset w <<< "$cfg"
  s=30
  [ "$preset" = reference ] && s=8
  [ "$preset:$w" = reference:32 ] && s=4
  for r in $(seq "$ROUNDS"); do
    bench/run-java.sh org.octave2vec.bench.OneDnnBench "$task" "$preset" "$w" "$BATCH" "$s" 2>&1 | grep '^RESULT' >> "$OUT"
    /usr/bin/python3 bench/onednn_reference.py "$task" "$preset" "$w" "$BATCH" "$s" 2 2>&1 | grep '^RESULT' >> "$OUT"
  done
done
python3 - "$OUT" "$PEAK" "$BATCH" <<'PY'
import statistics, sys
from collections import defaultdict
peak, batch = float(sys.argv[2]), int(sys.argv[3])
ms, gf = defaultdict(list), {}
for line in open(sys.argv[1]):
    r = line.split()
    key = (r[2], r[3], r[4])
    ms[(r[1],) + key].append(float(r[7]))
    if r[1] == "torch":
        gf[key] = float(r[9])
print(f"2-thread peak measured: {peak:.0f} GFLOP/s; batch {batch}; samples/s from the median step")
print("| model | W | DL4J samples/s | PyTorch samples/s | DL4J / PyTorch | DL4J GFLOP/s (% of peak) | PyTorch GFLOP/s (% of peak) |")
print("|---|---|---|---|---|---|---|")
for key in dict.fromkeys(k[1:] for k in ms):
    task, preset, w = key
    d = batch * 1000 / statistics.median(ms[("dl4j",) + key])
    t = batch * 1000 / statistics.median(ms[("torch",) + key])
    name = {"cbow": "CBoW", "gap": "TemporalGap", "contrastive": "Contrastive"}[task] + " " + preset
    gd, gt = 3 * gf[key] * d, 3 * gf[key] * t
    print(f"| {name} | {w} | {d:.1f} | {t:.1f} | {'**' if d >= t else ''}{d / t:.2f}×{'**' if d >= t else ''} | "
          f"{gd:.0f} ({100 * gd / peak:.0f} %) | {gt:.0f} ({100 * gt / peak:.0f} %) |")
PY
rm -f "$OUT"
