package org.octave2vec.nightly;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.octave2vec.common.FramesMeta;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.RunsTable;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.ingest.Continuity;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;

/**
 * Slices after some sensor-days changed. A slice is a function of its run's frames, its run index
 * and the options (split labels depend only on sensor and time), so a run whose bounds and frame
 * count are those of an old run and that touches no rebuilt sensor-day keeps its old slices — with
 * its new run index, when deleting or inserting a day renumbered the sensor's runs. Every other
 * run, including one that crosses midnight into a rebuilt day, is cut again from the new frames.
 *
 * <p>The {@code slices} table is not partitioned (training reads it whole), so the new table is
 * written in full: the kept slices are copied, only the changed runs are computed. Samples are then
 * drawn again from all slices: their order is a seeded shuffle dealt to workers across the whole
 * split, so a new run changes which worker reads which sample everywhere.
 */
final class SliceRefresh {
  private SliceRefresh() {}

  record Result(
      boolean rebuilt, long runsRecut, long slices, long slicesRecut, Map<String, Long> samples) {}

  private static final StructType RUN_KEY =
      new StructType()
          .add(RunsTable.SENSOR, DataTypes.StringType, false)
          .add(RunsTable.RUN_INDEX, DataTypes.IntegerType, false);

  private static final StructType RENUMBER =
      new StructType()
          .add("m_sensor", DataTypes.StringType, false)
          .add("m_old", DataTypes.IntegerType, false)
          .add("m_new", DataTypes.IntegerType, false);

