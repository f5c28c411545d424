#!/usr/bin/env bash
# Rebuilds esc10-dev, the 308 real labelled clips behind the headline numbers of README.md and
# docs/results.md, from the public ESC-50 data set through this project's own ingest-audio and
# export-csv: OUT/csv/<sensor>.csv (fast third-octave levels, 39 frames of 125 ms per clip) and
# OUT/labels.csv (sensor,label,fold). What the data set is and where it comes from: docs/data.md.
#
# NOT RUN HERE ON ESC-50: written on a machine with no network access, so it has never downloaded
# ESC-50 nor compared real levels with the reference copy. It did run end to end there on a stand-in
# ESC-50 (308 synthetic 5-s WAVs with the right names and a matching meta/esc50.csv): every step and
# check passed, and the CSVs had the reference's header and epochs. Report what differs on real data.
#
# Usage: bench/data/esc10.sh [OUT=work/data/esc10-dev] [ESC50=download]
#   ESC50: an ESC-50 checkout or extracted archive already on disk (audio/*.wav, meta/esc50.csv);
#          without it, https://github.com/karolpiczak/ESC-50/archive/refs/heads/master.zip
#          (≈ 650 MB) is downloaded and unpacked into OUT/src.
#   env ESC10_DBFS_TO_SPL (default 106.99, see below), ESC10_REFERENCE=DIR (an existing esc10-dev copy:
#          prints the largest level difference per clip against it).
# Needs: Java 17 and Maven (./submit.sh builds the project), curl and unzip (download only), awk, gzip.
#
# The clips, their classes and folds are bench/data/esc10-dev-labels.csv (the reference copy's
# labels.csv, checked by its SHA-256 below): ESC-10 clips of ESC-50 folds 1, 2, 3 and 5 (the last
# written as fold 4); clips cut from one recording share a fold. Sensor id = "esc-" + the ESC-50 clip
# name. Clip k (in byte order of the sensor ids) starts at 1577836800000 + k × 3,600,000 ms, so each
# clip is its own sensor and its own run.
#
# Levels: ingest-audio's third-octave recipe is the one the reference copy was made with (32 kHz,
# 4096-sample Tukey(0.2) frames, hop 4000, FFT power summed per band). The reference set the level to
# 20·log10(band RMS) + 110 dB (full scale = amplitude 1) floored at 0 dB; ingest-audio's --dbfs-to-spl
# is the level of a full-scale sine (mean square 0.5), hence 110 − 10·log10(2) = 106.99 (if the
# reference's dBFS meant a full-scale sine = 0 dBFS, set ESC10_DBFS_TO_SPL=110). The floor at
# 0 dB and the two decimals are applied here. ingest-audio writes a 40th frame per 5-s clip (the last
# 4000 samples, zero-padded); the reference has one frame per full window, 39: the 40th is dropped.
# Differences to expect: the reference was converted from the Ogg Vorbis clips of the ESC-10
# repository (karoldvl/ESC-10, commit 553c8f1), ESC-50 ships WAV, so the top bands may differ slightly;
# the resampler may differ too. The data set's README gives no checksums for the CSVs.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-work/data/esc10-dev}"
ESC50="${2:-}"
DBFS_TO_SPL="${ESC10_DBFS_TO_SPL:-106.99}"
LIST=bench/data/esc10-dev-labels.csv
LIST_SHA256=855f2fad66182ab609dd30080db22d7c75f117be0f0533c771a7c975d2c1ef0f
FIRST_EPOCH=1577836800000
CLIPS=308
FRAMES=39

echo "== the clip list ($LIST)"
echo "$LIST_SHA256  $LIST" | sha256sum -c -
[ "$(($(wc -l < "$LIST") - 1))" = "$CLIPS" ] || { echo "$LIST: expected $CLIPS clips" >&2; exit 1; }

mkdir -p "$OUT"
if [ -z "$ESC50" ]; then
  echo "== downloading ESC-50 (github.com/karolpiczak/ESC-50, master)"
  mkdir -p "$OUT/src"
  [ -f "$OUT/src/esc50.zip" ] || curl -fL --retry 3 -o "$OUT/src/esc50.zip" \
    https://github.com/karolpiczak/ESC-50/archive/refs/heads/master.zip
  [ -d "$OUT/src/ESC-50-master" ] || unzip -q "$OUT/src/esc50.zip" -d "$OUT/src"
  ESC50="$OUT/src/ESC-50-master"
fi
META="$ESC50/meta/esc50.csv"
[ "$(head -1 "$META" | tr -d '\r')" = "filename,fold,target,category,esc10,src_file,take" ] ||
  { echo "$META: not ESC-50's metadata (header differs)" >&2; exit 1; }

