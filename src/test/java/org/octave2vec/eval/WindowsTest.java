package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.SliceGeometry;

class WindowsTest {
  private static Windows.Slice slice(String sensor, int run, int index, float v) {
    return new Windows.Slice(
        sensor, run, index, index * 1000L, index * 1000L + 1000, new float[][] {{v, -v}}, null);
  }

  @Test
  void consecutiveSlicesOfARunPoolIntoMeanAndMax() {
    List<Windows.Slice> slices =
        List.of(
            slice("a", 0, 0, 1),
            slice("a", 0, 1, 3),
            slice("a", 0, 2, 5),
            slice("a", 1, 4, 7),
            slice("a", 1, 5, 9),
            slice("b", 0, 0, 2));
    List<Windows.Window> w = Windows.of(slices, 2, null);
    assertEquals(2, w.size(), "a/0 slice 2 and b/0 slice 0 lack a partner");
    assertArrayEquals(
        new float[] {2, -2, 3, -1}, w.get(0).sets()[0], "mean (1, 3), (−1, −3) then max");
    assertEquals(0, w.get(0).start());
    assertEquals(2000, w.get(0).end());
    assertEquals(1000, w.get(0).centre());
    assertEquals(4000, w.get(1).start());
    assertNull(w.get(1).stats());
    assertEquals(6, Windows.of(slices, 1, null).size(), "one window per slice");
  }

  @Test
  void aWindowOfOverlappingSlicesCountsEachFrameOnce() {
    // 1 band, W = 4, hop 2: slice 0 holds frames 0..3, slice 1 frames 2..5 (levels = frame number)
    SliceGeometry g = SliceGeometry.of(1, 4, 2);
    List<Windows.Slice> slices =
        List.of(
            new Windows.Slice("a", 0, 0, 0, 500, new float[][] {{1}}, new float[] {0, 1, 2, 3}),
            new Windows.Slice("a", 0, 1, 250, 750, new float[][] {{3}}, new float[] {2, 3, 4, 5}));
    Windows.Window w = Windows.of(slices, 2, g).get(0);
    float[] raw = w.stats()[FrameStats.Kind.RAW.ordinal()];
    assertEquals(2.5f, raw[0], 1e-6f, "mean of frames 0..5, not of 0,1,2,2,3,3,4,5");
    assertEquals((float) Math.sqrt(17.5 / 6), raw[1], 1e-6f);
    assertEquals(1f, w.stats()[FrameStats.Kind.RICH.ordinal()][7], 1e-6f, "mean |Δ| of 0..5");
    assertArrayEquals(
        new float[] {3.5f, (float) Math.sqrt(1.25), 2, 5, 2.3f, 3.5f, 4.7f, 1},
        Windows.of(slices, 1, g).get(1).stats()[FrameStats.Kind.RICH.ordinal()],
        1e-6f,
        "one slice alone: its own frames 2..5");
  }
}