  static Result run(
      SparkSession spark,
      NightlyOptions o,
      String root,
      String ingestDir,
      String t,
      Set<DayKey> rebuilt,
      List<Continuity.Run> runs,
      FramesMeta framesMeta,
      Instant started)
      throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Plan plan = plan(SliceJob.readRuns(spark, TableRoot.of(root).runs()), runs, rebuilt);
    if (plan.same() && Tables.exists(conf, TableRoot.of(root).slices())) {
      return new Result(
          false, 0, SlicesMeta.read(conf, TableRoot.of(root).slices()).rows(), 0, Map.of());
    }
    SliceOptions so = SliceJob.forTable(o.slice(), framesMeta);
    List<String> bandCols = framesMeta.bandLayout().columns();
    Dataset<Row> kept = renumbered(spark, root, plan.renumber());
    Dataset<Row> cut =
        plan.dirty().isEmpty()
            ? spark.createDataFrame(List.of(), SlicesTable.SCHEMA)
            : SliceJob.cut(
                spark,
                frames(spark, root, ingestDir, rebuilt, plan.dirtyDays(), framesMeta),
                plan.runRows(),
                spark.createDataFrame(plan.dirty(), RUN_KEY),
                bandCols,
                so);
    String out = TableRoot.of(t).slices();
    SliceJob.write(kept.unionByName(cut), out);
    SliceJob.Report rep =
        SliceJob.finish(
            spark,
            out,
            TableRoot.of(t).normStats(),
            plan.runRows(),
            framesMeta,
            so,
            List.of(TableRoot.of(root).frames(), TableRoot.of(root).runs()),
            started);
    long keptCount = kept.count();
    Map<String, Long> samples = new TreeMap<>();
    for (SampleOptions s : o.samples()) {
      samples.put(s.task().id(), FullBuild.total(FullBuild.draw(spark, t, s, o).kept()));
    }
    return new Result(true, plan.dirty().size(), rep.slices(), rep.slices() - keptCount, samples);
  }

  /**
   * Which runs keep their slices (same bounds, no rebuilt day: renumbered rows of sensor, old and
   * new index) and which are cut again (dirty, with the sensor-days they span); {@code same} when
   * nothing changed at all.
   */
  private record Plan(
      List<Row> renumber,
      List<Row> dirty,
      List<Row> runRows,
      Set<DayKey> dirtyDays,
      boolean same) {}

  private static Plan plan(List<Row> oldRuns, List<Continuity.Run> runs, Set<DayKey> rebuilt) {
    Map<String, Integer> oldByBounds = new HashMap<>();
    for (Row r : oldRuns) {
      oldByBounds.put(
          bounds(
              r.getString(RunsTable.SPAN_SENSOR),
              r.getLong(RunsTable.SPAN_FIRST),
              r.getLong(RunsTable.SPAN_LAST),
              r.getLong(RunsTable.SPAN_FRAMES)),
          r.getInt(RunsTable.SPAN_RUN_INDEX));
    }
    List<Row> renumber = new ArrayList<>();
    List<Row> dirty = new ArrayList<>();
    List<Row> runRows = new ArrayList<>();
    Set<DayKey> dirtyDays = new TreeSet<>();
    boolean same = oldByBounds.size() == runs.size();
    for (Continuity.Run r : runs) {
      runRows.add(RowFactory.create(r.sensor(), r.runIndex(), r.firstMs(), r.lastMs(), r.frames()));
      Integer old = oldByBounds.get(bounds(r.sensor(), r.firstMs(), r.lastMs(), r.frames()));
      List<DayKey> span = DayKey.span(r.sensor(), r.firstMs(), r.lastMs());
      if (old != null && span.stream().noneMatch(rebuilt::contains)) {
        renumber.add(RowFactory.create(r.sensor(), old, r.runIndex()));
        same &= old == r.runIndex();
      } else {
        dirty.add(RowFactory.create(r.sensor(), r.runIndex()));
        dirtyDays.addAll(span);
        same = false;
      }
    }
    return new Plan(renumber, dirty, runRows, dirtyDays, same);
  }

  /** The kept runs' slices from the live table, under their new run indices. */
  private static Dataset<Row> renumbered(SparkSession spark, String root, List<Row> renumber) {
    Dataset<Row> slices = spark.read().parquet(TableRoot.of(root).slices());
    Dataset<Row> map = spark.createDataFrame(renumber, RENUMBER);
    return slices
        .join(
            broadcast(map),
            slices
                .col(SlicesTable.SENSOR)
                .equalTo(map.col("m_sensor"))
                .and(slices.col(SlicesTable.RUN_INDEX).equalTo(map.col("m_old"))))
        .select(
            col(SlicesTable.SENSOR),
            col("m_new").as(SlicesTable.RUN_INDEX),
            col(SlicesTable.SLICE_INDEX),
            col(SlicesTable.START),
            col(SlicesTable.SPLIT),
            col(SlicesTable.LEVELS));
  }

  /**
   * The new frames of the given sensor-days: rebuilt ones from staging, the others from the table.
   */
  private static Dataset<Row> frames(
      SparkSession spark,
      String root,
      String ingestDir,
      Set<DayKey> rebuilt,
      Set<DayKey> days,
      FramesMeta framesMeta)
      throws IOException {
    List<String> bandCols = framesMeta.bandLayout().columns();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<String> staged = new ArrayList<>();
    List<String> live = new ArrayList<>();
    for (DayKey k : days) {
      String part = TableRoot.join(Tables.FRAMES, k.partition());
      if (rebuilt.contains(k)) {
        if (Tables.exists(conf, TableRoot.join(ingestDir, part))) {
          staged.add(TableRoot.join(ingestDir, part));
        }
      } else {
        live.add(TableRoot.join(root, part));
      }
    }
    List<Column> cols = new ArrayList<>(List.of(col(FramesTable.SENSOR), col(FramesTable.EPOCH)));
    bandCols.forEach(c -> cols.add(col("`" + c + "`")));
    Column[] sel = cols.toArray(Column[]::new);
    Dataset<Row> out = null;
    if (!staged.isEmpty()) {
      out =
          spark
              .read()
              .option("basePath", TableRoot.of(ingestDir).frames())
              .parquet(staged.toArray(String[]::new));
      out = FramesTable.levels(out, framesMeta).select(sel);
    }
    if (!live.isEmpty()) {
      Dataset<Row> l =
          FramesTable.levels(
                  spark
                      .read()
                      .option("basePath", TableRoot.of(root).frames())
                      .parquet(live.toArray(String[]::new)),
                  framesMeta)
              .select(sel);
      out = out == null ? l : out.unionByName(l);
    }
    if (out == null) {
      throw new IllegalStateException("runs to cut but no frames partitions for " + days);
    }
    return out;
  }

  private static String bounds(String sensor, long first, long last, long frames) {
    return sensor + "\u0000" + first + "\u0000" + last + "\u0000" + frames;
  }
}
