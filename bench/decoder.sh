#!/usr/bin/env bash
# Decoder choice for issue 9: nearest-neighbour upsampling + 3×3 conv (the paper's) against a transposed
# convolution (kernel 4×3, stride (2,1)), CBoW, training steps alternated in one JVM. Results: docs/benchmarks.md.
# Usage: bench/decoder.sh [preset=small] [width=8] [batch=64] [steps=20]
exec "$(dirname "$0")/run-java.sh" org.octave2vec.bench.DecoderBench "${1:-small}" "${2:-8}" "${3:-64}" "${4:-20}"
