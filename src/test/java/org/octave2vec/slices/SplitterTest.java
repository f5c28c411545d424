package org.octave2vec.slices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitterTest {
  /** Blocks of 10 s (10 one-second slices) give many boundaries in a short run. */
  private static final SliceOptions SHORT_BLOCKS =
      SliceOptions.defaults().withSplit(SplitBy.TIME, 10_000, 2).withFractions(0.3, 0.3);

  /** Level-free slices of one run: only keys and times matter to the splitter. */
  static List<Slice> run(String sensor, long firstMs, int count, SliceOptions o) {
    List<Slice> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new Slice(sensor, 0, i, firstMs + i * o.hopMs(), new float[0]));
    }
    return out;
  }

  @Test
  void sameSeedSameLabelsOtherSeedOtherBlocks() {
    SliceOptions o = SliceOptions.defaults();
    List<Slice> slices = run("s1", 0, 2000, SHORT_BLOCKS);
    assertArrayEquals(Splitter.labels(slices, SHORT_BLOCKS), Splitter.labels(slices, SHORT_BLOCKS));
    boolean differs = false;
    for (long b = 0; b < 200 && !differs; b++) {
      differs =
          !Splitter.blockSplit("s1", b, o).equals(Splitter.blockSplit("s1", b, o.withSeed(7)));
    }
    assertTrue(differs, "another seed moves some block to another split");
  }

  @Test
  void fractionsAreRoughlyRespected() {
    SliceOptions time = SliceOptions.defaults();
    SliceOptions bySensor = time.withSplit(SplitBy.SENSOR, time.blockMs(), 2);
    Map<String, Integer> blocks = new HashMap<>();
    Map<String, Integer> sensors = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      blocks.merge(Splitter.blockSplit("s1", i, time), 1, Integer::sum);
      sensors.merge(Splitter.sensorSplit("sensor-" + i, bySensor), 1, Integer::sum);
    }
    for (Map<String, Integer> m : List.of(blocks, sensors)) {
      assertEquals(100, m.get(Splitter.VAL), 35);
      assertEquals(100, m.get(Splitter.TEST), 35);
      assertEquals(800, m.get(Splitter.TRAIN), 50);
    }
  }

  @Test
  void noNonGuardSliceIsWithinGuardOfAnotherSplit() {
    for (SliceOptions o :
        List.of(SHORT_BLOCKS, SHORT_BLOCKS.withWidthHop(8, 4), SHORT_BLOCKS.withWidthHop(8, 3))) {
      // Start off the block grid so slices straddle boundaries.
      List<Slice> slices = run("s2", 500, 3000, o);
      String[] labels = Splitter.labels(slices, o);
      Set<String> seen = new HashSet<>(List.of(labels));
      assertTrue(seen.containsAll(List.of("train", "val", "test", "guard")), seen.toString());
      for (int i = 0; i < labels.length; i++) {
        if (labels[i].equals(Splitter.GUARD)) {
          continue;
        }
        for (int j = Math.max(0, i - o.guardSlices()); j <= i + o.guardSlices(); j++) {
          if (j < labels.length && !labels[j].equals(Splitter.GUARD)) {
            assertEquals(labels[i], labels[j], "slices " + i + " and " + j);
          }
        }
        // Stronger: the frames of a non-guard slice, widened by the guard, lie in its split.
        Slice s = slices.get(i);
        long reach = o.guardSlices() * o.hopMs();
        for (long t = s.startEpochMs() - reach; t < s.endEpochMs(o) + reach; t += 125) {
          assertEquals(labels[i], Splitter.blockSplit("s2", Splitter.blockIndex(t, o), o));
        }
      }
    }
  }

  @Test
  void sliceSpanningABoundaryOfAnotherSplitIsGuardEvenWithoutGuardSlices() {
    SliceOptions o = SHORT_BLOCKS.withSplit(SplitBy.TIME, 10_000, 0);
    long b = 0;
    while (Splitter.blockSplit("s3", b, o).equals(Splitter.blockSplit("s3", b + 1, o))) {
      b++;
    }
    long boundary = (b + 1) * 10_000;
    assertEquals(Splitter.GUARD, Splitter.label("s3", boundary - 500, boundary + 500, o));
    assertEquals(
        Splitter.blockSplit("s3", b, o),
        Splitter.label("s3", boundary - 1000, boundary, o),
        "ends exactly at the boundary");
    assertEquals(
        Splitter.blockSplit("s3", b + 1, o), Splitter.label("s3", boundary, boundary + 1000, o));
    // With the default guard of 2 one-second slices, the 2 slices nearest each side are guard.
    SliceOptions g = o.withSplit(SplitBy.TIME, 10_000, 2);
    assertEquals(Splitter.GUARD, Splitter.label("s3", boundary - 2000, boundary - 1000, g));
    assertNotEquals(Splitter.GUARD, Splitter.label("s3", boundary - 3000, boundary - 2000, g));
    assertEquals(Splitter.GUARD, Splitter.label("s3", boundary + 1000, boundary + 2000, g));
    assertNotEquals(Splitter.GUARD, Splitter.label("s3", boundary + 2000, boundary + 3000, g));
  }

  @Test
  void bySensorPutsAllOfASensorInOneSplit() {
    SliceOptions o = SHORT_BLOCKS.withSplit(SplitBy.SENSOR, 10_000, 2);
    for (int k = 0; k < 20; k++) {
      String sensor = "sensor-" + k;
      String[] labels = Splitter.labels(run(sensor, 0, 500, o), o);
      for (String l : labels) {
        assertEquals(Splitter.sensorSplit(sensor, o), l);
      }
    }
  }

  @Test
  void stableHashSeparatesParts() {
    assertNotEquals(StableHash.of(1, "ab", "c"), StableHash.of(1, "a", "bc"));
    assertNotEquals(StableHash.of(1, "a"), StableHash.of(2, "a"));
    assertEquals(StableHash.of(1, "a", 3), StableHash.of(1, "a", 3L));
  }
}
