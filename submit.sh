#!/usr/bin/env bash
# Runs any octave2vec job:  ./submit.sh <job> [options]      (./submit.sh --help lists the jobs)
#
# Embedded (default): builds if needed, then runs the job in one JVM with a local Spark.
# Cluster: with SPARK_HOME set or --master given, calls $SPARK_HOME/bin/spark-submit with the
# profile from conf/ (--profile conf/NAME.conf, default conf/local.conf for embedded runs).
# --dry-run prints the command instead of running it. Options may come from a file: @jobs/ingest.conf
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

DRY_RUN=0
MASTER=""
PROFILE=""
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --master) MASTER="$2"; shift ;;
    --master=*) MASTER="${1#--master=}" ;;
    --profile) PROFILE="$2"; shift ;;
    --profile=*) PROFILE="${1#--profile=}" ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done
[ ${#ARGS[@]} -gt 0 ] || ARGS=(--help)

export OCTAVE2VEC_GIT_COMMIT="${OCTAVE2VEC_GIT_COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}"
# Spark 3.5 on Java 17 needs these module openings; one list, kept in pom.xml
OPENS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)

build() {
  # rebuild when any source or the pom is newer than the last build
  if [ ! -f target/classpath.txt ] || [ -n "$(find src pom.xml -newer target/classpath.txt -print -quit)" ]; then
    echo "submit.sh: building octave2vec (mvn $*)…" >&2
    mvn -q -B -DskipTests "$@" >&2
    touch target/classpath.txt
  fi
}

run() {
  if [ "$DRY_RUN" = 1 ]; then
    printf '%q ' "$@"; echo
  else
    exec "$@"
  fi
}

if [ -n "$MASTER" ] || [ -n "${SPARK_HOME:-}" ]; then
  [ -n "${SPARK_HOME:-}" ] || { echo "submit.sh: --master needs SPARK_HOME (a Spark 3.5 distribution)" >&2; exit 2; }
  PROFILE="${PROFILE:-conf/standalone.conf}"
  build package
  JAR=$(ls target/octave2vec-*.jar | grep -v -e sources -e tests | head -1)
  PICOCLI=$(tr ':' '\n' < target/classpath.txt | grep picocli | head -1)
  CMD=("$SPARK_HOME/bin/spark-submit" --class org.octave2vec.cli.Main --properties-file "$PROFILE"
       --jars "$PICOCLI" --driver-java-options "$OPENS")
  [ -n "$MASTER" ] && CMD+=(--master "$MASTER")
  run "${CMD[@]}" "$JAR" "${ARGS[@]}"
else
  PROFILE="${PROFILE:-conf/local.conf}"
  build compile
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  # shellcheck disable=SC2086  # OPENS is a list of flags
  run java -Xmx"${OCTAVE2VEC_DRIVER_MEMORY:-6g}" $OPENS \
    -Dlog4j2.configurationFile=src/main/resources/log4j2.properties -Doctave2vec.profile="$PROFILE" \
    -cp "target/classes:$(cat target/classpath.txt)" org.octave2vec.cli.Main "${ARGS[@]}"
fi
