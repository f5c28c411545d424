#!/usr/bin/env bash
# Data format for issue 9: the encoder trained in NCHW vs NHWC (same slices, steps alternated in one JVM).
# Usage: bench/layout.sh [preset=small] [width=8] [batch=256] [steps=10]. Results: docs/benchmarks.md.
exec "$(dirname "$0")/run-java.sh" org.octave2vec.bench.LayoutBench "${1:-small}" "${2:-8}" "${3:-256}" "${4:-10}"
