#!/usr/bin/env bash
# Bytes per frame of a frames table under candidate level encodings, beside the levels' entropy.
# Usage: bench/frames-encoding.sh TABLES [gzip -6 bytes per CSV row]   Results: docs/benchmarks.md.
exec "$(dirname "$0")/run-java.sh" org.octave2vec.bench.FramesEncodingBench "$@"
