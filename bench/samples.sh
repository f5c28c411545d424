#!/usr/bin/env bash
# Slice and sample generation rates, and indices vs materialized tensors for training reads.
# Usage: bench/samples.sh [hours=2] [sensors=4]   (runs 1× and 10× the hours)
# Results go in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
OPENS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
exec java -Xmx10g $OPENS -Dlog4j2.configurationFile=src/main/resources/log4j2.properties \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.octave2vec.bench.SamplesBench "$@"
