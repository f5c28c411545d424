package org.octave2vec.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rint;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code frames} table: one row per kept 125 ms frame, partitioned by sensor and UTC date so a
 * sensor-day can be rewritten alone. Band columns follow the table's {@link BandLayout}; levels are
 * stored as the table's {@link LevelEncoding} (schema 2; schema 1 tables hold float32) and read
 * back as float32 through {@link #read}.
 */
public final class FramesTable {
  public static final String NAME = "frames";
  public static final int SCHEMA_VERSION = 2;
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
    return sensorPartition(sensor) + "/" + DATE + "=" + escape(date);
  }

  /** The directory of one sensor's days: {@code sensor=…}. */
  public static String sensorPartition(String sensor) {
    return SENSOR + "=" + escape(sensor);
  }

  /** Spark escapes these characters in partition directory names. */
  private static String escape(String v) {
    return org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.escapePathName(v);
  }

  /** The schema as read: float32 levels. */
  public static StructType schema(BandLayout layout, List<String> extras) {
    return schema(layout, extras, LevelEncoding.FLOAT32);
  }

  /** The schema as stored in {@code encoding}. */
  public static StructType schema(BandLayout layout, List<String> extras, LevelEncoding encoding) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField(SENSOR, DataTypes.StringType, false));
    f.add(DataTypes.createStructField(DATE, DataTypes.StringType, false));
    f.add(DataTypes.createStructField(EPOCH, DataTypes.LongType, false));
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

  /** The same, for a table whose metadata is not written yet. */
  public static Dataset<Row> levels(
      Dataset<Row> stored, BandLayout layout, List<String> extras, LevelEncoding encoding) {
    if (encoding == LevelEncoding.FLOAT32) {
      return stored;
    }
    return stored.select(convert(stored, layout, extras, true));
  }

  /** Frames with float32 levels as stored in {@code encoding} (their levels fit it). */
  public static Dataset<Row> encoded(
      Dataset<Row> floats, BandLayout layout, List<String> extras, LevelEncoding encoding) {
    if (encoding == LevelEncoding.FLOAT32) {
      return floats;
    }
    return floats.select(convert(floats, layout, extras, false));
  }

  private static Column[] convert(
      Dataset<Row> d, BandLayout layout, List<String> extras, boolean decode) {
    List<String> levels = new ArrayList<>(layout.columns());
    if (extras != null) {
      levels.addAll(extras);
    }
    List<Column> out = new ArrayList<>();
    for (String c : d.columns()) {
      Column v = col("`" + c + "`");
      if (!levels.contains(c)) {
        out.add(v);
      } else if (decode) {
        // one division in double and one rounding to float, as LevelEncoding.level
        out.add(v.cast(DataTypes.DoubleType).divide(100.0).cast(DataTypes.FloatType).as(c));
      } else {
        out.add(
            rint(v.cast(DataTypes.DoubleType).multiply(100.0)).cast(DataTypes.IntegerType).as(c));
      }
    }
    return out.toArray(Column[]::new);
  }

  /**
   * Spark's writer for frames (the overlap repair; ingest tasks write their own files through
   * {@code ingest.FrameFiles}): overwrite, zstd, partitioned by sensor and date; for centi-dB
   * levels, Parquet v2 pages without dictionaries so that integer columns are delta-encoded
   * (consecutive frames of a band differ little), the source file name keeps its dictionary.
   */
  public static DataFrameWriter<Row> writer(Dataset<Row> frames, LevelEncoding encoding) {
    DataFrameWriter<Row> w =
        frames
            .sortWithinPartitions(SENSOR, DATE, EPOCH)
            .write()
            .mode(SaveMode.Overwrite)
            .option("compression", "zstd")
            .partitionBy(SENSOR, DATE);
    if (encoding == LevelEncoding.CENTI_DB) {
      w =
          w.option("parquet.writer.version", "PARQUET_2_0")
              .option("parquet.enable.dictionary", "false")
              .option("parquet.enable.dictionary#" + SOURCE, "true");
    }
    return w;
  }
}
