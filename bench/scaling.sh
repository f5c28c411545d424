#!/usr/bin/env bash
# Scale-out study on this machine: a Spark standalone cluster (master + 2 workers × 1 core, from
# target/spark-home), jobs through submit.sh with the shaded jar. Ingest with 1 vs 2 executors, ingest
# of 1×/4×/16× archives, training (small CBoW, parameter averaging) with 1 vs 2 executors.
# Usage: bench/scaling.sh [sensors=4] [hours per 1×=2] [workdir=work/bench-scaling]
# Results and the capacity plan built from them: docs/scaling.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  mvn -q -B -Pcluster -DskipTests package
  mvn -q -B -f src/test/spark-home/pom.xml package
fi
exec bench/run-java.sh org.octave2vec.cluster.ScalingBench "$@"
