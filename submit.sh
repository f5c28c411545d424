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
PROFILES=()
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --master) MASTER="$2"; shift ;;
    --master=*) MASTER="${1#--master=}" ;;
    --profile) PROFILES+=("$2"); shift ;;
    --profile=*) PROFILES+=("${1#--profile=}") ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done
[ ${#ARGS[@]} -gt 0 ] || ARGS=(--help)
# `./submit.sh nightly` alone runs the ready definition
[ "${ARGS[*]}" = "nightly" ] && ARGS=(nightly @jobs/nightly.conf)
for p in "${PROFILES[@]}"; do
  [ -f "$p" ] || { echo "submit.sh: profile not found: $p" >&2; exit 2; }
done

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
  [ -x "$SPARK_HOME/bin/spark-submit" ] || { echo "submit.sh: no bin/spark-submit under SPARK_HOME=$SPARK_HOME" >&2; exit 2; }
  [ ${#PROFILES[@]} -gt 0 ] || PROFILES=(conf/standalone.conf)
  # the shaded application jar: $OCTAVE2VEC_JAR, or built here (mvn -Pcluster package) when sources changed
  JAR="${OCTAVE2VEC_JAR:-}"
  if [ -z "$JAR" ]; then
    JAR=$(ls target/octave2vec-*-cluster.jar 2>/dev/null | head -1 || true)
    if [ -z "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
      echo "submit.sh: building the application jar (mvn -Pcluster package)…" >&2
      [ "$DRY_RUN" = 1 ] || mvn -q -B -Pcluster -DskipTests package >&2
      JAR=$(ls target/octave2vec-*-cluster.jar 2>/dev/null | head -1 || echo target/octave2vec-VERSION-cluster.jar)
    fi
  fi
  # several profiles (e.g. conf/standalone.conf conf/s3.conf): later ones override earlier keys
  PROPS="${PROFILES[0]}"
  if [ ${#PROFILES[@]} -gt 1 ]; then
    mkdir -p target
    PROPS=target/submit-profile.conf
    cat "${PROFILES[@]}" > "$PROPS"
  fi
  CMD=("$SPARK_HOME/bin/spark-submit" --class org.octave2vec.cli.Main --properties-file "$PROPS"
       --driver-memory "${OCTAVE2VEC_DRIVER_MEMORY:-2g}" --driver-java-options "$OPENS")
  [ -n "$MASTER" ] && CMD+=(--master "$MASTER")
  run "${CMD[@]}" "$JAR" "${ARGS[@]}"
else
  [ ${#PROFILES[@]} -gt 0 ] || PROFILES=(conf/local.conf)
  PROFILE=$(IFS=,; echo "${PROFILES[*]}")
  build compile
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  # shellcheck disable=SC2086  # OPENS is a list of flags
  run java -Xmx"${OCTAVE2VEC_DRIVER_MEMORY:-6g}" $OPENS \
    -Dlog4j2.configurationFile=src/main/resources/log4j2.properties -Doctave2vec.profile="$PROFILE" \
    -cp "target/classes:$(cat target/classpath.txt)" org.octave2vec.cli.Main "${ARGS[@]}"
fi
