#!/usr/bin/env bash
# Ingest wall time with start-up included: each contender runs in a fresh process on the same
# archive, in a rotating order, REPEATS times; prints the best of each. The archive is the one
# bench/ingest.sh generated (WORKDIR/gen/archive, files *.FORMAT).
# Usage: bench/ingest-cold.sh [workdir=work/bench-ingest] [format=csv.gz] [repeats=3]
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${1:-work/bench-ingest}"
FORMAT="${2:-csv.gz}"
REPEATS="${3:-3}"
GLOB="$WORK/gen/archive/*.$FORMAT"
[ -n "${BENCH_NO_BUILD:-}" ] || ./submit.sh --help >/dev/null  # compiles target/classes once
export BENCH_NO_BUILD=1
best() { # name seconds
  local cur="${BEST[$1]:-}"
  if [ -z "$cur" ] || awk -v a="$2" -v b="$cur" 'BEGIN{exit !(a<b)}'; then BEST[$1]=$2; fi
}
declare -A BEST
run() { # name command...
  local name=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >"$WORK/cold-$name.log" 2>&1 || { echo "$name failed: see $WORK/cold-$name.log"; exit 1; }
  t1=$(date +%s.%N)
  local s
  s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
  echo "  run $((r + 1)): $name $s s"
  best "$name" "$s"
}
NAMES=(octave2vec spark duckdb)
for ((r = 0; r < REPEATS; r++)); do
  for ((k = 0; k < 3; k++)); do
    case "${NAMES[$(((r + k) % 3))]}" in
      octave2vec) run octave2vec ./submit.sh ingest --input "$GLOB" --output "$WORK/cold-o2v" --no-doctor ;;
      spark) run spark bench/run-java.sh org.octave2vec.bench.IngestBench --only spark "$GLOB" "$WORK/cold-spark" ;;
      duckdb) run duckdb bench/run-java.sh org.octave2vec.bench.IngestBench --only duck "$GLOB" "$WORK/cold-duck.parquet" ;;
    esac
  done
done
ROWS=$(grep -o 'rows: *[0-9,]* read' "$WORK/cold-octave2vec.log" | tr -dc '0-9')
echo
echo "Ingest with start-up (fresh process each), $FORMAT, $ROWS rows, best of $REPEATS, $(nproc) cores"
for n in octave2vec spark duckdb; do
  printf '  %-12s %6.1f s  %10.0f rows/s\n' "$n" "${BEST[$n]}" "$(awk -v r="$ROWS" -v t="${BEST[$n]}" 'BEGIN{print r/t}')"
done
awk -v o="${BEST[octave2vec]}" -v s="${BEST[spark]}" -v d="${BEST[duckdb]}" \
  'BEGIN{printf "  octave2vec / plain Spark: %.2fx; octave2vec / DuckDB: %.2fx (speed ratios)\n", s/o, d/o}'
