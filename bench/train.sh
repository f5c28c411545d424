#!/usr/bin/env bash
# CBoW training throughput, side by side in one run: DL4J in one JVM, DL4J on Spark local[2] with
# parameter averaging (OMP_NUM_THREADS=1 per task), and the same model in PyTorch (Debian's
# python3-torch 1.13, 2 threads) — random data, batch 64, W=8; small and reference presets.
# Usage: bench/train.sh [steps=4]   Needs: apt-get install python3-torch libopenblas0-openmp.
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS="${1:-4}"
OUT=$(mktemp)
source bench/build.sh
for preset in small reference; do
  s=$STEPS
  [ "$preset" = reference ] && s=$(( STEPS > 2 ? 2 : STEPS ))
  OMP_NUM_THREADS=2 bench/run-java.sh org.octave2vec.bench.TrainBench single "$preset" 8 64 "$s" 2>/dev/null | grep '^RESULT' >> "$OUT"
  OMP_NUM_THREADS=1 bench/run-java.sh org.octave2vec.bench.TrainBench spark "$preset" 8 64 "$s" 2>/dev/null | grep '^RESULT' >> "$OUT"
  /usr/bin/python3 bench/train_reference.py "$preset" 8 64 "$s" 2 | grep '^RESULT' >> "$OUT"
  OMP_NUM_THREADS=2 bench/run-java.sh org.octave2vec.bench.TrainBench embed "$preset" 8 256 10 2>/dev/null | grep '^RESULT' >> "$OUT"
done
python3 - "$OUT" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
by = {(r[1], r[2]): r for r in rows}
peak = 375.0  # GFLOP/s, 2 threads: oneDNN's best case on this machine, measured by bench/speed.sh (368-384)
print("| model | DL4J one JVM | DL4J Spark local[2] | PyTorch | DL4J/PyTorch | Spark/one JVM | DL4J GFLOP/s (% of peak) |")
print("|---|---|---|---|---|---|---|")
for preset in ("small", "reference"):
    s, k, t = by[("single", preset)], by[("spark", preset)], by[("torch", preset)]
    rs, rk, rt = float(s[5]), float(k[5]), float(t[5])
    gf = float(s[7]) * rs
    print(f"| CBoW {preset} W=8 ({int(s[6]):,} params; torch {int(t[6]):,}) | {rs:.1f} | {rk:.1f} | {rt:.1f} | "
          f"{rs / rt:.2f}× | {rk / rs:.2f}× | {gf:.1f} ({100 * gf / peak:.0f} %) |")
print("samples/s; GFLOP/s = 3 × forward FLOPs per sample × samples/s")
for preset in ("small", "reference"):
    e = by[("embed", preset)]
    print(f"embedding throughput, {preset} encoder, one JVM: {float(e[5]):,.0f} slices/s")
PY
rm -f "$OUT"
