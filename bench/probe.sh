#!/usr/bin/env bash
# Time of the linear probe's cross-validation (softmax, L2, λ grid, folds × seeds) on synthetic data.
# Usage: bench/probe.sh [n=3000] [d=256] [k=10] [folds=4] [seeds=3] [spread=0.15]   Results go in docs/evaluate.md.
exec "$(dirname "$0")/run-java.sh" org.octave2vec.bench.ProbeBench "$@"
