package org.octave2vec.common;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code manifest} table of the nightly job: one row per input file that the tables hold, with
 * what told the file apart when it was read (size, modification time, SHA-256), the run that read
 * it, the sensor-days it fed (so a change or a deletion knows which {@code frames} partitions to
 * rebuild) and its per-source counts that only reading the file tells ({@code health} needs them).
 */
public final class ManifestTable {
  public static final String NAME = "manifest";
  public static final int SCHEMA_VERSION = 1;
  public static final String PATH = "path";
  public static final String SIZE = "size";
  public static final String MODIFIED = "modification_time";

  /** {@code sha256:<hex>} of the file's bytes. */
  public static final String CHECKSUM = "checksum";

  public static final String RUN_ID = "run_id";

  /** The (sensor, date) partitions of {@code frames} the file's kept epochs span. */
  public static final String SENSOR_DAYS = "sensor_days";

  /** Per CSV source of the file (itself, or each archive member): sensor and file-order counts. */
  public static final String SOURCES = "sources";

  /** The fields of a {@link #SENSOR_DAY} and of a {@link #SOURCE}. */
  public static final String DAY_SENSOR = "sensor";

  public static final String DAY_DATE = "date";
  public static final String SOURCE_SENSOR = "sensor";
  public static final String SOURCE_OUT_OF_ORDER = "out_of_order_rows";
  public static final String SOURCE_CLOCK_JUMPS = "clock_jumps";

  public static final StructType SENSOR_DAY =
      new StructType()
          .add(DAY_SENSOR, DataTypes.StringType, false)
          .add(DAY_DATE, DataTypes.StringType, false);

  public static final StructType SOURCE =
      new StructType()
          .add(SOURCE_SENSOR, DataTypes.StringType, true)
          .add(SOURCE_OUT_OF_ORDER, DataTypes.LongType, false)
          .add(SOURCE_CLOCK_JUMPS, DataTypes.LongType, false);

  private ManifestTable() {}

  public static final StructType SCHEMA =
      new StructType()
          .add(PATH, DataTypes.StringType, false)
          .add(SIZE, DataTypes.LongType, false)
          .add(MODIFIED, DataTypes.LongType, false)
          .add(CHECKSUM, DataTypes.StringType, false)
          .add(RUN_ID, DataTypes.StringType, false)
          .add(SENSOR_DAYS, DataTypes.createArrayType(SENSOR_DAY, false), false)
          .add(SOURCES, DataTypes.createArrayType(SOURCE, false), false);
}
