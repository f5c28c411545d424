package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.SliceGeometry;

class FrameStatsTest {
  /**
   * Two segments of frames (band 0, band 1): (1, 10) (3, 14) (2, 12) | (6, 10) (4, 14). Band 0
   * pools 1, 3, 2, 6, 4 (sorted 1 2 3 4 6), band 1 pools 10, 14, 12, 10, 14 (sorted 10 10 12 14
   * 14).
   */
  private static final List<float[][]> FRAMES =
      List.of(new float[][] {{1, 10}, {3, 14}, {2, 12}}, new float[][] {{6, 10}, {4, 14}});

  @Test
  void rawIsTheMeanAndPopulationStdOfAllFrames() {
    // band 0: mean 16/5, squared deviations 4.84 + 0.04 + 1.44 + 7.84 + 0.64 = 14.8; band 1: 60/5,
    // 16
    assertArrayEquals(
        new float[] {3.2f, 12f, (float) Math.sqrt(14.8 / 5), (float) Math.sqrt(16.0 / 5)},
        FrameStats.Kind.RAW.of(FRAMES),
        1e-6f);
  }

  @Test
  void richAddsExtremesPercentilesAndChangeWithinSegments() {
    float[] r = FrameStats.Kind.RICH.of(FRAMES);
    assertEquals(16, r.length, "8 statistics × 2 bands, stat-major");
    assertArrayEquals(
        new float[] {
          3.2f,
          12f, // mean
          (float) Math.sqrt(14.8 / 5),
          (float) Math.sqrt(16.0 / 5), // std
          1f,
          10f, // min
          6f,
          14f, // max
          1.4f,
          10f, // p10: position 0.4 between the 1st and 2nd sorted values
          3f,
          12f, // p50
          5.2f,
          14f, // p90: position 3.6, 4 + 0.6 × (6 − 4)
          5f / 3,
          10f / 3, // mean |Δ|: (2 + 1 + 2) / 3 and (4 + 2 + 4) / 3; 2 → 6 crosses segments
        },
        r,
        1e-5f);
  }

  @Test
  void shapeRemovesEachFramesMeanLevelFirst() {
    // frame means 5.5, 8.5, 7, 8, 9 → band 0: −4.5 −5.5 −5 −2 −5 (mean −4.4, squared deviations
    // 7.7),
    // band 1 the mirror image
    float std = (float) Math.sqrt(7.7 / 5);
    assertArrayEquals(new float[] {-4.4f, 4.4f, std, std}, FrameStats.Kind.SHAPE.of(FRAMES), 1e-5f);
    float[][] louder = {{11, 20}, {13, 24}, {12, 22}};
    float[][] same = {{1, 10}, {3, 14}, {2, 12}};
    assertArrayEquals(
        FrameStats.Kind.SHAPE.of(List.<float[][]>of(same)),
        FrameStats.Kind.SHAPE.of(List.<float[][]>of(louder)),
        1e-5f,
        "+10 dB everywhere leaves the shape alone");
  }

  @Test
  void oneFrameHasNoChangeAndNoFramesIsAnError() {
    float[] r = FrameStats.Kind.RICH.of(List.<float[][]>of(new float[][] {{5}}));
    assertArrayEquals(new float[] {5, 0, 5, 5, 5, 5, 5, 0}, r, 1e-6f);
    assertThrows(IllegalArgumentException.class, () -> FrameStats.Kind.RAW.of(List.of()));
  }

  @Test
  void overlappingSlicesGiveEachFrameOnceAndGapsSplitSegments() {
    // 2 bands, W = 4, hop 2; band 0 = frame number, band 1 = 100 + frame number; slices 0, 1 and 4:
    // frames 0..3, 2..5, 8..11 → segments 0..5 and 8..11 (6 and 7 are under no slice)
    SliceGeometry g = SliceGeometry.of(2, 4, 2);
    List<Windows.Slice> slices = List.of(slice(0, 0), slice(1, 2), slice(4, 8));
    List<float[][]> segments = Frames.of(slices, g);
    assertEquals(2, segments.size());
    assertEquals(6, segments.get(0).length);
    assertEquals(4, segments.get(1).length);
    assertArrayEquals(new float[] {5, 105}, segments.get(0)[5]);
    assertArrayEquals(new float[] {8, 108}, segments.get(1)[0]);
    float[] raw = Frames.stats(slices, g)[FrameStats.Kind.RAW.ordinal()];
    assertEquals(5.3f, raw[0], 1e-6f, "(0+1+2+3+4+5+8+9+10+11) / 10");
    assertEquals(105.3f, raw[1], 1e-5f);
    assertThrows(
        IllegalArgumentException.class,
        () -> Frames.of(List.of(slice(1, 2), slice(0, 0)), g),
        "unsorted");
  }

  /** Slice {@code index} of sensor s, run 0, holding frames first..first+3 (band-major levels). */
  private static Windows.Slice slice(int index, int first) {
    float[] levels = new float[8];
    for (int t = 0; t < 4; t++) {
      levels[t] = first + t;
      levels[4 + t] = 100 + first + t;
    }
    return new Windows.Slice("s", 0, index, 0, 0, new float[][] {{0}}, levels);
  }
}
