#!/usr/bin/env bash
# The representation-quality table (issue 15): ingest → slice → samples → train → embed → evaluate on the
# real clips of esc10-dev (308 ESC-10 clips as third-octave CSVs, docs/data.md; QUALITY_ESC, default
# ../shared/data/esc10-dev, or rebuild it with bench/data/esc10.sh) and on a generated demo archive, for each objective with the
# same wall-clock training budget, several seeds, pre-training on the data itself without its labels.
#
# First the DEFAULT PATH, what a user gets with only paths given: `ingest` + `pretrain --tables T
# --model M --seed S` (slice → samples → train → embed, every default chosen from the data), for
# seeds 1..SEEDS, probed against the hand-crafted baselines and the same encoder untrained. Then,
# unless QUALITY_VARIANTS=0, the recipe variants below (each objective, explicit options).
#
# Usage: bench/quality.sh [MINUTES] [SEEDS] [OBJECTIVES] [OUT]
#   MINUTES     training budget per objective and seed (train --max-minutes). Default 4.
#   SEEDS       how many seeds (1..SEEDS). Default 3.
#   OBJECTIVES  comma list of contrastive, cbow, gap. Default contrastive,cbow,gap.
#   OUT         work directory. Default work/quality.
#   QUALITY_DATA=esc|demo|both (default both), QUALITY_PRESET (default small),
#   QUALITY_ESC=DIR: the esc10-dev folder (csv/, labels.csv). Default ../shared/data/esc10-dev, else
#     work/data/esc10-dev (bench/data/esc10.sh's output);
#   QUALITY_TRAIN_ARGS: more train options for every objective (e.g. "--temperature 0.2");
#   QUALITY_WIDTH=W: slice width on esc10-dev (default 8 frames = 1 s; hop W/2);
#   QUALITY_EPOCHS=N: train N epochs instead of MINUTES (a budget that a busy machine cannot shrink);
#   QUALITY_SAMPLES_ARGS: more samples options for contrastive (e.g. "--same-sensor-batches");
#   QUALITY_DEFAULT_ARGS: options added to the default path's pretrain (a variant of the defaults);
#   QUALITY_VARIANTS=0: the default path only; QUALITY_DEFAULT=0: the variants only.
# The classes are copied to OUT/classes first, so editing the sources does not disturb a long run.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-4}"
SEEDS="${2:-3}"
OBJECTIVES="${3:-contrastive,cbow,gap}"
OUT="${4:-work/quality}"
DATA="${QUALITY_DATA:-both}"
PRESET="${QUALITY_PRESET:-small}"
W="${QUALITY_WIDTH:-8}"
ESC="${QUALITY_ESC:-../shared/data/esc10-dev}"
[ -n "${QUALITY_ESC:-}" ] || [ -d "$ESC" ] || ESC=work/data/esc10-dev  # where bench/data/esc10.sh writes
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  mvn -q -B -DskipTests compile
  mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
fi
rm -rf "$OUT/classes" && cp -r target/classes "$OUT/classes"
OPENS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)
CP="$OUT/classes:$(cat target/classpath.txt)"
export SPARK_LOCAL_IP=127.0.0.1 OCTAVE2VEC_GIT_COMMIT="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
o2v() {  # one job, embedded Spark, quiet; its log under $OUT/logs
  local log="$OUT/logs/$1-$(date +%s%N).log"
  mkdir -p "$OUT/logs"
  # shellcheck disable=SC2086
  java -Xmx6g $OPENS -Dlog4j2.configurationFile=src/main/resources/log4j2.properties \
    -Doctave2vec.profile=conf/local.conf -cp "$CP" org.octave2vec.cli.Main "$@" \
    $([ "$1" = generate ] || echo --no-doctor) >"$log" 2>&1 \
    || { echo "quality.sh: '$*' failed, see $log" >&2; tail -5 "$log" >&2; exit 1; }
  tr '\r' '\n' <"$log" | grep -v '^\[Stage' | grep -E "^(pretrain|train|embed|samples|slice|evaluate|quality)[:/]" || true
}

