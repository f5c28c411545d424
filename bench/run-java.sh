#!/usr/bin/env bash
# Runs a benchmark class from src/test/java on the test classpath with the project's JVM flags.
# Usage: bench/run-java.sh org.octave2vec.bench.SomeBench [args…]   (the bench/*.sh scripts call it)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BENCH_NO_BUILD:-}" ]; then  # set it to reuse the last build (e.g. while sources are edited)
  mvn -q -B -DskipTests test-compile
  mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
fi
OPENS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)
export SPARK_LOCAL_IP=127.0.0.1
CLASS="$1"
shift
# shellcheck disable=SC2086  # OPENS is a list of flags
exec java -Xmx10g $OPENS -Dlog4j2.configurationFile=src/main/resources/log4j2.properties \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" "$CLASS" "$@"
