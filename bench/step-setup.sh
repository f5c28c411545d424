#!/usr/bin/env bash
# Sourced by the scripts that time OneDnnBench steps on 2 threads (conv.sh, onednn.sh, speed.sh), from
# the repository root: sets CONFIGS, the TASK:PRESET:WIDTH configurations to step through (the
# script's configs argument, passed as $1; empty or absent: every task and preset at W = 8), builds
# once (bench/build.sh) and exports OMP_NUM_THREADS=2 for the bench/run-java.sh calls that follow.
# Usage (inside a script): source bench/step-setup.sh "${2:-}"
CONFIGS="${1:-gap:small:8 cbow:small:8 gap:reference:8 cbow:reference:8}"
source bench/build.sh
export OMP_NUM_THREADS=2
