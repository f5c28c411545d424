package org.octave2vec.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.Task;

class ContrastiveSamplerTest {
  private static final int W = 8;
  private static final int HOP = 4;

  private static SampleOptions opts(int perUnit, int radius, long seed) {
    return SampleOptions.defaults(Task.CONTRASTIVE)
        .withSamplesPerRun(perUnit)
        .withRadiusFrames(radius)
        .withSeed(seed)
        .validate();
  }

  private static String[] all(String split, int n) {
    String[] s = new String[n];
    java.util.Arrays.fill(s, split);
    return s;
  }

  @Test
  void cropsStayInsideTheirSegmentAndWithinTheRadius() {
    // slices 0..4 and 7..12: a hole (slices 5, 6 missing), then the last 3 slices are val
    int[] idx = {0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12};
    String[] split = {
      "train", "train", "train", "train", "train", "train", "train", "train", "val", "val", "val"
    };
    List<ContrastiveSample> pairs =
        ContrastiveSampler.sample("s", 0, idx, split, W, HOP, opts(50, 6, 1));
    // units of 12 frames: starts 0..16 make 2, 28..36 and 40..48 one each
    assertEquals(4 * 50, pairs.size());
    for (ContrastiveSample p : pairs) {
      int fa = p.a() * HOP + p.aShift();
      int fb = p.b() * HOP + p.bShift();
      assertTrue(Math.abs(fa - fb) <= 6, p.toString());
      int[] seg =
          fa <= 16
              ? new int[] {0, 4}
              : (p.split().equals("val") ? new int[] {10, 12} : new int[] {7, 9});
      for (int f : new int[] {fa, fb}) {
        assertTrue(f >= seg[0] * HOP && f <= seg[1] * HOP, "crop start " + f + " outside " + p);
      }
      // a shifted crop reads the next slice, which must exist in the segment
      for (int[] c : new int[][] {{p.a(), p.aShift()}, {p.b(), p.bShift()}}) {
        assertTrue(c[1] >= 0 && c[1] < HOP);
        assertTrue(c[1] == 0 || c[0] + 1 <= seg[1], "crop " + c[0] + "+" + c[1] + " leaves " + p);
      }
      assertEquals(
          p.split(),
          split[
              IntStream.range(0, idx.length).filter(i -> idx[i] == p.a()).findFirst().getAsInt()]);
    }
    // every frame offset occurs, not only slice boundaries
    assertTrue(pairs.stream().anyMatch(p -> p.aShift() == 3));
  }

  @Test
  void longRunsAreCutIntoUnitsOfTwiceTheRadiusEachWithItsCount() {
    int n = 100; // 100 slices of hop 4: starts 0..396
    int[] idx = IntStream.range(0, n).toArray();
    List<ContrastiveSample> pairs =
        ContrastiveSampler.sample("s", 3, idx, all("train", n), W, HOP, opts(5, 16, 2));
    Map<Integer, Integer> perUnit = new HashMap<>();
    for (ContrastiveSample p : pairs) {
      perUnit.merge(p.unit(), 1, Integer::sum);
      int fa = p.a() * HOP + p.aShift();
      assertTrue(fa >= p.unit() && fa < p.unit() + 32, "anchor in its unit: " + p);
    }
    assertEquals(13, perUnit.size(), "ceil(397 / 32) units");
    assertTrue(perUnit.values().stream().allMatch(c -> c == 5));
  }

  @Test
  void guardSlicesGiveNothingAndWideHopsGiveSliceStartsOnly() {
    int[] idx = {0, 1, 2};
    assertTrue(
        ContrastiveSampler.sample("s", 0, idx, all("guard", 3), W, HOP, opts(4, 8, 1)).isEmpty());
    List<ContrastiveSample> wide =
        ContrastiveSampler.sample(
            "s", 0, new int[] {0, 1, 2, 3}, all("train", 4), W, 10, opts(20, 30, 1));
    assertEquals(20, wide.size());
    assertTrue(wide.stream().allMatch(p -> p.aShift() == 0 && p.bShift() == 0));
  }

  @Test
  void theSameSeedGivesTheSamePairs() {
    int[] idx = IntStream.range(0, 40).toArray();
    String[] split = all("train", 40);
    assertEquals(
        ContrastiveSampler.sample("s", 1, idx, split, W, HOP, opts(0, 8, 5)),
        ContrastiveSampler.sample("s", 1, idx, split, W, HOP, opts(0, 8, 5)));
    assertNotEquals(
        ContrastiveSampler.sample("s", 1, idx, split, W, HOP, opts(0, 8, 5)),
        ContrastiveSampler.sample("s", 1, idx, split, W, HOP, opts(0, 8, 6)));
  }

  @Test
  void dealingKeysRunThroughEveryUnitBeforeAnyRepeats() {
    // 5 units × 3 samples: sorted by key, every window of 5 consecutive samples holds 5 distinct
    // units
    List<long[]> keyed = new java.util.ArrayList<>();
    for (int u = 0; u < 5; u++) {
      for (int k = 0; k < 3; k++) {
        ContrastiveSample c = new ContrastiveSample("s" + u, 0, "train", 0, 0, 0, 0, 0);
        keyed.add(new long[] {SamplesJob.contrastiveKey(42, c, k), u});
      }
    }
    keyed.sort(java.util.Comparator.comparingLong(a -> a[0]));
    for (int from = 0; from + 5 <= keyed.size(); from++) {
      assertEquals(
          5, keyed.subList(from, from + 5).stream().mapToLong(a -> a[1]).distinct().count());
    }
  }

  @Test
  void sameSensorKeysGroupEachSensorAndRunThroughItsUnitsBeforeAnyRepeats() {
    // 3 sensors × 4 units × 3 samples: sorted, each sensor's 12 samples are consecutive, and
    // within a sensor every 4 consecutive samples hold its 4 distinct units
    List<long[]> keyed = new java.util.ArrayList<>();
    for (int s = 0; s < 3; s++) {
      for (int u = 0; u < 4; u++) {
        for (int k = 0; k < 3; k++) {
          ContrastiveSample c = new ContrastiveSample("s" + s, u, "train", 0, 0, 0, 0, u * 128);
          keyed.add(new long[] {SamplesJob.sameSensorKey(42, c, k), s, u});
        }
      }
    }
    keyed.sort(java.util.Comparator.comparingLong(a -> a[0]));
    for (int b = 0; b < 3; b++) {
      List<long[]> block = keyed.subList(b * 12, b * 12 + 12);
      assertEquals(1, block.stream().mapToLong(a -> a[1]).distinct().count(), "one sensor");
      for (int from = 0; from + 4 <= 12; from += 4) {
        assertEquals(
            4, block.subList(from, from + 4).stream().mapToLong(a -> a[2]).distinct().count());
      }
    }
    assertTrue(keyed.stream().allMatch(a -> a[0] >= 0), "keys sort as unsigned would");
  }
}