echo "== checking every clip against ESC-50's metadata (class, ESC-10 flag, fold) and staging it"
STAGE="$OUT/stage"
rm -rf "$STAGE" "$OUT/tables" "$OUT/export" "$OUT/csv"
mkdir -p "$STAGE/audio" "$OUT/csv"
# sidecar: file,sensor,start_epoch, clip k in byte order of the sensor ids
{
  echo "file,sensor,start_epoch"
  k=0
  for sensor in $(tail -n +2 "$LIST" | cut -d, -f1 | LC_ALL=C sort); do
    echo "${sensor#esc-}.wav,$sensor,$((FIRST_EPOCH + k * 3600000))"  # bash: 64-bit integers
    k=$((k + 1))
  done
} > "$STAGE/sidecar.csv"
# ESC-50 folds 1-3 and 5 are written as 1-3 and 4
awk -F, 'NR == FNR {if (FNR > 1) {gsub("\r", ""); cat[$1] = $4; esc10[$1] = $5; fold[$1] = $2}; next}
  FNR > 1 {f = substr($1, 5) ".wav"; want = fold[f] == 5 ? 4 : fold[f]
    if (!(f in cat) || cat[f] != $2 || esc10[f] != "True" || want != $3) {
      print "clip " $1 " (" $2 ", fold " $3 ") does not match ESC-50: " f " " cat[f] " " esc10[f] " " fold[f]
      bad++ }}
  END {exit (bad > 0)}' "$META" "$LIST"
tail -n +2 "$LIST" | cut -d, -f1 | while read -r sensor; do
  cp "$ESC50/audio/${sensor#esc-}.wav" "$STAGE/audio/"
done

echo "== ingest-audio (third-octave, --dbfs-to-spl $DBFS_TO_SPL) and export-csv"
./submit.sh ingest-audio --input "$STAGE/audio" --output "$OUT/tables" --sidecar "$STAGE/sidecar.csv" \
  --dbfs-to-spl "$DBFS_TO_SPL"
./submit.sh export-csv --tables "$OUT/tables" --output "$OUT/export"

echo "== SpecCense CSV per clip: the first $FRAMES frames, levels floored at 0 dB, two decimals"
for dir in "$OUT"/export/*/; do
  sensor=$(basename "$dir")
  # export-csv writes OUT/<sensor>/<yyyy-MM-dd>.csv.gz; a clip lies within one day, so one file
  files=("$dir"*.csv.gz)
  [ "${#files[@]}" = 1 ] || { echo "$dir: expected one file, got ${files[*]}" >&2; exit 1; }
  { zcat "${files[0]}" | head -1; zcat "${files[0]}" | tail -n +2 | sort -t, -k1,1n; } |
    awk -F, -v frames="$FRAMES" '
      NR == 1 {if ($0 !~ /^epoch,Fast_20,/ || NF != 30) {print "unexpected header: " $0 > "/dev/stderr"; exit 1}
        print; next}
      NR <= frames + 1 {line = $1
        for (i = 2; i <= NF; i++) {v = $i + 0; if (v < 0) v = 0; line = line sprintf(",%.2f", v)}
        print line}' > "$OUT/csv/$sensor.csv"
done
cp "$LIST" "$OUT/labels.csv"

echo "== checks: $CLIPS clips, $FRAMES frames each, epochs as in docs/data.md"
n=$(find "$OUT/csv" -name '*.csv' | wc -l)
[ "$n" = "$CLIPS" ] || { echo "expected $CLIPS clips, got $n" >&2; exit 1; }
k=0
for f in $(find "$OUT/csv" -name '*.csv' | LC_ALL=C sort); do
  [ "$(wc -l < "$f")" = "$((FRAMES + 1))" ] || { echo "$f: expected $FRAMES frames" >&2; exit 1; }
  [ "$(sed -n 2p "$f" | cut -d, -f1)" = "$((FIRST_EPOCH + k * 3600000))" ] ||
    { echo "$f: first epoch is not $((FIRST_EPOCH + k * 3600000))" >&2; exit 1; }
  k=$((k + 1))
done
echo "$LIST_SHA256  $OUT/labels.csv" | sha256sum -c -

if [ -n "${ESC10_REFERENCE:-}" ]; then
  echo "== largest level difference (dB) against $ESC10_REFERENCE, per clip, largest first"
  for f in "$OUT"/csv/*.csv; do
    paste -d, "$f" "$ESC10_REFERENCE/csv/$(basename "$f")" | awk -F, -v c="$(basename "$f" .csv)" '
      NR > 1 {for (i = 2; i <= 30; i++) {d = $i - $(i + 30); if (d < 0) d = -d; if (d > m) m = d}}
      END {printf "%s %.2f\n", c, m}'
  done | sort -k2 -rn | head -20
fi
echo "== done: $OUT/csv ($CLIPS clips) and $OUT/labels.csv; ingest with"
echo "   ./submit.sh ingest --input $OUT/csv --output TABLES"
