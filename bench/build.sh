#!/usr/bin/env bash
# Sourced by the bench scripts: compiles the project and its test classes once and writes the test
# classpath, unless BENCH_NO_BUILD is set (then the last build is reused); afterwards every
# bench/run-java.sh call reuses it.
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  mvn -q -B -DskipTests test-compile
  mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
fi
export BENCH_NO_BUILD=1
