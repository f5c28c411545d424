package org.octave2vec.slices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormStatsTest {
  private static final int BANDS = 29;
  private static final int W = 8;

  /** Levels around 60 dB with a per-band offset, where naive sums of squares lose precision. */
  static float[][] slices(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] out = new float[n][BANDS * W];
    for (float[] s : out) {
      for (int i = 0; i < s.length; i++) {
        s[i] = (float) (60 + i / W + 5 * r.nextGaussian());
      }
    }
    return out;
  }

  @Test
  void meanAndStdMatchTwoPass() {
    float[][] data = slices(300, 1);
    NormStats s = new NormStats(BANDS);
    for (float[] l : data) {
      s.add(l, BANDS, W);
    }
    double[] mean = new double[BANDS];
    double[] var = new double[BANDS];
    long n = 300L * W;
    for (float[] l : data) {
      for (int i = 0; i < l.length; i++) {
        mean[i / W] += l[i];
      }
    }
    for (int b = 0; b < BANDS; b++) {
      mean[b] /= n;
    }
    for (float[] l : data) {
      for (int i = 0; i < l.length; i++) {
        var[i / W] += (l[i] - mean[i / W]) * (l[i] - mean[i / W]);
      }
    }
    for (int b = 0; b < BANDS; b++) {
      assertEquals(mean[b], s.mean()[b], 1e-4);
      assertEquals(Math.sqrt(var[b] / n), s.std()[b], 1e-4);
    }
    assertEquals(n, s.count());
  }

  @Test
  void mergeOfHalvesEqualsWholeAndSurvivesJson() throws Exception {
    float[][] data = slices(101, 2);
    NormStats whole = new NormStats(BANDS);
    NormStats a = new NormStats(BANDS);
    NormStats b = new NormStats(BANDS);
    for (int i = 0; i < data.length; i++) {
      whole.add(data[i], BANDS, W);
      (i < 37 ? a : b).add(data[i], BANDS, W);
    }
    NormStats merged = a.merge(b).merge(new NormStats(BANDS));
    assertEquals(whole.count(), merged.count());
    assertArrayEquals(whole.mean(), merged.mean(), 1e-4);
    assertArrayEquals(whole.std(), merged.std(), 1e-4);
    // through the file form and JSON text, as norm_stats.json is written and read
    NormStats back =
        org.octave2vec.common.Json.MAPPER
            .readValue(
                org.octave2vec.common.Json.write(merged.file("train", java.util.List.of(), null)),
                NormStats.StatsFile.class)
            .stats();
    assertArrayEquals(merged.mean(), back.mean(), 0);
    assertArrayEquals(merged.std(), back.std(), 0);
    assertEquals(merged.count(), back.count());
  }

  @Test
  void normalizeStandardisesAndConstantBandsUseTheFloor() {
    float[][] data = slices(50, 3);
    NormStats s = new NormStats(BANDS);
    for (float[] l : data) {
      s.add(l, BANDS, W);
    }
    NormStats after = new NormStats(BANDS);
    for (float[] l : data) {
      s.normalize(l, BANDS, W);
      after.add(l, BANDS, W);
    }
    for (int b = 0; b < BANDS; b++) {
      assertEquals(0, after.mean()[b], 1e-4);
      assertEquals(1, after.std()[b], 1e-4);
    }
    NormStats flat = new NormStats(1).add(new float[] {50, 50, 50}, 1, 3);
    assertEquals(NormStats.STD_FLOOR, flat.std()[0]);
  }
}
