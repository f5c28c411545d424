package org.octave2vec.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlicerTest {
  private static final int BANDS = 3;
  private static final long FIRST = 1_600_000_000_000L;

  /** Frame f, band b holds f * 100 + b: every value names its origin. */
  static float[][] frames(int n) {
    float[][] f = new float[n][BANDS];
    for (int i = 0; i < n; i++) {
      for (int b = 0; b < BANDS; b++) {
        f[i][b] = i * 100 + b;
      }
    }
    return f;
  }

  private static final int[] F = {0, 7, 8, 9, 15, 16, 17};

  @Test
  void countsAndUnusedFramesHop8() {
    int[] slices = {0, 0, 1, 1, 1, 2, 2};
    long[] unused = {0, 7, 0, 1, 7, 0, 1};
    check(SliceOptions.defaults(), slices, unused);
  }

  @Test
  void countsAndUnusedFramesHop4() {
    int[] slices = {0, 0, 1, 1, 2, 3, 3};
    long[] unused = {0, 7, 0, 1, 3, 0, 1};
    check(SliceOptions.defaults().withWidthHop(8, 4), slices, unused);
  }

  private static void check(SliceOptions o, int[] slices, long[] unused) {
    for (int k = 0; k < F.length; k++) {
      List<Slice> cut = Slicer.cut("s", 0, FIRST, frames(F[k]), o);
      assertEquals(slices[k], cut.size(), "slices of F=" + F[k]);
      assertEquals(slices[k], Slicer.sliceCount(F[k], o));
      assertEquals(unused[k], Slicer.unusedFrames(F[k], o), "unused of F=" + F[k]);
      assertEquals(
          F[k],
          covered(cut, F[k], o) + Slicer.unusedFrames(F[k], o),
          "frames in = covered + unused, F=" + F[k]);
    }
  }

  /** Frames lying in at least one slice, found from the levels themselves. */
  private static int covered(List<Slice> cut, int frames, SliceOptions o) {
    boolean[] hit = new boolean[frames];
    for (Slice s : cut) {
      for (int t = 0; t < o.width(); t++) {
        hit[(int) (s.level(0, t, o.width()) / 100)] = true;
      }
    }
    int n = 0;
    for (boolean h : hit) {
      n += h ? 1 : 0;
    }
    return n;
  }

  @Test
  void conservationHoldsForManyShapes() {
    int[][] shapes = {{8, 8}, {8, 4}, {8, 3}, {4, 6}, {1, 1}, {5, 2}};
    for (int[] wh : shapes) {
      SliceOptions o = SliceOptions.defaults().withWidthHop(wh[0], wh[1]);
      for (int f = 0; f < 40; f++) {
        List<Slice> cut = Slicer.cut("s", 0, FIRST, frames(f), o);
        assertEquals(
            f,
            covered(cut, f, o) + Slicer.unusedFrames(f, o),
            "W,hop=" + wh[0] + "," + wh[1] + " F=" + f);
      }
    }
  }

  @Test
  void levelsAreBandMajorAndStartsFollowHop() {
    SliceOptions o = SliceOptions.defaults().withWidthHop(8, 4);
    float[][] in = frames(17);
    List<Slice> cut = Slicer.cut("sensorA", 5, FIRST, in, o);
    for (Slice s : cut) {
      assertEquals("sensorA", s.sensor());
      assertEquals(5, s.runIndex());
      assertEquals(FIRST + s.sliceIndex() * 4 * 125L, s.startEpochMs());
      assertEquals(BANDS * 8, s.levels().length);
      for (int b = 0; b < BANDS; b++) {
        for (int t = 0; t < 8; t++) {
          assertEquals(in[s.sliceIndex() * 4 + t][b], s.levels()[b * 8 + t]);
        }
      }
    }
    assertEquals(List.of(0, 1, 2), cut.stream().map(Slice::sliceIndex).toList());
  }

  @Test
  void shortRunsBelowMinRunFramesYieldNothing() {
    SliceOptions o = SliceOptions.defaults().withMinRunFrames(24);
    assertEquals(0, Slicer.cut("s", 0, 0, frames(23), o).size());
    assertEquals(23, Slicer.unusedFrames(23, o));
    assertEquals(3, Slicer.cut("s", 0, 0, frames(24), o).size());
  }

  @Test
  void streamingCutterReleasesSlicesAsFramesArrive() {
    SliceOptions o = SliceOptions.defaults().withMinRunFrames(20);
    Slicer.Cutter c = new Slicer.Cutter("s", 1, FIRST, BANDS, o);
    List<Slice> got = new ArrayList<>();
    float[][] in = frames(33);
    for (int i = 0; i < in.length; i++) {
      List<Slice> out = c.offer(in[i]);
      assertTrue(out.isEmpty() || i + 1 >= 20, "nothing before the run is long enough");
      got.addAll(out);
    }
    got.addAll(c.finish());
    assertEquals(Slicer.cut("s", 1, FIRST, in, o), got);
    assertEquals(4, got.size());
  }

  @Test
  void badInputIsRejectedWithTheOptionName() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Slicer.cut("s", 0, 0, new float[][] {{1, 2}, {1}}, SliceOptions.defaults()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SliceOptions.defaults().withWidthHop(8, 0).validate());
    assertTrue(e.getMessage().startsWith("hop"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SliceOptions.defaults().withSplit(null, SliceOptions.DAY_MS, 2).validate());
    assertTrue(e.getMessage().startsWith("splitBy"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SliceOptions.defaults().withFractions(0.6, 0.5).validate());
    assertTrue(e.getMessage().contains("valFraction"));
    SliceOptions.defaults().validate();
  }
}
