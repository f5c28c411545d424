package org.octave2vec.common;

import java.util.List;

/** Small conversions between Spark row values and the primitive arrays the core logic uses. */
public final class Rows {
  /** The column that Spark's {@code groupBy(…).count()} adds. */
  public static final String COUNT = "count";

  private Rows() {}

  /** The {@link #COUNT} of a {@code groupBy(…).count()} row. */
  public static long count(org.apache.spark.sql.Row r) {
    return r.getLong(r.fieldIndex(COUNT));
  }

  /** An {@code array<float>} column value as a float[]. */
  public static float[] floats(List<Float> l) {
    float[] a = new float[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }
}
