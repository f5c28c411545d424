package org.octave2vec.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.LevelEncoding;
import org.octave2vec.common.QuarantineTable;
import org.octave2vec.common.Rows;

/**
 * The rare path: when two sources of one sensor overlap in time, duplicates may sit in different
 * files and segments may interleave. For those sensors only, the written frames are read back,
 * shuffled by sensor-day, sorted by epoch (ties: source file), checked again, and their sensor
 * directories replaced.
 */
final class OverlapRepair {
  private OverlapRepair() {}

  /** What the repair found for the repaired sensors: replaces their per-source results. */
  record Result(
      List<Row> duplicates, List<Continuity.Segment> segments, List<TaskSide.DayHealth> days) {}

  /** Sensors with two sources whose [first, last] epochs overlap (touching counts: same epoch). */
  static Set<String> overlapping(Collection<TaskSide.SourceRange> ranges) {
    Map<String, List<TaskSide.SourceRange>> bySensor = new TreeMap<>();
    for (TaskSide.SourceRange r : ranges) {
      bySensor.computeIfAbsent(r.sensor(), k -> new ArrayList<>()).add(r);
    }
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, List<TaskSide.SourceRange>> e : bySensor.entrySet()) {
      List<TaskSide.SourceRange> l = e.getValue();
      l.sort((a, b) -> Long.compare(a.firstMs(), b.firstMs()));
      long maxLast = Long.MIN_VALUE;
      for (TaskSide.SourceRange r : l) {
        if (r.firstMs() <= maxLast) {
          out.add(e.getKey());
          break;
        }
        maxLast = Math.max(maxLast, r.lastMs());
      }
    }
    return out;
  }

  static Result run(
      SparkSession spark,
      Set<String> sensors,
      String framesDir,
      String workDir,
      BandLayout layout,
      List<String> extras,
      long periodMs,
      long toleranceMs,
      LevelEncoding encoding)
      throws IOException {
    IngestRows rows = new IngestRows(layout.size(), extras.size());
    StructType schema = IngestRows.schema(layout, extras);
    Dataset<Row> stored =
        spark
            .read()
            .schema(FramesTable.schema(layout, extras, encoding))
            .parquet(framesDir)
            .filter(col(FramesTable.SENSOR).isin(sensors.toArray()));
    Dataset<Row> checked =
        FramesTable.levels(stored, layout, extras, encoding)
            .select(checkedColumns(layout, extras))
            .repartition(col(FramesTable.SENSOR), col(FramesTable.DATE))
            .sortWithinPartitions(
                FramesTable.SENSOR, FramesTable.DATE, FramesTable.EPOCH, FramesTable.SOURCE)
            .mapPartitions(
                IngestJob.checkContinuity(rows, layout.size(), periodMs, toleranceMs),
                Encoders.row(schema))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      writeFrames(checked, layout, extras, encoding, workDir);
      List<Row> dups = duplicates(checked);
      List<Continuity.Segment> segs = segments(checked);
      List<TaskSide.DayHealth> days = dayHealth(checked);
      replaceSensors(spark.sparkContext().hadoopConfiguration(), sensors, framesDir, workDir);
      return new Result(dups, segs, days);
    } finally {
      checked.unpersist();
    }
  }

  /** Stored frames as rows of the ingest row schema, so the continuity check can run on them. */
  private static Column[] checkedColumns(BandLayout layout, List<String> extras) {
    List<Column> cols = new ArrayList<>();
    cols.add(lit(IngestRows.FRAME).as(IngestRows.KIND));
    for (String c : IngestRows.frameColumns(layout, extras)) {
      cols.add(col("`" + c + "`"));
    }
    // lines are not stored in frames; ties break by file name
    cols.add(lit(0L).as(QuarantineTable.LINE));
    for (String c : List.of(QuarantineTable.REASON, QuarantineTable.MESSAGE, QuarantineTable.RAW)) {
      cols.add(lit(null).cast(DataTypes.StringType).as(c));
    }
    cols.add(
        lit(null).cast(DataTypes.createArrayType(DataTypes.LongType, false)).as(IngestRows.LONGS));
    cols.add(
        lit(null)
            .cast(DataTypes.createArrayType(DataTypes.FloatType, false))
            .as(IngestRows.FLOATS));
    return cols.toArray(Column[]::new);
  }

  /** Writes the checked frames of the repaired sensors under workDir, partitioned as frames are. */
  private static void writeFrames(
      Dataset<Row> checked,
      BandLayout layout,
      List<String> extras,
      LevelEncoding encoding,
      String workDir) {
    Dataset<Row> frames =
        checked
            .filter(col(IngestRows.KIND).equalTo(IngestRows.FRAME))
            .select(
                IngestRows.frameColumns(layout, extras).stream()
                    .map(c -> col("`" + c + "`"))
                    .toArray(Column[]::new));
    FramesTable.writer(FramesTable.encoded(frames, layout, extras, encoding), encoding)
        .parquet(workDir);
  }

  /** The duplicates found, as reject rows (line 0: lines are not stored in frames). */
  private static List<Row> duplicates(Dataset<Row> checked) {
    List<Row> dups = new ArrayList<>();
    for (Row r :
        checked
            .filter(col(IngestRows.KIND).equalTo(IngestRows.REJECT))
            .select(
                QuarantineTable.SOURCE,
                QuarantineTable.SENSOR,
                QuarantineTable.MESSAGE,
                QuarantineTable.RAW)
            .collectAsList()) {
      dups.add(
          RowFactory.create(
              r.getString(r.fieldIndex(QuarantineTable.SOURCE)),
              0L,
              r.getString(r.fieldIndex(QuarantineTable.SENSOR)),
              Reason.DUPLICATE.code(),
              false,
              r.getString(r.fieldIndex(QuarantineTable.MESSAGE)),
              r.getString(r.fieldIndex(QuarantineTable.RAW))));
    }
    return dups;
  }

  private static List<Continuity.Segment> segments(Dataset<Row> checked) {
    List<Continuity.Segment> segs = new ArrayList<>();
    for (Row r :
        checked
            .filter(col(IngestRows.KIND).equalTo(IngestRows.SEGMENT))
            .select(FramesTable.SENSOR, IngestRows.LONGS)
            .collectAsList()) {
      List<Long> l = r.getList(r.fieldIndex(IngestRows.LONGS));
      segs.add(
          new Continuity.Segment(
              r.getString(r.fieldIndex(FramesTable.SENSOR)), l.get(0), l.get(1), l.get(2)));
    }
    return segs;
  }

  private static List<TaskSide.DayHealth> dayHealth(Dataset<Row> checked) {
    List<TaskSide.DayHealth> days = new ArrayList<>();
    for (Row r :
        checked
            .filter(col(IngestRows.KIND).equalTo(IngestRows.HEALTH))
            .select(FramesTable.SENSOR, FramesTable.DATE, IngestRows.LONGS, IngestRows.FLOATS)
            .collectAsList()) {
      List<Long> l = r.getList(r.fieldIndex(IngestRows.LONGS));
      List<Float> f = r.getList(r.fieldIndex(IngestRows.FLOATS));
      days.add(
          new TaskSide.DayHealth(
              r.getString(r.fieldIndex(FramesTable.SENSOR)),
              r.getString(r.fieldIndex(FramesTable.DATE)),
              l.stream().mapToLong(Long::longValue).toArray(),
              Rows.floats(f)));
    }
    return days;
  }

  private static void replaceSensors(
      Configuration conf, Set<String> sensors, String framesDir, String workDir)
      throws IOException {
    FileSystem fs = new Path(framesDir).getFileSystem(conf);
    for (String s : sensors) {
      String part = FramesTable.sensorPartition(s);
      Path target = new Path(framesDir, part);
      fs.delete(target, true);
      if (!fs.rename(new Path(workDir, part), target)) {
        throw new IOException("cannot move repaired frames of " + s + " into " + target);
      }
    }
  }
}
