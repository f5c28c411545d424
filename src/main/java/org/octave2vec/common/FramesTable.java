package org.octave2vec.common;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code frames} table: one row per kept 125 ms frame, partitioned by sensor and UTC date so a
 * sensor-day can be rewritten alone. Band columns follow the table's {@link BandLayout}.
 */
public final class FramesTable {
  public static final String NAME = "frames";
  public static final int SCHEMA_VERSION = 1;
  public static final String SENSOR = "sensor";
  public static final String DATE = "date";
  public static final String EPOCH = "epoch_ms";
  public static final String SOURCE = "source_file";

  /** Nominal frame period of fast third-octave levels. */
  public static final long PERIOD_MS = 125;

  private FramesTable() {}

  public static StructType schema(BandLayout layout, List<String> extras) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField(SENSOR, DataTypes.StringType, false));
    f.add(DataTypes.createStructField(DATE, DataTypes.StringType, false));
    f.add(DataTypes.createStructField(EPOCH, DataTypes.LongType, false));
    for (String c : layout.columns()) {
      f.add(DataTypes.createStructField(c, DataTypes.FloatType, false));
    }
    for (String e : extras) {
      f.add(DataTypes.createStructField(e, DataTypes.FloatType, true));
    }
    f.add(DataTypes.createStructField(SOURCE, DataTypes.StringType, false));
    return DataTypes.createStructType(f);
  }
}
