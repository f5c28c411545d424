package org.octave2vec.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.Splitter;

/**
 * The demo's split blocks. The slice default (24-hour blocks) on a demo archive of a few hours puts
 * each sensor in one block, so whole sensors land in one split and val or test is often empty. The
 * demo therefore takes the longest block that still gives every split some blocks of the archive.
 */
final class DemoSplits {
  /** Candidate block lengths in minutes, longest first (longer blocks lose fewer guard slices). */
  static final int[] BLOCK_MINUTES = {60, 30, 20, 15, 10, 5, 2, 1};

  /** Each split needs this many blocks: guards trim a block's edges, and runs have gaps. */
  static final int MIN_BLOCKS = 2;

  private DemoSplits() {}

  /**
   * The longest candidate block (ms) whose splits of the sensors' time range [startMs, startMs +
   * hours) each hold at least {@link #MIN_BLOCKS} whole blocks; the shortest candidate otherwise.
   */
  static long blockMs(List<String> sensors, long startMs, double hours, SliceOptions base) {
    for (int minutes : BLOCK_MINUTES) {
      long block = minutes * 60_000L;
      Map<String, Integer> n = blockCounts(sensors, startMs, hours, base, block);
      if (n.values().stream().allMatch(c -> c >= MIN_BLOCKS) && n.size() == 3) {
        return block;
      }
    }
    return BLOCK_MINUTES[BLOCK_MINUTES.length - 1] * 60_000L;
  }

  /** Whole blocks per split (train, val, test) inside the archive's time range, all sensors. */
  static Map<String, Integer> blockCounts(
      List<String> sensors, long startMs, double hours, SliceOptions base, long blockMs) {
    SliceOptions o = base.withSplit(SliceOptions.BY_TIME, blockMs, base.guardSlices());
    long endMs = startMs + (long) (hours * 3_600_000L);
    Map<String, Integer> n = new HashMap<>();
    for (String sensor : sensors) {
      for (long b = Math.floorDiv(startMs + blockMs - 1, blockMs);
          (b + 1) * blockMs <= endMs;
          b++) {
        n.merge(Splitter.blockSplit(sensor, b, o), 1, Integer::sum);
      }
    }
    return n;
  }
}
