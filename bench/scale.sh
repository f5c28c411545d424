#!/usr/bin/env bash
# City-scale pre-training on one box (issue 17): every job in a 512 MB driver on archives whose
# decoded slice levels are several times that, at 1× and 4× the data. Slices of 32 frames with hop 2
# make the levels large (16 copies of every frame) while frames, samples and run time stay small.
# Reports, per job and scale: wall time, the driver's heap (after a full GC: what was live; before
# any GC: what it reached) and, for train, samples/s. Driver memory must not grow with the data.
# Usage: bench/scale.sh [hours per sensor=6] [sensors at 1×=2] [workdir=work/bench-scale]
#   SCALE_FACTORS="1 4" (default), SCALE_HEAP=512m, SCALE_MAX_STEPS=40, BENCH_NO_BUILD=1;
#   SCALE_CLUSTER=N: the jobs run on a Spark standalone cluster of N workers × 1 core started here
#   from target/spark-home (as the integration tests do; executors of SCALE_WORKER_MEMORY=2g), the
#   512 MB being the driver's alone; needs `mvn -Pcluster -DskipTests package` (done unless
#   BENCH_NO_BUILD is set).
# Results: docs/scaling.md ("City-scale pre-training").
set -euo pipefail
cd "$(dirname "$0")/.."
HOURS=${1:-6}
SENSORS=${2:-2}
WORK=${3:-work/bench-scale}
HEAP=${SCALE_HEAP:-512m}
STEPS=${SCALE_MAX_STEPS:-40}
CLUSTER=${SCALE_CLUSTER:-}
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  if [ -n "$CLUSTER" ]; then
    mvn -q -B -Pcluster -DskipTests package
    mvn -q -B -f src/test/spark-home/pom.xml package
    mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
  else
    mvn -q -B -o compile
  fi
fi
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd) # executors run in their workers' dirs: absolute paths only
: >"$WORK/rows.txt"
SUBMIT_ARGS=()
if [ -n "$CLUSTER" ]; then
  rm -f "$WORK/spark/cluster.env"
  BENCH_NO_BUILD=1 bench/run-java.sh org.octave2vec.cluster.StandaloneServe "$WORK/spark" "$CLUSTER" 1 \
    "${SCALE_WORKER_MEMORY:-2g}" >"$WORK/cluster.log" 2>&1 &
  SERVE=$!
  trap 'touch "$WORK/spark/stop"; wait $SERVE 2>/dev/null || true' EXIT
  for _ in $(seq 120); do [ -f "$WORK/spark/cluster.env" ] && break; sleep 1; done
  [ -f "$WORK/spark/cluster.env" ] || { cat "$WORK/cluster.log"; echo "scale: no cluster"; exit 1; }
  # shellcheck disable=SC1091
  . "$WORK/spark/cluster.env"
  export SPARK_HOME OCTAVE2VEC_JAR="$JAR" OCTAVE2VEC_SPARK_SECRET_FILE="$SECRET_FILE" SPARK_LOCAL_IP=127.0.0.1
  SUBMIT_ARGS=(--profile conf/standalone.conf --profile "$PROFILE")
  echo "scale: jobs on the standalone cluster $MASTER ($CLUSTER workers × 1 core)"
fi

# runs one job in a driver of $HEAP with a GC log; appends "job scale seconds live-MB reached-MB samples/s"
job() {
  local name=$1 scale=$2
  shift 2
  local log="$WORK/gc-$name-x$scale.log" out="$WORK/$name-x$scale.out"
  local t0 t1
  t0=$(date +%s.%N)
  JAVA_TOOL_OPTIONS="-Xlog:gc:file=$log" OCTAVE2VEC_DRIVER_MEMORY=$HEAP ./submit.sh "$@" "${SUBMIT_ARGS[@]}" >"$out" 2>&1 \
    || { tail -30 "$out"; echo "scale: $name x$scale failed (log: $out)"; exit 1; }
  t1=$(date +%s.%N)
  # G1 lines end "used-before->used-after(committed)"; only a full GC's "after" is what was live
  local peak
  peak=$(python3 - "$log" <<'PY'
import re, sys
live, reached = "-", 0
for line in open(sys.argv[1]):
    m = re.search(r"(\d+)M->(\d+)M\(\d+M\)", line)
    if m:
        reached = max(reached, int(m.group(1)))
        if "Pause Full" in line:
            live = max(0 if live == "-" else live, int(m.group(2)))
print(live, reached)
PY
)
  local rate
  rate=$(grep -o '[0-9.,]* samples/s' "$out" | tail -1 | tr -d ', samples/' || true)
  echo "$name x$scale $(echo "$t1 - $t0" | bc) $peak ${rate:--}" >>"$WORK/rows.txt"
}

for k in ${SCALE_FACTORS:-1 4}; do
  n=$((SENSORS * k))
  T="$WORK/x$k"
  if [ ! -d "$T/samples/cbow" ]; then
    rm -rf "$T" "$WORK/gen-x$k"
    env -u SPARK_HOME ./submit.sh generate --sensors "$n" --hours "$HOURS" --output "$WORK/gen-x$k" >/dev/null
    job ingest "$k" ingest --input "$WORK/gen-x$k/archive" --output "$T"
    job slice "$k" slice --tables "$T" --width 32 --hop 2 --block-hours 1 --val-fraction 0.2
    job samples "$k" samples --tables "$T" --task cbow --workers 2 --batch-size 64
  fi
  rm -rf "$T/m-spark" "$T/m-local" "$T/embeddings"
  job train-spark "$k" train --tables "$T" --task cbow --model "$T/m-spark" --preset tiny \
    --mode spark --epochs 1 --max-steps "$STEPS"
  job train-local "$k" train --tables "$T" --task cbow --model "$T/m-local" --preset tiny \
    --mode local --epochs 1 --max-steps "$STEPS"
  job embed "$k" embed --model "$T/m-spark" --tables "$T" --output "$T/embeddings"
done

for k in ${SCALE_FACTORS:-1 4}; do
  python3 - "$WORK/x$k" "$k" <<'PY'
import json, sys
m = json.load(open(sys.argv[1] + "/slices/_octave2vec.json"))
by = m["report"]["slicesBySplit"]
cells = 29 * m["width"]
mb = lambda n: n * cells * 4 / 2**20
print(f"x{sys.argv[2]}: {m['report']['framesIn']:,} frames, {m['rows']:,} slices of {m['width']} "
      f"(hop {m['hop']}); train {mb(by.get('train', 0)):,.0f} MB + val {mb(by.get('val', 0)):,.0f} MB "
      f"of decoded levels")
PY
done
echo
echo "driver -Xmx$HEAP; live = largest heap after a full GC (MB; - if none), reached = largest heap before a GC (MB)"
printf '%-12s %6s %9s %8s %9s %10s\n' job scale seconds live reached samples/s
while read -r name scale secs live reached rate; do
  printf '%-12s %6s %9.1f %8s %9s %10s\n' "$name" "$scale" "$secs" "$live" "$reached" "$rate"
done <"$WORK/rows.txt"
