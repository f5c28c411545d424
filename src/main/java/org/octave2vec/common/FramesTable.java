package org.octave2vec.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rint;
import static org.apache.spark.sql.functions.timestamp_millis;
import static org.apache.spark.sql.functions.unix_millis;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code frames} table: one row per kept 125 ms frame, partitioned by sensor and UTC date so a
 * sensor-day can be rewritten alone. Band columns follow the table's {@link BandLayout}; levels and
 * {@code epoch_ms} are stored as the table's {@link LevelEncoding} (schema 3: DECIMAL(5,2) dB and a
 * UTC TIMESTAMP(MILLIS), or float32; schema 2: centi-dB INT32 or float32 and a bare INT64; schema
 * 1: float32 and INT64) and read back, whichever it is, as float32 levels and long milliseconds
 * through {@link #read} and {@link #levels}: the one place our jobs decode frames.
 */
public final class FramesTable {
  public static final String NAME = "frames";
  public static final int SCHEMA_VERSION = 3;
  public static final String SENSOR = "sensor";
  public static final String DATE = "date";
  public static final String EPOCH = "epoch_ms";
  public static final String SOURCE = "source_file";

  /** Nominal frame period of fast third-octave levels. */
  public static final long PERIOD_MS = 125;

  private FramesTable() {}

  /**
   * The directory of one sensor-day under the table: {@code sensor=…/date=…}, escaped as Spark
   * does.
   */
  public static String partition(String sensor, String date) {
    return TableRoot.join(sensorPartition(sensor), DATE + "=" + escape(date));
  }

  /** The directory of one sensor's days: {@code sensor=…}. */
  public static String sensorPartition(String sensor) {
    return SENSOR + "=" + escape(sensor);
  }

  /** Spark escapes these characters in partition directory names. */
  private static String escape(String v) {
    return org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.escapePathName(v);
  }

  /** The schema as read through {@link #levels}: float32 levels, long epoch milliseconds. */
  public static StructType schema(BandLayout layout, List<String> extras) {
    return schema(layout, extras, LevelEncoding.FLOAT32);
  }

  /** The schema as stored in {@code encoding}. */
  public static StructType schema(BandLayout layout, List<String> extras, LevelEncoding encoding) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField(SENSOR, DataTypes.StringType, false));
    f.add(DataTypes.createStructField(DATE, DataTypes.StringType, false));
    f.add(DataTypes.createStructField(EPOCH, encoding.epochType(), false));
    for (String c : layout.columns()) {
      f.add(DataTypes.createStructField(c, encoding.sparkType(), false));
    }
    for (String e : extras) {
      f.add(DataTypes.createStructField(e, encoding.sparkType(), true));
    }
    f.add(DataTypes.createStructField(SOURCE, DataTypes.StringType, false));
    return DataTypes.createStructType(f);
  }

  /** The frames table under {@code root} with float32 levels, whatever its encoding. */
  public static Dataset<Row> read(SparkSession spark, TableRoot root) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    return levels(spark.read().parquet(root.frames()), FramesMeta.read(conf, root));
  }

  /** Stored frames (any selection of the table's files) with float32 levels. */
  public static Dataset<Row> levels(Dataset<Row> stored, FramesMeta meta) {
    return levels(stored, meta.bandLayout(), meta.extras(), meta.encoding());
  }

  /**
   * The same, for a table whose metadata is not written yet. The stored types decide, column by
   * column (not {@code encoding}), so any encoding reads: INT32 centi-dB, DECIMAL dB or float32
   * levels; an INT64 or TIMESTAMP epoch.
   */
  public static Dataset<Row> levels(
      Dataset<Row> stored, BandLayout layout, List<String> extras, LevelEncoding encoding) {
    List<String> levels = levelColumns(layout, extras);
    List<Column> out = new ArrayList<>();
    boolean changed = false;
    for (StructField f : stored.schema().fields()) {
      Column c = decoded(f.name(), f.dataType(), levels.contains(f.name()));
      changed |= c != null;
      out.add(c != null ? c : col("`" + f.name() + "`"));
    }
    return changed ? stored.select(out.toArray(Column[]::new)) : stored;
  }

  /**
   * A stored frames column as our jobs read it, or null when it already is: a level (INT32 centi-dB
   * or DECIMAL dB) as float32, a TIMESTAMP {@code epoch_ms} as long milliseconds.
   */
  public static Column decoded(String name, DataType stored, boolean level) {
    Column v = col("`" + name + "`");
    if (name.equals(EPOCH) && stored instanceof org.apache.spark.sql.types.TimestampType) {
      return unix_millis(v).as(name);
    }
    if (!level) {
      return null;
    }
    if (stored instanceof org.apache.spark.sql.types.IntegerType) {
      // one division in double and one rounding to float, as LevelEncoding.level
      return v.cast(DataTypes.DoubleType).divide(100.0).cast(DataTypes.FloatType).as(name);
    }
    if (stored instanceof DecimalType) {
      // a decimal becomes the double nearest c / 100, which is what c / 100.0 gives: as above
      return v.cast(DataTypes.DoubleType).cast(DataTypes.FloatType).as(name);
    }
    return null;
  }

  /** Frames with float32 levels and long epochs as stored in {@code encoding} (levels fit it). */
  public static Dataset<Row> encoded(
      Dataset<Row> floats, BandLayout layout, List<String> extras, LevelEncoding encoding) {
    if (encoding == LevelEncoding.FLOAT32) {
      return floats;
    }
    List<String> levels = levelColumns(layout, extras);
    List<Column> out = new ArrayList<>();
    for (String c : floats.columns()) {
      Column v = col("`" + c + "`");
      if (c.equals(EPOCH) && encoding.timestamps()) {
        out.add(timestamp_millis(v).as(c));
      } else if (!levels.contains(c) || !encoding.centi()) {
        out.add(v);
      } else {
        Column centi =
            rint(v.cast(DataTypes.DoubleType).multiply(100.0)).cast(DataTypes.IntegerType);
        // the unscaled value is the centi-dB integer: exact in any Spark version's rounding
        out.add(
            (encoding == LevelEncoding.DECIMAL_DB
                    ? centi
                        .cast(DataTypes.createDecimalType(LevelEncoding.PRECISION + 2, 0))
                        .divide(100)
                        .cast(LevelEncoding.decimalType())
                    : centi)
                .as(c));
      }
    }
    return floats.select(out.toArray(Column[]::new));
  }

  private static List<String> levelColumns(BandLayout layout, List<String> extras) {
    List<String> levels = new ArrayList<>(layout.columns());
    if (extras != null) {
      levels.addAll(extras);
    }
    return levels;
  }

  /**
   * Spark's writer for frames (the overlap repair; ingest tasks write their own files through
   * {@code ingest.FrameFiles}): overwrite, zstd, partitioned by sensor and date; for centi-dB
   * levels, Parquet v2 pages without dictionaries so that integer columns are delta-encoded
   * (consecutive frames of a band differ little), the source file name keeps its dictionary. For
   * schema 3 encodings it sets the session's Parquet output to TIMESTAMP_MILLIS timestamps (Spark's
   * default is INT96) and non-legacy decimals (DECIMAL(5,2) on INT32), as {@code FrameFiles}
   * writes.
   */
  public static DataFrameWriter<Row> writer(Dataset<Row> frames, LevelEncoding encoding) {
    if (encoding.timestamps()) {
      var conf = frames.sparkSession().conf();
      conf.set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MILLIS");
      conf.set("spark.sql.parquet.writeLegacyFormat", "false");
    }
    DataFrameWriter<Row> w =
        frames
            .sortWithinPartitions(SENSOR, DATE, EPOCH)
            .write()
            .mode(SaveMode.Overwrite)
            .option("compression", "zstd")
            .partitionBy(SENSOR, DATE);
    if (encoding.centi()) {
      w =
          w.option("parquet.writer.version", "PARQUET_2_0")
              .option("parquet.enable.dictionary", "false")
              .option("parquet.enable.dictionary#" + SOURCE, "true");
    }
    return w;
  }
}
