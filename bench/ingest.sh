#!/usr/bin/env bash
# Ingest throughput benchmark: octave2vec vs plain Spark vs DuckDB on one generated archive.
# Usage: bench/ingest.sh [sensors=4] [hours=44] [repeats=3] [workdir=work/bench-ingest] [format=csv.gz]
# (4 sensors × 44 h ≈ 5 million rows.) Results go in docs/benchmarks.md.
exec "$(dirname "$0")/run-java.sh" org.octave2vec.bench.IngestBench "$@"
