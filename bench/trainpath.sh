#!/usr/bin/env bash
# Training throughput of this checkout against another build of octave2vec (e.g. the commit before
# minibatches moved to the executors), side by side on the same tables: A B A B … runs of `train`,
# each printing its samples/s. Both builds must be compiled (mvn compile) in their own checkout.
# Usage: bench/trainpath.sh OTHER_CHECKOUT TABLES TASK [rounds=2] [train options…]
#   e.g. bench/trainpath.sh /work/wt-old work/demo/tables contrastive 2 --preset small --epochs 2 --mode spark
# Results: docs/scaling.md ("City-scale pre-training").
set -euo pipefail
cd "$(dirname "$0")/.."
OTHER=$(cd "$1" && pwd)
TABLES=$2
TASK=$3
ROUNDS=${4:-2}
shift 4 || shift $#
OPENS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)
export SPARK_LOCAL_IP=127.0.0.1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/trainpath-XXXXXX")
run() { # run LABEL CHECKOUT [train options…]
  local label=$1 checkout=$2 t0 t1 rate
  shift 2
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086  # OPENS is a list of flags
  java -Xmx6g $OPENS -Dlog4j2.configurationFile=src/main/resources/log4j2.properties \
    -Doctave2vec.profile=conf/local.conf -cp "$checkout/target/classes:$(cat target/classpath.txt)" \
    org.octave2vec.cli.Main train --no-doctor --tables "$TABLES" --task "$TASK" \
    --model "$WORK/m-$label" "$@" >"$WORK/$label.out" 2>&1 || { tail -20 "$WORK/$label.out"; exit 1; }
  t1=$(date +%s.%N)
  rate=$(grep -o '[0-9.,]* samples/s' "$WORK/$label.out" | tail -1)
  printf '%-6s %-8s %10s  %6.1f s wall (JVM start, reading and assembling included)\n' \
    "$label" "$(basename "$checkout")" "$rate" "$(echo "$t1 - $t0" | bc)"
  rm -rf "$WORK/m-$label"
}
for i in $(seq "$ROUNDS"); do
  run this "$PWD" "$@"
  run other "$OTHER" "$@"
done
rm -rf "$WORK"