# the tables an objective pre-trains on: contrastive crops from the hop-4 slices; CBoW and TemporalGap
# from slices of hop = W (TABLES8), so that a CBoW context never overlaps its target
train_tables() {
  if [ "$2" = contrastive ]; then echo "$1"; else echo "${1}8"; fi
}

# train + embed one objective with one seed: $1 tables, $2 objective, $3 seed, $4 model root
pretrain() {
  local tables=$1 task=$2 seed=$3 root=$4
  # shellcheck disable=SC2086
  local model="$root/model-$task-$seed"
  local start=$SECONDS
  o2v train --task "$task" --tables "$(train_tables "$tables" "$task")" --model "$model" --preset "$PRESET" \
    $(if [ -n "${QUALITY_EPOCHS:-}" ]; then echo "--epochs $QUALITY_EPOCHS"; else echo "--epochs 1000 --max-minutes $MINUTES"; fi) \
    --seed "$seed" --max-val-batches 4 ${QUALITY_TRAIN_ARGS:-}
  o2v embed --model "$model" --tables "$tables" --output "$tables/emb-$task-$seed"
  if [ "$task" = contrastive ]; then  # the other outputs too: multiscale (default) vs pooled vs dense
    o2v embed --model "$model" --tables "$tables" --output "$tables/emb-$task-pooled-$seed" --layer pooled
    o2v embed --model "$model" --tables "$tables" --output "$tables/emb-$task-dense-$seed" --layer dense
  fi
  echo "quality: $task seed $seed: train + embed $((SECONDS - start)) s"
}

# untrained encoders of every objective: the baseline an objective must beat by learning
untrained() {
  local tables=$1 task=$2 root=$3
  o2v train --task "$task" --tables "$(train_tables "$tables" "$task")" --model "$root/model-$task-untrained" \
    --preset "$PRESET" --epochs 0
  o2v embed --model "$root/model-$task-untrained" --tables "$tables" --output "$tables/emb-$task-untrained"
}

run_set() {  # $1 name, $2 tables, $3.. evaluate arguments
  local name=$1 tables=$2
  shift 2
  local args=()
  IFS=, read -ra objs <<<"$OBJECTIVES"
  for task in "${objs[@]}"; do
    for seed in $(seq 1 "$SEEDS"); do
      pretrain "$tables" "$task" "$seed" "$OUT/$name"
      args+=(--embeddings "$task-$seed=$tables/emb-$task-$seed")
      [ "$task" = contrastive ] && args+=(--embeddings "$task-pooled-$seed=$tables/emb-$task-pooled-$seed"
        --embeddings "$task-dense-$seed=$tables/emb-$task-dense-$seed")
    done
    untrained "$tables" "$task" "$OUT/$name"
    args+=(--embeddings "$task-untrained=$tables/emb-$task-untrained")
  done
  o2v evaluate "${args[@]}" --tables "$tables" --report "$OUT/$name/report" "$@"
  echo "== $name: $OUT/$name/report/report.md"
  python3 bench/quality_table.py "$OUT/$name/report/metrics.json" "$TASK" "$name (${MINUTES} min per objective and seed, preset $PRESET)" \
    | tee "$OUT/$name/quality.md"
}

samples_for() {  # $1 tables, $2 batch and $3 pairs per unit for contrastive, $4 CBoW's P; others: batch 64
  IFS=, read -ra objs <<<"$OBJECTIVES"
  for task in "${objs[@]}"; do
    case $task in
      contrastive) o2v samples --tables "$1" --task contrastive --workers 1 --batch-size "$2" --samples-per-run "$3" ${QUALITY_SAMPLES_ARGS:-} ;;
      cbow) o2v samples --tables "${1}8" --task cbow --context "$4" --workers 1 --batch-size 64 ;;
      *) o2v samples --tables "${1}8" --task "$task" --workers 1 --batch-size 64 ;;
    esac
  done
}

