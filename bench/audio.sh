#!/usr/bin/env bash
# Fast third-octave analysis speed vs a numpy/scipy reference (bench/audio_reference.py), one core.
# Usage: bench/audio.sh [seconds=600]   Needs python3 with numpy and scipy. Results in docs/benchmarks.md.
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 exec "$(dirname "$0")/run-java.sh" org.octave2vec.bench.AudioBench "$@"
