#!/usr/bin/env bash
# Runs a benchmark class from src/test/java on the test classpath with the project's JVM flags.
# Usage: bench/run-java.sh org.octave2vec.bench.SomeBench [args…]   (the bench/*.sh scripts call it)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build.sh  # unless BENCH_NO_BUILD is set (e.g. while sources are edited): reuses the last build
OPENS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)
export SPARK_LOCAL_IP=127.0.0.1
CLASS="$1"
shift
# shellcheck disable=SC2086  # OPENS is a list of flags
exec java -Xmx10g $OPENS -Dlog4j2.configurationFile=src/main/resources/log4j2.properties \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" "$CLASS" "$@"
