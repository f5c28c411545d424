#!/usr/bin/env bash
# One split of a slices table read from the same rows in two orders (sensor first, as before; split
# first, as the slice job writes now), side by side: what train's per-split join pays.
# Usage: bench/splitread.sh SLICES_DIR [rounds=3] [work=work/bench-splitread]
#   e.g. bench/splitread.sh work/bench-scale/x4/slices (after bench/scale.sh). Results: docs/scaling.md.
exec "$(dirname "$0")/run-java.sh" org.octave2vec.bench.SplitReadBench "$@"
