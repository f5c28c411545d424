package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.SliceGeometry;

class ClipsTest {
  /** 1 band, W = 2, hop 1: slice i of a run holds frames i and i + 1. */
  private static final SliceGeometry G = SliceGeometry.of(1, 2, 1);

  private static Windows.Slice slice(
      String sensor, int run, int index, long start, float[] emb, float a, float b) {
    return new Windows.Slice(
        sensor, run, index, start, start + 250, new float[][] {emb}, new float[] {a, b});
  }

  @Test
  void aClipIsTheMeanAndMaxEmbeddingAndTheStatisticsOfAllItsFrames() {
    List<Windows.Slice> slices =
        List.of(
            slice("a", 0, 0, 1000, new float[] {1, 2}, 1, 2),
            slice("a", 0, 1, 1125, new float[] {3, 4}, 2, 3),
            slice("a", 1, 0, 9000, new float[] {5, 6}, 10, 20),
            slice("b", 0, 0, 0, new float[] {7, 8}, 4, 4),
            slice("c", 0, 0, 0, new float[] {9, 9}, 0, 0));
    List<Windows.Window> clips = Clips.of(slices, Set.of("a", "b", "x"), G);

    assertEquals(2, clips.size(), "c has no label, x has no slices");
    Windows.Window a = clips.get(0);
    assertEquals("a", a.sensor());
    assertEquals(-1, a.run());
    assertArrayEquals(
        new float[] {3, 4, 5, 6},
        a.sets()[0],
        "mean then max of (1, 2), (3, 4), (5, 6) over both runs");
    assertEquals(1000, a.start());
    assertEquals(9250, a.end());
    // frames: run 0 → 1, 2, 3 (frame 2 is in both slices, counted once); run 1 → 10, 20
    float[] rich = a.stats()[FrameStats.Kind.RICH.ordinal()];
    assertEquals(7.2f, rich[0], 1e-6f, "(1 + 2 + 3 + 10 + 20) / 5");
    assertEquals(1f, rich[2], 0f, "min");
    assertEquals(20f, rich[3], 0f, "max");
    assertEquals(
        4f, rich[7], 1e-6f, "mean |Δ| (1 + 1 + 10) / 3: never from 3 (run 0) to 10 (run 1)");
    assertArrayEquals(new float[] {7, 8, 7, 8}, clips.get(1).sets()[0]);
    assertArrayEquals(new float[] {4, 0}, clips.get(1).stats()[FrameStats.Kind.RAW.ordinal()]);
  }
}
