#!/usr/bin/env bash
# Slice and sample generation rates, and how fast a worker reads its samples (indices + lookup).
# Usage: bench/samples.sh [hours=2] [sensors=4]   (runs 1× and 10× the hours)
# Results go in docs/benchmarks.md.
exec "$(dirname "$0")/run-java.sh" org.octave2vec.bench.SamplesBench "$@"
