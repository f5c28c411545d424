package org.octave2vec.nightly;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The nightly job's hidden table {@code _nightly/days} ({@link DayStates}): one row per sensor-day
 * with its continuous pieces and health counts. {@code longs} = frames, then per band frames equal
 * to the previous; {@code floats} = per band min, then max.
 */
final class DaysTable {
  static final String SENSOR = "sensor";
  static final String DATE = "date";
  static final String LONGS = "longs";
  static final String FLOATS = "floats";
  static final String SEGMENTS = "segments";

  /** A segment's fields. */
  static final String FIRST = "first_epoch_ms";

  static final String LAST = "last_epoch_ms";
  static final String FRAMES = "frames";

  private DaysTable() {}

  static final StructType SEGMENT =
      new StructType()
          .add(FIRST, DataTypes.LongType, false)
          .add(LAST, DataTypes.LongType, false)
          .add(FRAMES, DataTypes.LongType, false);

  static final StructType SCHEMA =
      new StructType()
          .add(SENSOR, DataTypes.StringType, false)
          .add(DATE, DataTypes.StringType, false)
          .add(LONGS, DataTypes.createArrayType(DataTypes.LongType, false), false)
          .add(FLOATS, DataTypes.createArrayType(DataTypes.FloatType, false), false)
          .add(SEGMENTS, DataTypes.createArrayType(SEGMENT, false), false);
}
