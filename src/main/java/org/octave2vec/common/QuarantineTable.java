package org.octave2vec.common;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code quarantine} table: one row per rejected data row ({@code line > 0}) and one per
 * rejected file (its reason is file-level; {@code line} is 0 or where the file broke).
 */
public final class QuarantineTable {
  public static final String NAME = "quarantine";
  public static final int SCHEMA_VERSION = 1;
  public static final String SOURCE = "source_file";
  public static final String LINE = "line";
  public static final String SENSOR = "sensor";
  public static final String REASON = "reason";
  public static final String MESSAGE = "message";
  public static final String RAW = "raw";

  /** True for a rejection of a whole file (or its unreadable rest), false for one data row. */
  public static final String FILE_LEVEL = "file_level";

  private QuarantineTable() {}

  public static final StructType SCHEMA =
      new StructType()
          .add(SOURCE, DataTypes.StringType, false)
          .add(LINE, DataTypes.LongType, false)
          .add(SENSOR, DataTypes.StringType, true)
          .add(REASON, DataTypes.StringType, false)
          .add(FILE_LEVEL, DataTypes.BooleanType, false)
          .add(MESSAGE, DataTypes.StringType, true)
          .add(RAW, DataTypes.StringType, true);
}
