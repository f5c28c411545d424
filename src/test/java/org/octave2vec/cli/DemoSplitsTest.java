package org.octave2vec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.Splitter;
import picocli.CommandLine;

/** The demo's split blocks give train, val and test slices whatever the archive's length. */
class DemoSplitsTest {
  private static final List<String> SENSORS = List.of("p0001", "p0002", "p0003", "p0004");
  private static final long START = GenerateOptions.DEFAULT_START_EPOCH_MS;

  @Test
  void dayBlocksOnAShortArchiveLeaveASplitWithoutBlocks() {
    // the slice default: one 24-hour block per sensor, so at most 4 blocks for 3 splits
    Map<String, Integer> n =
        DemoSplits.blockCounts(SENSORS, START, 2, SliceOptions.defaults(), SliceOptions.DAY_MS);
    assertTrue(n.values().stream().mapToInt(Integer::intValue).sum() <= 4, n.toString());
    assertTrue(
        n.size() < 3 || n.values().stream().anyMatch(c -> c < DemoSplits.MIN_BLOCKS), n.toString());
  }

  @Test
  void everySplitGetsSlicesForHalfAnHourAndTwoHours() {
    for (String hours : List.of("0.5", "2")) {
      for (String seed : List.of("42", "1", "7")) {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--hours", hours, "--seed", seed);
        SliceOptions o = demo.sliceOptions();
        assertEquals(Long.parseLong(seed), o.seed(), "the demo's seed reaches the split");
        Map<String, Integer> n = sliceSplits(o, Double.parseDouble(hours));
        for (String split : List.of(Splitter.TRAIN, Splitter.VAL, Splitter.TEST)) {
          assertTrue(
              n.getOrDefault(split, 0) > 0,
              "--hours " + hours + " --seed " + seed + ": no " + split + " slice in " + n);
        }
        assertTrue(o.blockMs() < SliceOptions.DAY_MS);
      }
    }
  }

  /** Split labels of back-to-back 1-s slices over every sensor's whole archive (guards counted). */
  private static Map<String, Integer> sliceSplits(SliceOptions o, double hours) {
    Map<String, Integer> n = new HashMap<>();
    long end = START + (long) (hours * 3_600_000L);
    for (String sensor : SENSORS) {
      for (long t = START; t + o.widthMs() <= end; t += o.hopMs()) {
        n.merge(Splitter.label(sensor, t, t + o.widthMs(), o), 1, Integer::sum);
      }
    }
    return n;
  }
}
