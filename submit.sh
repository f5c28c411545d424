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

# the same masking as org.octave2vec.common.Redact: URI user-info up to the last @, and the value of
# any name=value whose name says secret/password/token/credential (or key, in a dotted property name)
redact() {
  sed -E -e 's#([A-Za-z][A-Za-z0-9+.-]*://)[^/[:space:]"'"'"'<>@][^[:space:]"'"'"'<>]*@#\1***@#g' \
    -e 's#([A-Za-z0-9_.-]*(secret|passw|token|credential|signature|access[._-]?key)[A-Za-z0-9_.-]*=)[^[:space:]"'"'"'&,]+#\1***#Ig' \
    -e 's#([A-Za-z0-9_-]*\.[A-Za-z0-9_.-]*key[A-Za-z0-9_.-]*=)[^[:space:]"'"'"'&,]+#\1***#Ig'
}

run() {
  if [ "$DRY_RUN" = 1 ]; then
    { printf '%q ' "$@"; echo; } | redact
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
  # the cluster's shared secret (spark.authenticate): from a file only its owner can read, or the
  # environment; never from a profile under version control, never on a command line (ps shows those)
  SECRET=""
  if [ -n "${OCTAVE2VEC_SPARK_SECRET_FILE:-}" ]; then
    F="$OCTAVE2VEC_SPARK_SECRET_FILE"
    [ -f "$F" ] && [ -r "$F" ] || { echo "submit.sh: OCTAVE2VEC_SPARK_SECRET_FILE not readable: $F" >&2; exit 2; }
    MODE=$(stat -c %a "$F")
    if [ "$(stat -c %u "$F")" != "$(id -u)" ] || [ $((8#$MODE & 077)) -ne 0 ]; then
      echo "submit.sh: $F must be owned by you and readable only by you (chmod 600 $F; it is $MODE)" >&2; exit 2
    fi
    SECRET=$(head -n 1 "$F")
  elif [ -n "${OCTAVE2VEC_SPARK_SECRET:-}" ]; then
    SECRET="$OCTAVE2VEC_SPARK_SECRET"
  fi
  # spark.authenticate as the layered profiles leave it (later files win)
  AUTH=$(cat "${PROFILES[@]}" | sed -nE 's/^[[:space:]]*spark\.authenticate[[:space:]]*[=:[:space:]][[:space:]]*([^[:space:]]+).*/\1/p' | tail -1)
  if [ "$AUTH" = true ] && [ -z "$SECRET" ] && ! grep -qE '^[[:space:]]*spark\.authenticate\.secret[[:space:]=:]' "${PROFILES[@]}"; then
    echo "submit.sh: spark.authenticate=true needs the cluster's secret: set OCTAVE2VEC_SPARK_SECRET_FILE" \
      "(a file only you can read) or OCTAVE2VEC_SPARK_SECRET (docs/cluster.md)" >&2; exit 2
  fi
  # several profiles (e.g. conf/standalone.conf conf/s3.conf): later ones override earlier keys. The
  # copy may hold fs.s3a.* keys and the secret: only its owner may read it
  PROPS="${PROFILES[0]}"
  if [ ${#PROFILES[@]} -gt 1 ] || [ -n "$SECRET" ]; then
    mkdir -p target
    PROPS=target/submit-profile.conf
    rm -f "$PROPS"
    (
      umask 077
      cat "${PROFILES[@]}" > "$PROPS"
      [ -z "$SECRET" ] || printf '\nspark.authenticate.secret=%s\n' "$SECRET" >> "$PROPS"
    )
    chmod 600 "$PROPS"
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
