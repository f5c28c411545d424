package org.octave2vec.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.octave2vec.common.FramesMeta;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.HadoopConf;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.UserException;
import org.octave2vec.ingest.SensorIdRule;

/**
 * The {@code export-csv} job: any {@code frames} table back to SpecCense-style CSV, one gzip file
 * per sensor and UTC day ({@code OUT/<sensor>/<yyyy-MM-dd>.csv.gz}, header {@code
 * epoch,Fast_20,…}), so recordings turned into frames become sensor-like archives. Levels are
 * written with {@link Float#toString}, the shortest text that parses back to the same float:
 * ingesting the export gives the same frames.
 */
public final class ExportCsvJob {
  private ExportCsvJob() {}

  /** Files written and rows in them. */
  public record Report(long files, long rows) {}

  /** The columns of what each task reports: a file written and its rows. */
  private static final String FILE = "file";

  private static final String ROWS = "rows";

  /** An extra column's count of values. */
  private static String countOf(String extra) {
    return "count_" + extra;
  }

  public static Report run(SparkSession spark, String tables, String out) {
    TableRoot root = TableRoot.of(tables);
    FramesMeta meta = FramesMeta.read(spark.sparkContext().hadoopConfiguration(), root);
    List<String> headers = meta.bandLayout().headers();
    List<String> columns = meta.bandLayout().columns();
    List<String> extras = meta.extras() == null ? List.of() : meta.extras();
    var frames = FramesTable.levels(spark.read().parquet(root.frames()), meta);
    // keep only extras that hold values: an all-null column would read back as empty fields
    List<String> kept = new ArrayList<>();
    if (!extras.isEmpty()) {
      Row counts =
          frames
              .agg(
                  count(col(extras.get(0))).as(countOf(extras.get(0))),
                  extras.stream()
                      .skip(1)
                      .map(e -> count(col(e)).as(countOf(e)))
                      .toArray(Column[]::new))
              .first();
      for (int i = 0; i < extras.size(); i++) {
        if (counts.getLong(counts.fieldIndex(countOf(extras.get(i)))) > 0) {
          kept.add(extras.get(i));
        }
      }
    }
    List<Column> select =
        new ArrayList<>(
            List.of(col(FramesTable.SENSOR), col(FramesTable.DATE), col(FramesTable.EPOCH)));
    columns.forEach(c -> select.add(col("`" + c + "`")));
    kept.forEach(c -> select.add(col("`" + c + "`")));
    String header =
        "epoch," + String.join(",", headers) + (kept.isEmpty() ? "" : "," + String.join(",", kept));
    StructType result =
        new StructType().add(FILE, DataTypes.StringType).add(ROWS, DataTypes.LongType);
    HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    // before anything is written: a bad id in the table must not name a path outside out
    for (Row r :
        frames
            .select(
                col(FramesTable.SENSOR),
                col(FramesTable.DATE).cast(DataTypes.StringType).as(FramesTable.DATE))
            .distinct()
            .collectAsList()) {
      relativeFile(r.get(r.fieldIndex(FramesTable.SENSOR)), r.get(r.fieldIndex(FramesTable.DATE)));
    }
    Dataset<Row> selected =
        frames
            .select(select.toArray(Column[]::new))
            .withColumn(FramesTable.DATE, col(FramesTable.DATE).cast(DataTypes.StringType));
    List<Row> written =
        selected
            .repartition(col(FramesTable.SENSOR), col(FramesTable.DATE))
            .sortWithinPartitions(FramesTable.SENSOR, FramesTable.DATE, FramesTable.EPOCH)
            .mapPartitions(
                write(conf, out, header, columns.size() + kept.size(), selected.schema(), columns),
                Encoders.row(result))
            .collectAsList();
    return new Report(
        written.size(), written.stream().mapToLong(r -> r.getLong(r.fieldIndex(ROWS))).sum());
  }

  /**
   * {@code <sensor>/<yyyy-MM-dd>.csv.gz}, the file of one sensor-day under the output; a sensor id
   * or date that would name any other path (such as {@code ..}) is refused with a user error.
   */
  static String relativeFile(Object sensor, Object date) {
    String s = String.valueOf(sensor);
    String d = String.valueOf(date);
    String bad = sensor == null ? "sensor id is null" : SensorIdRule.invalid(s);
    if (bad == null && (date == null || !d.matches("\\d{4}-\\d{2}-\\d{2}"))) {
      bad = "date '" + d + "' is not yyyy-MM-dd";
    }
    if (bad == null) {
      // the checks above already exclude this; resolving is the last guard
      java.nio.file.Path rel = java.nio.file.Path.of(s, d + ".csv.gz").normalize();
      if (rel.isAbsolute() || rel.getNameCount() != 2 || rel.startsWith("..")) {
        bad = "sensor id '" + s + "' resolves outside the output";
      }
    }
    if (bad != null) {
      throw new UserException(
          "export-csv: the frames table holds a sensor-day that would be written outside --output ("
              + bad
              + "); nothing written");
    }
    return TableRoot.join(s, d + ".csv.gz");
  }

  private static MapPartitionsFunction<Row, Row> write(
      HadoopConf conf, String out, String header, int values, StructType in, List<String> columns) {
    int sensor = in.fieldIndex(FramesTable.SENSOR);
    int date = in.fieldIndex(FramesTable.DATE);
    int epoch = in.fieldIndex(FramesTable.EPOCH);
    // the band columns, then the kept extras
    int first = in.fieldIndex(columns.get(0));
    return it -> {
      List<Row> done = new ArrayList<>();
      Writer w = null;
      String key = null;
      String file = null;
      long rows = 0;
      StringBuilder sb = new StringBuilder(512);
      while (it.hasNext()) {
        Row r = it.next();
        String k = relativeFile(r.getString(sensor), r.getString(date));
        if (!k.equals(key)) {
          if (w != null) {
            w.close();
            done.add(RowFactory.create(file, rows));
          }
          key = k;
          file = TableRoot.join(out, k);
          Path p = new Path(file);
          OutputStream os =
              new GZIPOutputStream(p.getFileSystem(conf.get()).create(p, true), 1 << 16);
          w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
          w.write(header);
          w.write('\n');
          rows = 0;
        }
        sb.setLength(0);
        sb.append(r.getLong(epoch));
        for (int i = 0; i < values; i++) {
          sb.append(',');
          if (!r.isNullAt(first + i)) {
            sb.append(r.getFloat(first + i));
          }
        }
        sb.append('\n');
        w.write(sb.toString());
        rows++;
      }
      if (w != null) {
        w.close();
        done.add(RowFactory.create(file, rows));
      }
      return done.iterator();
    };
  }
}
