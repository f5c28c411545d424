package org.octave2vec.common;

import java.util.List;

/** Small conversions between Spark row values and the primitive arrays the core logic uses. */
public final class Rows {
  private Rows() {}

  /** An {@code array<float>} column value as a float[]. */
  public static float[] floats(List<Float> l) {
    float[] a = new float[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }
}
