#!/usr/bin/env bash
# Where a training step's time goes, DL4J and PyTorch side by side: per layer forward/backward, the
# optimizer, the whole step — CBoW and TemporalGap, small and reference, W=8 and W=32, batch 64.
# Usage: bench/profile.sh [steps=3] [configs="cbow:small:8 cbow:reference:8 gap:reference:8 cbow:small:32"]
# Needs: apt-get install python3-torch libopenblas0-openmp (Debian's PyTorch uses the system BLAS:
# without an optimised one its linear layers run on the reference BLAS). Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS="${1:-3}"
CONFIGS="${2:-cbow:small:8 cbow:reference:8 gap:reference:8 cbow:small:32}"
source bench/build.sh
for cfg in $CONFIGS; do
  IFS=: read -r task preset w <<< "$cfg"
  OMP_NUM_THREADS=2 bench/run-java.sh org.octave2vec.bench.ProfileBench "$task" "$preset" "$w" 64 "$STEPS" 2>/dev/null | grep -v '^RESULT'
  /usr/bin/python3 bench/profile_reference.py "$task" "$preset" "$w" 64 "$STEPS" 2
done
