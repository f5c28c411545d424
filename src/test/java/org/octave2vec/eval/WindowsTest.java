package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {
  private static Windows.Slice slice(String sensor, int run, int index, float v) {
    return new Windows.Slice(sensor, run, index, index * 1000L, index * 1000L + 1000, new float[][] {{v, -v}},
        null);
  }

  @Test
  void consecutiveSlicesOfARunPoolIntoMeanAndMax() {
    List<Windows.Slice> slices = List.of(slice("a", 0, 0, 1), slice("a", 0, 1, 3), slice("a", 0, 2, 5),
        slice("a", 1, 4, 7), slice("a", 1, 5, 9), slice("b", 0, 0, 2));
    List<Windows.Window> w = Windows.of(slices, 2);
    assertEquals(2, w.size(), "a/0 slice 2 and b/0 slice 0 lack a partner");
    assertArrayEquals(new float[] {2, -2, 3, -1}, w.get(0).sets()[0], "mean (1, 3), (−1, −3) then max");
    assertEquals(0, w.get(0).start());
    assertEquals(2000, w.get(0).end());
    assertEquals(1000, w.get(0).centre());
    assertEquals(4000, w.get(1).start());
    assertNull(w.get(1).raw());
    assertEquals(6, Windows.of(slices, 1).size(), "one window per slice");
  }
}
