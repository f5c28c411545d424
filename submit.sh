#!/usr/bin/env bash
# Runs any octave2vec job:  ./submit.sh <job> [options]      (./submit.sh --help lists the jobs)
#
# Embedded (default): builds if needed, then runs the job in one JVM with a local Spark
# (conf/local.conf, and any --profile layered over it).
# Cluster: only when --master is given or a --profile names a cluster master (spark.master not
# local[...]): calls $SPARK_HOME/bin/spark-submit with the profiles layered over the site's
# spark-defaults.conf. A SPARK_HOME in the environment alone never switches to cluster mode.
# Relative paths are the caller's: run it from anywhere. --dry-run prints the command instead of
# running it. Options may come from a file: @jobs/ingest.conf (looked up where you stand, then in
# the checkout).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")" && pwd)

DRY_RUN=0
MASTER=""
PROFILES=()
ARGS=()
# a file the caller named, else the checkout's copy (conf/..., jobs/... from any directory)
resolve() {
  if [ -e "$1" ] || [ ! -e "$ROOT/$1" ]; then echo "$1"; else echo "$ROOT/$1"; fi
}
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY_RUN=1 ;;
    --master) MASTER="$2"; shift ;;
    --master=*) MASTER="${1#--master=}" ;;
    --profile) PROFILES+=("$(resolve "$2")"); shift ;;
    --profile=*) PROFILES+=("$(resolve "${1#--profile=}")") ;;
    @*) ARGS+=("@$(resolve "${1#@}")") ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done
[ ${#ARGS[@]} -gt 0 ] || ARGS=(--help)
# `./submit.sh nightly` alone runs the ready definition
[ "${ARGS[*]}" = "nightly" ] && ARGS=(nightly "@$(resolve jobs/nightly.conf)")
for p in "${PROFILES[@]}"; do
  [ -f "$p" ] || { echo "submit.sh: profile not found: $p" >&2; exit 2; }
done

# file names are bytes: Java decodes them with the locale's charset, and under the POSIX locale every
# non-ASCII name (café.csv) would be unreadable; a UTF-8 locale reads them (docs/ingest.md)
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
  *UTF-8* | *utf8* | *UTF8* | *utf-8*) ;;
  *) export LC_ALL=C.UTF-8 ;;
esac
export OCTAVE2VEC_GIT_COMMIT="${OCTAVE2VEC_GIT_COMMIT:-$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)}"
# Spark 3.5 on Java 17 needs these module openings; one list, kept in pom.xml
OPENS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$ROOT/pom.xml")

build() {
  # rebuild when any source or the pom is newer than the last build (a dry run builds nothing)
  [ "$DRY_RUN" = 0 ] || return 0
  if [ ! -f "$ROOT/target/classpath.txt" ] \
    || [ -n "$(find "$ROOT/src" "$ROOT/pom.xml" -newer "$ROOT/target/classpath.txt" -print -quit)" ]; then
    echo "submit.sh: building octave2vec (mvn $*)…" >&2
    (cd "$ROOT" && mvn -q -B -DskipTests "$@" >&2)
    touch "$ROOT/target/classpath.txt"
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

# spark.master as the layered profiles leave it (later files win); empty when none sets it
PROFILE_MASTER=""
[ ${#PROFILES[@]} -eq 0 ] || PROFILE_MASTER=$(cat "${PROFILES[@]}" \
  | sed -nE 's/^[[:space:]]*spark\.master[[:space:]]*[=:[:space:]][[:space:]]*([^[:space:]]+).*/\1/p' | tail -1)
CLUSTER=0
if [ -n "$MASTER" ] || { [ -n "$PROFILE_MASTER" ] && [ "${PROFILE_MASTER#local}" = "$PROFILE_MASTER" ]; }; then
  CLUSTER=1
fi

if [ "$CLUSTER" = 1 ]; then
  [ -n "${SPARK_HOME:-}" ] || { echo "submit.sh: cluster mode (--master or a cluster --profile) needs SPARK_HOME (a Spark 3.5 distribution)" >&2; exit 2; }
  [ -x "$SPARK_HOME/bin/spark-submit" ] || { echo "submit.sh: no bin/spark-submit under SPARK_HOME=$SPARK_HOME" >&2; exit 2; }
  # the shaded application jar: $OCTAVE2VEC_JAR, or built here (mvn -Pcluster package) when sources changed
  JAR="${OCTAVE2VEC_JAR:-}"
  if [ -z "$JAR" ]; then
    JAR=$(ls "$ROOT"/target/octave2vec-*-cluster.jar 2>/dev/null | head -1 || true)
    if [ -z "$JAR" ] || [ -n "$(find "$ROOT/src" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]; then
      echo "submit.sh: building the application jar (mvn -Pcluster package)…" >&2
      [ "$DRY_RUN" = 1 ] || (cd "$ROOT" && mvn -q -B -Pcluster -DskipTests package >&2)
      JAR=$(ls "$ROOT"/target/octave2vec-*-cluster.jar 2>/dev/null | head -1 || echo "$ROOT/target/octave2vec-VERSION-cluster.jar")
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
  # the site's defaults first (spark-submit --properties-file would replace them: event log, history
  # server, queue…), then the profiles, later keys winning
  SITE="${SPARK_CONF_DIR:-$SPARK_HOME/conf}/spark-defaults.conf"
  LAYERS=()
  [ -f "$SITE" ] && LAYERS+=("$SITE")
  LAYERS+=("${PROFILES[@]}")
  # spark.authenticate as the layers leave it
  AUTH=""
  [ ${#LAYERS[@]} -eq 0 ] || AUTH=$(cat "${LAYERS[@]}" | sed -nE 's/^[[:space:]]*spark\.authenticate[[:space:]]*[=:[:space:]][[:space:]]*([^[:space:]]+).*/\1/p' | tail -1)
  if [ "$AUTH" = true ] && [ -z "$SECRET" ] && ! cat "${LAYERS[@]}" | grep -qE '^[[:space:]]*spark\.authenticate\.secret[[:space:]=:]'; then
    echo "submit.sh: spark.authenticate=true needs the cluster's secret: set OCTAVE2VEC_SPARK_SECRET_FILE" \
      "(a file only you can read) or OCTAVE2VEC_SPARK_SECRET (docs/cluster.md)" >&2; exit 2
  fi
  # the layers in one copy: it may hold fs.s3a.* keys and the secret, so only its owner may read it
  mkdir -p "$ROOT/target"
  PROPS="$ROOT/target/submit-profile.conf"
  rm -f "$PROPS"
  (
    umask 077
    for l in "${LAYERS[@]}"; do printf '## layer: %s\n' "$l"; cat "$l"; printf '\n'; done > "$PROPS"
    [ -z "$SECRET" ] || printf 'spark.authenticate.secret=%s\n' "$SECRET" >> "$PROPS"
  )
  chmod 600 "$PROPS"
  if [ "$DRY_RUN" = 1 ]; then  # what the cluster job will run with, site defaults first
    echo "# $PROPS (site defaults, then profiles; secrets masked):"
    grep -vE '^[[:space:]]*$|^[[:space:]]*#([^#]|$)' "$PROPS" | sed -E 's/^(spark\.authenticate\.secret=).*/\1***/' | redact | sed 's/^/#   /'
  fi
  CMD=("$SPARK_HOME/bin/spark-submit" --class org.octave2vec.cli.Main --properties-file "$PROPS"
       --driver-memory "${OCTAVE2VEC_DRIVER_MEMORY:-2g}" --driver-java-options "$OPENS")
  [ -n "$MASTER" ] && CMD+=(--master "$MASTER")
  run "${CMD[@]}" "$JAR" "${ARGS[@]}"
else
  if [ -n "${SPARK_HOME:-}" ]; then
    echo "submit.sh: SPARK_HOME is set but ignored: embedded mode (cluster mode needs --master or a cluster --profile)" >&2
  fi
  # conf/local.conf first, any profile given layered over it
  LOCAL="$ROOT/conf/local.conf"
  ALL=("$LOCAL")
  for p in "${PROFILES[@]}"; do
    [ "$(cd "$(dirname "$p")" && pwd)/$(basename "$p")" = "$LOCAL" ] || ALL+=("$p")
  done
  PROFILE=$(IFS=,; echo "${ALL[*]}")
  build compile
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  # shellcheck disable=SC2086  # OPENS is a list of flags
  run java -Xmx"${OCTAVE2VEC_DRIVER_MEMORY:-6g}" $OPENS \
    -Dlog4j2.configurationFile="$ROOT/src/main/resources/log4j2.properties" -Doctave2vec.profile="$PROFILE" \
    -cp "$ROOT/target/classes:$(cat "$ROOT/target/classpath.txt")" org.octave2vec.cli.Main "${ARGS[@]}"
fi
