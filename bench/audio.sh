#!/usr/bin/env bash
# Fast third-octave analysis speed vs a numpy/scipy reference (bench/audio_reference.py), one core.
# Usage: bench/audio.sh [seconds=600]
# Results go in docs/benchmarks.md. Needs python3 with numpy and scipy.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
OPENS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)
export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 exec java -Xmx10g $OPENS -Dlog4j2.configurationFile=src/main/resources/log4j2.properties \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.octave2vec.bench.AudioBench "$@"
