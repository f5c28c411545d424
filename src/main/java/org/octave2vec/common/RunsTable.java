package org.octave2vec.common;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code runs} table: maximal continuous stretches of each sensor. {@code run_index} counts
 * from 0 in time order per sensor; {@code gap_before_ms} is the step from the previous run (-1
 * first).
 */
public final class RunsTable {
  public static final String NAME = "runs";
  public static final int SCHEMA_VERSION = 1;
  public static final String SENSOR = "sensor";
  public static final String RUN_INDEX = "run_index";
  public static final String FIRST = "first_epoch_ms";
  public static final String LAST = "last_epoch_ms";
  public static final String FRAMES = "frame_count";
  public static final String GAP_BEFORE = "gap_before_ms";

  private RunsTable() {}

  public static final StructType SCHEMA =
      new StructType()
          .add(SENSOR, DataTypes.StringType, false)
          .add(RUN_INDEX, DataTypes.IntegerType, false)
          .add(FIRST, DataTypes.LongType, false)
          .add(LAST, DataTypes.LongType, false)
          .add(FRAMES, DataTypes.LongType, false)
          .add(GAP_BEFORE, DataTypes.LongType, false);

  /**
   * A run's span as jobs pass runs around ({@code SliceJob.readRuns}, rows built in this order):
   * sensor, run index, first and last epoch, frames.
   */
  public static final StructType SPAN =
      new StructType(
          new org.apache.spark.sql.types.StructField[] {
            SCHEMA.apply(SENSOR),
            SCHEMA.apply(RUN_INDEX),
            SCHEMA.apply(FIRST),
            SCHEMA.apply(LAST),
            SCHEMA.apply(FRAMES)
          });

  /** Field positions in a {@link #SPAN} row. */
  public static final int SPAN_SENSOR = SPAN.fieldIndex(SENSOR);

  public static final int SPAN_RUN_INDEX = SPAN.fieldIndex(RUN_INDEX);
  public static final int SPAN_FIRST = SPAN.fieldIndex(FIRST);
  public static final int SPAN_LAST = SPAN.fieldIndex(LAST);
  public static final int SPAN_FRAMES = SPAN.fieldIndex(FRAMES);
}
