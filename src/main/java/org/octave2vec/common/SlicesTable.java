package org.octave2vec.common;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code slices} table: one row per slice of W frames inside one continuous run. {@code levels}
 * is the 1 × bands × W image, band-major ({@code levels[band * W + t]}), in dB (not normalized; the
 * train split's statistics are in {@code norm_stats.json}).
 */
public final class SlicesTable {
  public static final String NAME = "slices";
  public static final int SCHEMA_VERSION = 1;
  public static final String NORM_STATS = "norm_stats.json";
  public static final String SENSOR = "sensor";
  public static final String RUN_INDEX = "run_index";
  public static final String SLICE_INDEX = "slice_index";
  public static final String START = "start_epoch_ms";
  public static final String SPLIT = "split";
  public static final String LEVELS = "levels";

  /** A slice's identity and place. */
  private static final String[] IDENTITY = {SENSOR, RUN_INDEX, SLICE_INDEX, START, SPLIT};

  /** For {@code selectExpr}: sensor, run index, slice index, start, split, then {@code more}. */
  public static String[] identityAnd(String... more) {
    String[] out = java.util.Arrays.copyOf(IDENTITY, IDENTITY.length + more.length);
    System.arraycopy(more, 0, out, IDENTITY.length, more.length);
    return out;
  }

  private SlicesTable() {}

  public static final StructType SCHEMA =
      new StructType()
          .add(SENSOR, DataTypes.StringType, false)
          .add(RUN_INDEX, DataTypes.IntegerType, false)
          .add(SLICE_INDEX, DataTypes.IntegerType, false)
          .add(START, DataTypes.LongType, false)
          .add(SPLIT, DataTypes.StringType, false)
          .add(LEVELS, DataTypes.createArrayType(DataTypes.FloatType, false), false);
}
