#!/usr/bin/env bash
# Issue 6 ablation on the demo archive (docs/results.md, "Why the encoders do not win"). Needs the demo's
# tables (./submit.sh demo --output work/demo3, then the demo3 embeddings named below) and about 20 min on
# 2 cores. Every job runs under nice; one job at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DEMO:-work/demo3}            # demo dir: archive, labels.csv, tables/ with the demo's embeddings
A=${ABLATION:-work/ablation}
T=$D/tables
S="nice -n 15 ./submit.sh"
mkdir -p "$A"

# 1. pooling at evaluation: W = 8 embeddings, windows of 8 slices (8 s), mean+max of embeddings
$S evaluate --embeddings cbow_2ep=$T/embeddings,cbow_4ep_all=$T/embeddings_cbow_long,gap=$T/embeddings_gap,random=$T/embeddings_random \
  --tables $T --labels $D/labels.csv --report $A/w8-window8 --window 8

# 2. what the CBoW loss rewards: trained models vs trivial predictors on the val samples
BENCH_NO_BUILD=${BENCH_NO_BUILD:-} nice -n 15 bench/run-java.sh org.octave2vec.bench.CbowTrivialPredictors \
  $T $D/labels.csv $D/model-cbow | tee $A/trivial-cbow-2ep.txt
BENCH_NO_BUILD=1 nice -n 15 bench/run-java.sh org.octave2vec.bench.CbowTrivialPredictors \
  $T $D/labels.csv work/exp/cbow-long | tee $A/trivial-cbow-4ep-all.txt

# 3. W = 32 (4 s slices), batch norm, early stopping on the validation loss
W=$A/w32/tables
mkdir -p $W
for t in frames runs health; do [ -e $W/$t ] || ln -s "$(realpath $T/$t)" $W/$t; done
cp $T/_octave2vec.json $W/ 2>/dev/null || true
$S slice --tables $W --width 32
$S samples --tables $W --task cbow --samples-per-run 2 --workers 2 --batch-size 32
$S train --task cbow --tables $W --model $A/w32/model-cbow-bn --preset small --epochs 4 --batch-norm --keep-best
$S train --task cbow --tables $W --model $A/w32/model-random --preset small --epochs 0
$S embed --model $A/w32/model-cbow-bn --tables $W --output $W/embeddings_cbow_bn
$S embed --model $A/w32/model-random --tables $W --output $W/embeddings_random
$S evaluate --embeddings cbow_bn=$W/embeddings_cbow_bn,random=$W/embeddings_random --tables $W \
  --labels $D/labels.csv --report $A/w32 --loss-history $A/w32/model-cbow-bn/loss_history.csv

# 8. TemporalGap with every gap sample (docs/results.md section 8)
$S samples --tables $T --task gap --workers 1 --batch-size 64
$S train --task gap --tables $T --model $A/gap-long --preset small --epochs 5 --keep-best
$S embed --model $A/gap-long --tables $T --output $T/embeddings_gap_long
for extra in "" "--window 8"; do
  $S evaluate --embeddings gap_demo=$T/embeddings_gap,gap_long=$T/embeddings_gap_long,random=$T/embeddings_random \
    --tables $T --labels $D/labels.csv --report "$A/gap-long${extra:+-window8}" $extra
done

# 9. P = 1 and the reference-size encoder (section 9); P = 1 samples go to tables linking the demo's
P1=$A/p1/tables
mkdir -p $P1
for t in frames runs health slices quarantine; do [ -e $P1/$t ] || ln -s "$(realpath $T/$t)" $P1/$t; done
cp $T/norm_stats.json $P1/
$S samples --tables $P1 --task cbow --context 1 --workers 1 --batch-size 64
$S train --task cbow --tables $P1 --model $A/p1/model --preset small --epochs 2
$S embed --model $A/p1/model --tables $P1 --output $T/embeddings_cbow_p1
$S train --task cbow --tables $T --model $A/ref1/model --preset reference --epochs 1
$S embed --model $A/ref1/model --tables $T --output $T/embeddings_cbow_ref1
for extra in "" "--window 8"; do
  $S evaluate --embeddings cbow_4ep_all=$T/embeddings_cbow_long,cbow_p1=$T/embeddings_cbow_p1,cbow_ref1=$T/embeddings_cbow_ref1,random=$T/embeddings_random \
    --tables $T --labels $D/labels.csv --report "$A/p-size${extra:+-window8}" $extra
done
