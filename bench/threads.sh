#!/usr/bin/env bash
# ND4J's own OpenMP team size on the training thread (4 on this 2-core machine, whatever
# OMP_NUM_THREADS says) against the jobs' NativeThreads.pin() (OMP_NUM_THREADS, else the task's or
# the JVM's cores), side by side: the two alternate ROUNDS times per configuration (median step of
# OneDnnBench, 2 cores, OMP_NUM_THREADS=2), then Spark local[2] (TrainBench spark, OMP_NUM_THREADS=1).
# Usage: bench/threads.sh [rounds=2] [steps=30]   Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-2}"
STEPS="${2:-30}"
source bench/build.sh
OUT=$(mktemp)
for cfg in gap:small:8 cbow:small:8 gap:reference:8 cbow:reference:8 cbow:small:32 gap:reference:32; do
  IFS=: read -r task preset w <<< "$cfg"
  s=$STEPS
  [ "$preset" = reference ] && s=$(( STEPS / 3 ))
  for r in $(seq "$ROUNDS"); do
    for mode in default pinned; do
      v=$(BENCH_ND4J_THREADS=$mode OMP_NUM_THREADS=2 bench/run-java.sh org.octave2vec.bench.OneDnnBench \
        "$task" "$preset" "$w" 64 "$s" 2>&1 | awk '/^RESULT/ {print $8}')
      echo "$cfg $mode $v" >> "$OUT"
    done
  done
done
for preset in small reference; do
  [ "$preset" = reference ] && s=4 || s=12
  for r in $(seq "$ROUNDS"); do
    for mode in default pinned; do
      v=$(BENCH_ND4J_THREADS=$mode OMP_NUM_THREADS=1 bench/run-java.sh org.octave2vec.bench.TrainBench spark \
        "$preset" 8 64 "$s" 4 2>/dev/null | awk '/^RESULT/ {print $6}')
      echo "spark:$preset:8 $mode $v" >> "$OUT"
    done
  done
done
python3 - "$OUT" <<'PY'
import statistics, sys
from collections import defaultdict
v = defaultdict(list)
for line in open(sys.argv[1]):
    cfg, mode, x = line.split()
    v[(cfg, mode)].append(float(x))
print("| configuration (batch 64) | ND4J default team | pinned (NativeThreads) | speed-up |")
print("|---|---|---|---|")
for cfg in dict.fromkeys(k[0] for k in v):
    d, p = statistics.median(v[(cfg, "default")]), statistics.median(v[(cfg, "pinned")])
    if cfg.startswith("spark"):  # samples/s
        print(f"| Spark local[2] CBoW {cfg.split(':')[1]} W=8, averaging every 4 | {d:.1f} samples/s | {p:.1f} samples/s | {p / d:.2f}× |")
    else:  # median step ms
        task, preset, w = cfg.split(":")
        print(f"| {task} {preset} W={w}, one JVM | {d:.1f} ms ({64000 / d:.0f}/s) | {p:.1f} ms ({64000 / p:.0f}/s) | {d / p:.2f}× |")
PY
rm -f "$OUT"