# the default path: ingest + pretrain with only paths (and the seed) given, for seeds 1..SEEDS
default_path() {  # $1 name, $2 input of ingest, $3.. evaluate arguments
  local name=$1 input=$2
  shift 2
  local root="$OUT/$name-default" args=()
  for seed in $(seq 1 "$SEEDS"); do
    local T="$root/tables-$seed" start=$SECONDS
    [ -d "$T/frames" ] || o2v ingest --input "$input" --output "$T"
    # shellcheck disable=SC2086
    o2v pretrain --tables "$T" --model "$root/model-$seed" --seed "$seed" ${QUALITY_DEFAULT_ARGS:-}
    echo "quality: $name default path, seed $seed: pretrain $((SECONDS - start)) s"
    args+=(--embeddings "contrastive-$seed=$T/embeddings")
  done
  local T1="$root/tables-1"
  o2v train --tables "$T1" --model "$root/model-untrained" --epochs 0
  o2v embed --model "$root/model-untrained" --tables "$T1" --output "$T1/emb-untrained"
  args+=(--embeddings "contrastive-untrained=$T1/emb-untrained")
  o2v evaluate "${args[@]}" --tables "$T1" --report "$root/report" "$@"
  echo "== $name, default path: $root/report/report.md"
  python3 bench/quality_table.py "$root/report/metrics.json" "$TASK" "$name, default path (ingest + pretrain, seeds 1-$SEEDS)" \
    | tee "$root/quality.md"
}

if [ "${QUALITY_DEFAULT:-1}" != 0 ]; then
  if [ "$DATA" = esc ] || [ "$DATA" = both ]; then
    TASK=clip default_path esc "$ESC/csv" --labels "clip=$ESC/labels.csv" --tasks clip --repeats 1
  fi
  if [ "$DATA" = demo ] || [ "$DATA" = both ]; then
    # the demo's archive: 4 sensors × 2 h from 07:00 UTC (./submit.sh demo); its headline task
    # shellcheck disable=SC2086
    [ -d "$OUT/demo-archive/archive" ] || o2v generate --output "$OUT/demo-archive" --seed 42 \
      --sensors 4 --hours 2 --start-epoch-ms $((1761955200000 + 7 * 3600000)) ${QUALITY_GENERATE_ARGS:-}
    TASK=event_clips default_path demo "$OUT/demo-archive/archive" --labels "$OUT/demo-archive/labels.csv" --tasks event_clips
  fi
fi
[ "${QUALITY_VARIANTS:-1}" != 0 ] || exit 0

if [ "$DATA" = esc ] || [ "$DATA" = both ]; then
  T="$OUT/esc/tables"
  if [ ! -d "$T/slices" ]; then
    o2v ingest --input "$ESC/csv" --output "$T"
    o2v ingest --input "$ESC/csv" --output "${T}8"
    # hop 4 = W/2: crops at any offset for pre-training, overlapping windows for the probes;
    # whole clips per split (each clip is its own sensor), 5 % of clips held out for the validation loss
    o2v slice --tables "$T" --width "$W" --hop $((W / 2)) --split-by sensor --val-fraction 0.05 --test-fraction 0
    o2v slice --tables "${T}8" --width "$W" --hop "$W" --split-by sensor --val-fraction 0.05 --test-fraction 0
    # a clip holds 4 whole slices of hop 8: CBoW with P = 1 (P = 2 needs 5 consecutive slices)
    samples_for "$T" 256 64 1
  fi
  TASK=clip run_set esc "$T" --labels "clip=$ESC/labels.csv" --tasks clip --repeats 1
fi

if [ "$DATA" = demo ] || [ "$DATA" = both ]; then
  D="$OUT/demo"
  T="$D/tables"
  if [ ! -d "$T/slices" ]; then
    o2v generate --output "$D" --sensors 4 --hours 1 --seed 42
    o2v ingest --input "$D/archive" --output "$T"
    o2v ingest --input "$D/archive" --output "${T}8"
    o2v slice --tables "$T" --width 8 --hop 8 --block-hours 0.25
    o2v slice --tables "${T}8" --width 8 --hop 8 --block-hours 0.25
    samples_for "$T" 256 4 2
  fi
  TASK=events run_set demo "$T" --labels "$D/labels.csv" --tasks events --group-minutes 10
fi
