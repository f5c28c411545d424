#!/usr/bin/env bash
# Parameter averaging against DL4J's gradient sharing (SharedTrainingMaster: Aeron, threshold-encoded
# updates) for the CBoW model on Spark local[2], side by side in one run, same learnable random data and
# number of samples; OMP_NUM_THREADS=1 per worker thread. Built with -Pparameterserver (the master's
# jars are on no other classpath). Results: docs/scaling.md.
# Usage: bench/parameterserver.sh [steps per worker=20] [rounds=3] [batch=64]
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS="${1:-20}"
ROUNDS="${2:-3}"
BATCH="${3:-64}"
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  mvn -q -B -Pparameterserver -DskipTests test-compile
  mvn -q -B -Pparameterserver dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/test-classpath-ps.txt >/dev/null
fi
OPENS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)
export SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1
OUT=$(mktemp)
for preset in small reference; do
  s=$STEPS
  [ "$preset" = reference ] && s=$(( STEPS > 6 ? 6 : STEPS ))
  for master in avg shared; do
    for freq in 1 5; do
      [ "$master" = shared ] && [ "$freq" = 5 ] && continue
      # shellcheck disable=SC2086  # OPENS is a list of flags
      java -Xmx10g $OPENS -Daeron.threading.mode=SHARED -Daeron.publication.unblock.timeout=60000000000 -Daeron.term.buffer.length=4194304 \
        -Dlog4j2.configurationFile=src/main/resources/log4j2.properties \
        -cp "target/test-classes:target/classes:$(cat target/test-classpath-ps.txt)" \
        org.octave2vec.bench.ParameterServerBench "$master" "$preset" "$BATCH" "$s" "$freq" "$ROUNDS" \
        2>"$OUT.$master.$preset.$freq.log" | grep '^RESULT' | sed "s/\$/ $freq/" >> "$OUT" \
        || { echo "parameterserver.sh: $master $preset failed, see $OUT.$master.$preset.$freq.log" >&2; tail -5 "$OUT.$master.$preset.$freq.log" >&2; }
    done
  done
done
python3 - "$OUT" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
print("| model | master | samples/s | vs averaging every 5 | held-out MSE before → after |")
print("|---|---|---|---|---|")
for preset in ("small", "reference"):
    ref = [float(r[5]) for r in rows if r[1] == "avg" and r[2] == preset and r[8] == "5"]
    for r in rows:
        if r[2] != preset:
            continue
        name = f"averaging every {r[8]}" if r[1] == "avg" else "gradient sharing (SharedTrainingMaster)"
        ratio = f"{float(r[5]) / ref[0]:.2f}×" if ref else "–"
        print(f"| CBoW {preset}, batch {r[3]} | {name} | {float(r[5]):.1f} | {ratio} | {float(r[6]):.4f} → {float(r[7]):.4f} |")
PY
