#!/usr/bin/env bash
# ReusingConvolution (the backward pass reuses the forward output) against DL4J's ConvolutionLayer
# (which computes every convolution's forward twice per step), side by side: the two alternate ROUNDS
# times per configuration (OneDnnBench median step, batch 64, 2 threads). Results: docs/benchmarks.md.
# Usage: bench/conv.sh [rounds=2] [configs="gap:small:8 cbow:small:8 gap:reference:8 cbow:reference:8"]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-2}"
source bench/step-setup.sh "${2:-}"  # CONFIGS, the build, OMP_NUM_THREADS=2
echo "| configuration (batch 64, one JVM) | DL4J ConvolutionLayer | ReusingConvolution | speed-up |"
echo "|---|---|---|---|"
for cfg in $CONFIGS; do
  IFS=: read -r task preset w <<< "$cfg"
  s=30
  [ "$preset" = reference ] && s=8
  plain=()
  ours=()
  for r in $(seq "$ROUNDS"); do
    plain+=("$(BENCH_PLAIN_CONV=1 bench/run-java.sh org.octave2vec.bench.OneDnnBench "$task" "$preset" "$w" 64 "$s" 2>&1 | awk '/^RESULT/ {print $8}')")
    ours+=("$(bench/run-java.sh org.octave2vec.bench.OneDnnBench "$task" "$preset" "$w" 64 "$s" 2>&1 | awk '/^RESULT/ {print $8}')")
  done
  python3 -c '
import statistics, sys
n = (len(sys.argv) - 2) // 2
p, o = statistics.median(map(float, sys.argv[2:2 + n])), statistics.median(map(float, sys.argv[2 + n:]))
print(f"| {sys.argv[1]} | {p:.1f} ms | {o:.1f} ms | {p / o:.2f}× |")' "$cfg" "${plain[@]}" "${ours[@]}"
done
