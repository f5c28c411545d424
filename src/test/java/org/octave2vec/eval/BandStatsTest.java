package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BandStatsTest {
  @Test
  void meanAndStdPerBandOfABandMajorSlice() {
    // 2 bands × 4 frames: band 0 = 1,2,3,4 ; band 1 = 10,10,10,10
    float[] levels = {1, 2, 3, 4, 10, 10, 10, 10};
    assertArrayEquals(new float[] {2.5f, 10f, (float) Math.sqrt(1.25), 0f}, BandStats.of(levels, 2), 1e-5f);
    assertThrows(IllegalArgumentException.class, () -> BandStats.of(levels, 3));
  }

  @Test
  void slicesCombineExactlyIntoAWindow() {
    float[] a = {1, 2, 3, 4, 10, 10, 10, 10};
    float[] b = {5, 6, 7, 8, 20, 20, 20, 20};
    float[] joined = {1, 2, 3, 4, 5, 6, 7, 8, 10, 10, 10, 10, 20, 20, 20, 20};
    assertArrayEquals(BandStats.of(joined, 2),
        BandStats.features(List.of(BandStats.moments(a, 2), BandStats.moments(b, 2))), 1e-4f);
  }
}
