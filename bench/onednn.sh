#!/usr/bin/env bash
# Where the time of a training step goes inside oneDNN, DL4J beside PyTorch: both run the same model
# under ONEDNN_VERBOSE=1 (OneDnnBench, onednn_reference.py) and onednn_table.py splits the steps into
# convolution forward / backward-data / backward-weights, reorders, pooling and the rest, and compares
# every backward-weights convolution (ms, GFLOP/s against the measured peak, oneDNN kernel).
# Usage: bench/onednn.sh [steps=20] [configs="gap:small:8 cbow:small:8 gap:reference:8 cbow:reference:8"]
# Needs: apt-get install python3-torch libopenblas0-openmp (Debian's PyTorch uses the system BLAS:
# without an optimised one its linear layers run on the reference BLAS). Results: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS="${1:-20}"
source bench/step-setup.sh "${2:-}"  # CONFIGS, the build, OMP_NUM_THREADS=2
LOGS=$(mktemp -d)
# the 2-thread peak this machine reaches: oneDNN's own best case, a large 3x3 convolution forward
PEAK=$(/usr/bin/python3 bench/peak.py)
echo "measured 2-thread peak (PyTorch/oneDNN 3x3 conv 256->256, 32x32, batch 32): $PEAK GFLOP/s"
for cfg in $CONFIGS; do
  IFS=: read -r task preset w <<< "$cfg"
  ONEDNN_VERBOSE=1 DNNL_VERBOSE=1 bench/run-java.sh org.octave2vec.bench.OneDnnBench "$task" "$preset" "$w" 64 "$STEPS" \
    > "$LOGS/dl4j.log" 2>&1
  ONEDNN_VERBOSE=1 /usr/bin/python3 bench/onednn_reference.py "$task" "$preset" "$w" 64 "$STEPS" 2 > "$LOGS/torch.log" 2>&1
  /usr/bin/python3 bench/onednn_table.py "$LOGS/dl4j.log" "$LOGS/torch.log" "$PEAK"
  echo
done
rm -rf "$LOGS"
