package org.octave2vec.slices;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.octave2vec.common.Choice;
import org.octave2vec.common.FramesMeta;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.Rows;
import org.octave2vec.common.RunsTable;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableLock;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code slice} job: {@code frames} + {@code runs} → {@code slices} and the train split's
 * per-band statistics. Frames are tagged with their run (runs are broadcast: one small sorted array
 * per sensor), grouped by run, sorted by epoch and cut by {@link Slicer.Cutter}, so no slice ever
 * crosses a gap. Split labels come from {@link Splitter}, a pure function of sensor, time and seed.
 */
public final class SliceJob {
  private static final Logger LOG = LoggerFactory.getLogger(SliceJob.class);

  private SliceJob() {}

  /** What a slice run did; {@code framesIn == framesSliced + framesUnused}. */
  public record Report(
      long framesIn,
      long framesSliced,
      long framesUnused,
      long runs,
      long runsTooShort,
      Map<String, Long> slicesBySplit,
      long slices,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
          List<Choice> chosen) {
    public boolean invariantHolds() {
      return framesIn == framesSliced + framesUnused;
    }

    /** The same report with the defaults chosen from the data. */
    Report withChosen(List<Choice> c) {
      return new Report(
          framesIn, framesSliced, framesUnused, runs, runsTooShort, slicesBySplit, slices, c);
    }

    public String summary() {
      return Choice.lines("slice", chosen == null ? List.of() : chosen)
          + String.format(
              java.util.Locale.ROOT,
              "slice: %,d frames in = %,d sliced + %,d unused [%s]; %,d runs (%,d too short); %,d slices %s%n",
              framesIn,
              framesSliced,
              framesUnused,
              invariantHolds() ? "OK" : "BROKEN",
              runs,
              runsTooShort,
              slices,
              slicesBySplit);
    }
  }

  /**
   * Reads {@code tables}/frames and runs, writes {@code tables}/slices and norm_stats.json, holding
   * the table root's {@link TableLock}.
   */
  public static Report run(SparkSession spark, String tables, SliceOptions requested) {
    return run(spark, tables, requested, Set.of());
  }

  /**
   * As {@link #run(SparkSession, String, SliceOptions)}, with the options named in {@code unset}
   * ({@link SlicePlan}'s names) chosen from the runs' shape and recorded.
   */
  public static Report run(
      SparkSession spark, String tables, SliceOptions requested, Set<String> unset) {
    try (TableLock lock =
        TableLock.acquire(spark.sparkContext().hadoopConfiguration(), tables, "slice")) {
      return cutAndSave(spark, tables, requested, unset);
    }
  }

  private static Report cutAndSave(
      SparkSession spark, String tables, SliceOptions requested, Set<String> unset) {
    Instant started = Instant.now();
    requested.validate();
    TableRoot root = TableRoot.of(tables);
    FramesMeta frames = FramesMeta.read(spark.sparkContext().hadoopConfiguration(), root);
    List<Row> runs = readRuns(spark, root.runs());
    SlicePlan.Plan plan = SlicePlan.choose(forTable(requested, frames), unset, spans(runs));
    SliceOptions o = plan.options();
    LOG.info(
        "slice: cutting {} runs into slices of {} frames (hop {}) → {}",
        runs.size(),
        o.width(),
        o.hop(),
        root.slices());
    write(
        cut(
            spark,
            FramesTable.levels(spark.read().parquet(root.frames()), frames),
            runs,
            null,
            frames.bandLayout().columns(),
            o),
        root.slices());
    return finish(
        spark,
        root.slices(),
        root.normStats(),
        runs,
        frames,
        o,
        List.of(root.frames(), root.runs()),
        started,
        plan.chosen());
  }

  /** The runs as {@link SlicePlan} reads them. */
  static List<SlicePlan.RunSpan> spans(List<Row> runs) {
    return runs.stream()
        .map(
            r ->
                new SlicePlan.RunSpan(
                    r.getString(RunsTable.SPAN_SENSOR),
                    r.getLong(RunsTable.SPAN_FIRST),
                    r.getLong(RunsTable.SPAN_LAST),
                    r.getLong(RunsTable.SPAN_FRAMES)))
        .toList();
  }

  /**
   * The options with the frame period of the table (125 ms third-octaves, 10 ms log-mel), never
   * assumed.
   */
  public static SliceOptions forTable(SliceOptions requested, FramesMeta frames) {
    return requested.withFramePeriod(frames.framePeriodMs());
  }

  /** The runs as rows (sensor, run_index, first_epoch_ms, last_epoch_ms, frame_count). */
  public static List<Row> readRuns(SparkSession spark, String runsDir) {
    return spark.read().parquet(runsDir).selectExpr(RunsTable.SPAN.fieldNames()).collectAsList();
  }

  /**
   * Frames (at least sensor, epoch_ms and the band columns) → slices of the {@code runs} they lie
   * in. Every frame must lie in one of {@code runs}; with {@code onlyRuns} (rows of sensor,
   * run_index), frames of other runs are dropped after tagging, so only those runs are cut.
   */
  public static Dataset<Row> cut(
      SparkSession spark,
      Dataset<Row> frames,
      List<Row> runs,
      Dataset<Row> onlyRuns,
      List<String> bandCols,
      SliceOptions o) {
    int nb = bandCols.size();
    Broadcast<Map<String, long[][]>> bRuns =
        spark
            .sparkContext()
            .broadcast(indexRuns(runs), scala.reflect.ClassTag$.MODULE$.apply(Map.class));
    List<Column> cols = new ArrayList<>(List.of(col(FramesTable.SENSOR), col(FramesTable.EPOCH)));
    bandCols.forEach(c -> cols.add(col("`" + c + "`")));
    Dataset<Row> selected = frames.select(cols.toArray(Column[]::new));
    Dataset<Row> t =
        selected.mapPartitions(
            tagRuns(bRuns, nb, selected.schema(), bandCols.get(0)), Encoders.row(TAGGED));
    if (onlyRuns != null) {
      Dataset<Row> k =
          onlyRuns.select(
              col(RunsTable.SENSOR).as("k_sensor"), col(RunsTable.RUN_INDEX).as("k_run"));
      t =
          t.join(
              broadcast(k),
              t.col(FramesTable.SENSOR)
                  .equalTo(k.col("k_sensor"))
                  .and(t.col(RunsTable.RUN_INDEX).equalTo(k.col("k_run"))),
              "left_semi");
    }
    return cutInChunks(spark, t, runs, nb, o);
  }

  /**
   * Cuts tagged frames (sensor, run_index, epoch_ms, bands) range-partitioned by (sensor, run,
   * time), so a long run is cut by several tasks: each partition learns its frame offset in its
   * first run and the W − 1 frames after its end ({@link RunChunks}, from one pass over the sorted
   * partitions), and cuts the slices that start in it with their indices in the whole run.
   */
  static Dataset<Row> cutInChunks(
      SparkSession spark, Dataset<Row> tagged, List<Row> runs, int nb, SliceOptions o) {
    int parts = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    // one RDD for both passes: the second reuses the first's shuffle
    JavaRDD<Row> sorted =
        tagged
            .repartitionByRange(
                parts, col(FramesTable.SENSOR), col(RunsTable.RUN_INDEX), col(FramesTable.EPOCH))
            .sortWithinPartitions(FramesTable.SENSOR, RunsTable.RUN_INDEX, FramesTable.EPOCH)
            .javaRDD();
    int w = o.width();
    List<RunChunks.Summary> summaries =
        sorted
            .mapPartitions(
                it -> {
                  RunChunks.Summarizer z = new RunChunks.Summarizer(w);
                  while (it.hasNext()) {
                    Row r = it.next();
                    z.add(
                        RunChunks.key(r.getString(T_SENSOR), r.getInt(T_RUN_INDEX)),
                        Rows.floats(r.getList(T_BANDS)));
                  }
                  return List.of(z.summary()).iterator();
                })
            .collect();
    RunChunks chunks = RunChunks.of(summaries, w);
    Map<String, long[]> firstAndFrames = new HashMap<>();
    for (Row r : runs) {
      firstAndFrames.put(
          RunChunks.key(r.getString(RunsTable.SPAN_SENSOR), r.getInt(RunsTable.SPAN_RUN_INDEX)),
          new long[] {r.getLong(RunsTable.SPAN_FIRST), r.getLong(RunsTable.SPAN_FRAMES)});
    }
    Broadcast<Map<String, long[]>> bRuns =
        spark
            .sparkContext()
            .broadcast(firstAndFrames, scala.reflect.ClassTag$.MODULE$.apply(Map.class));
    JavaRDD<Row> slices =
        sorted.mapPartitionsWithIndex(
            (p, it) -> cutPartition(it, chunks.offset(p), chunks.halo(p), bRuns.value(), nb, o),
            true);
    return spark.createDataFrame(slices, SlicesTable.SCHEMA);
  }

  /**
   * One partition's slices: its first run's cutter starts at {@code offset}, every later run at 0;
   * after its last frame, {@code halo} completes the slices that start in it.
   */
  private static Iterator<Row> cutPartition(
      Iterator<Row> it,
      long offset,
      List<float[]> halo,
      Map<String, long[]> runs,
      int nb,
      SliceOptions o) {
    List<Row> out = new ArrayList<>();
    return new Iterator<Row>() {
      private Slicer.Cutter cutter;
      private String run;
      private int pos;
      private boolean haloDone;

      @Override
      public boolean hasNext() {
        while (pos == out.size() && (it.hasNext() || !haloDone)) {
          out.clear();
          pos = 0;
          if (!it.hasNext()) {
            haloDone = true;
            if (cutter != null) {
              for (float[] f : halo) {
                emit(cutter.offer(f));
              }
            }
            continue;
          }
          Row r = it.next();
          String s = r.getString(T_SENSOR);
          int ri = r.getInt(T_RUN_INDEX);
          String key = RunChunks.key(s, ri);
          if (!key.equals(run)) {
            long[] fr = runs.get(key);
            if (fr == null) {
              throw new IllegalStateException(
                  "frames of sensor " + s + " run " + ri + " but no such run");
            }
            cutter = new Slicer.Cutter(s, ri, fr[0], nb, o, cutter == null ? offset : 0, fr[1]);
            run = key;
          }
          emit(cutter.offer(Rows.floats(r.getList(T_BANDS))));
        }
        return pos < out.size();
      }

      private void emit(List<Slice> slices) {
        for (Slice sl : slices) {
          out.add(
              RowFactory.create(
                  sl.sensor(),
                  sl.runIndex(),
                  sl.sliceIndex(),
                  sl.startEpochMs(),
                  Splitter.label(sl.sensor(), sl.startEpochMs(), sl.endEpochMs(o), o),
                  sl.levels()));
        }
      }

      @Override
      public Row next() {
        return out.get(pos++);
      }
    };
  }

  /**
   * Parquet row groups of the slices table: a reader holds a whole row group per task, and 128 MB
   * (Parquet's default) of wide slices did not fit a 512 MB driver reading with two tasks
   * (measured); 32 MB groups still read at full speed.
   */
  public static final long ROW_GROUP_BYTES = 32L << 20;

  /**
   * Writes slices as the {@code slices} table does: zstd, row groups of {@link #ROW_GROUP_BYTES},
   * each file sorted by split, then sensor, run, slice. Split first so that a reader of one split
   * (train's join reads train, then val) skips the other splits' row groups and pages by their
   * statistics instead of decoding their levels: time-block splits interleave along a run.
   */
  public static void write(Dataset<Row> slices, String out) {
    slices
        .sortWithinPartitions(
            SlicesTable.SPLIT, SlicesTable.SENSOR, SlicesTable.RUN_INDEX, SlicesTable.SLICE_INDEX)
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", "zstd")
        .option("parquet.block.size", ROW_GROUP_BYTES)
        .parquet(out);
  }

  /**
   * After a slices table is written at {@code out}: counts per split, the train split's band
   * statistics (to {@code normStatsPath}), the table's metadata and the frame accounting over
   * {@code runs} (all runs the table was cut from).
   */
  public static Report finish(
      SparkSession spark,
      String out,
      String normStatsPath,
      List<Row> runs,
      FramesMeta frames,
      SliceOptions o,
      List<String> inputs,
      Instant started) {
    return finish(spark, out, normStatsPath, runs, frames, o, inputs, started, List.of());
  }

  /** As above, recording the defaults {@code chosen} from the data in the table's provenance. */
  public static Report finish(
      SparkSession spark,
      String out,
      String normStatsPath,
      List<Row> runs,
      FramesMeta frames,
      SliceOptions o,
      List<String> inputs,
      Instant started,
      List<Choice> chosen) {
    Dataset<Row> written = spark.read().parquet(out);
    Map<String, Long> bySplit = new TreeMap<>();
    for (Row r : written.groupBy(SlicesTable.SPLIT).count().collectAsList()) {
      bySplit.put(r.getString(r.fieldIndex(SlicesTable.SPLIT)), Rows.count(r));
    }
    Report rep = account(runs, bySplit, o).withChosen(chosen);
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Provenance prov = Provenance.of("slice", o, inputs, started, chosen);
    try {
      SlicesMeta.of(rep.slices(), frames, o.width(), o.hop(), rep, prov).write(conf, out);
      org.octave2vec.common.Spark.withSliceReader(
              spark,
              frames.bandLayout().size() * o.width(),
              () -> trainStats(written, frames.bandLayout().size(), o.width()))
          .file(Splitter.TRAIN, frames.bandLayout().columns(), prov)
          .write(conf, normStatsPath);
    } catch (IOException e) {
      throw new UserException("cannot write slice metadata beside " + out + ": " + e.getMessage());
    }
    if (!rep.invariantHolds()) {
      throw new IllegalStateException("frame accounting broken: " + rep.summary());
    }
    return rep;
  }

  /** Per-band statistics of the train split's slices, merged over partitions. */
  static NormStats trainStats(Dataset<Row> slices, int nb, int width) {
    Dataset<Row> levels =
        slices.filter(col(SlicesTable.SPLIT).equalTo(Splitter.TRAIN)).select(SlicesTable.LEVELS);
    int at = levels.schema().fieldIndex(SlicesTable.LEVELS);
    return levels
        .javaRDD()
        .mapPartitions(
            it -> {
              NormStats s = new NormStats(nb);
              while (it.hasNext()) {
                s.add(Rows.floats(it.next().getList(at)), nb, width);
              }
              return List.of(s).iterator();
            })
        .fold(new NormStats(nb), NormStats::merge);
  }

  /** The frame accounting of cutting {@code runs}: every frame is sliced or counted unused. */
  static Report account(List<Row> runs, Map<String, Long> bySplit, SliceOptions o) {
    long framesIn = 0;
    long sliced = 0;
    long unused = 0;
    long tooShort = 0;
    for (Row r : runs) {
      long f = r.getLong(RunsTable.SPAN_FRAMES);
      framesIn += f;
      long u = Slicer.unusedFrames(f, o);
      unused += u;
      sliced += f - u;
      tooShort += Slicer.sliceCount(f, o) == 0 ? 1 : 0;
    }
    long total = bySplit.values().stream().mapToLong(Long::longValue).sum();
    return new Report(framesIn, sliced, unused, runs.size(), tooShort, bySplit, total, List.of());
  }

  /**
   * sensor → {firsts[], lasts[], runIndex[]} sorted by first epoch, for a binary search per frame.
   */
  static Map<String, long[][]> indexRuns(List<Row> runs) {
    Map<String, List<Row>> by = new HashMap<>();
    for (Row r : runs) {
      by.computeIfAbsent(r.getString(RunsTable.SPAN_SENSOR), k -> new ArrayList<>()).add(r);
    }
    Map<String, long[][]> out = new HashMap<>();
    for (Map.Entry<String, List<Row>> e : by.entrySet()) {
      List<Row> l = e.getValue();
      l.sort(
          (a, b) -> Long.compare(a.getLong(RunsTable.SPAN_FIRST), b.getLong(RunsTable.SPAN_FIRST)));
      long[][] v = new long[3][l.size()];
      for (int i = 0; i < l.size(); i++) {
        v[0][i] = l.get(i).getLong(RunsTable.SPAN_FIRST);
        v[1][i] = l.get(i).getLong(RunsTable.SPAN_LAST);
        v[2][i] = l.get(i).getInt(RunsTable.SPAN_RUN_INDEX);
      }
      out.put(e.getKey(), v);
    }
    return out;
  }

  /** The run a frame belongs to; every kept frame lies in exactly one run. */
  static int runOf(long[][] idx, long epochMs) {
    int i = java.util.Arrays.binarySearch(idx[0], epochMs);
    if (i < 0) {
      i = -i - 2;
    }
    if (i < 0 || epochMs > idx[1][i]) {
      throw new IllegalStateException(
          "frame at " + epochMs + " lies in no run: frames and runs disagree");
    }
    return (int) idx[2][i];
  }

  /** Frames tagged with their run: sensor, run index, epoch and the bands' levels. */
  private static final StructType TAGGED =
      new StructType()
          .add(FramesTable.SENSOR, DataTypes.StringType)
          .add(RunsTable.RUN_INDEX, DataTypes.IntegerType)
          .add(FramesTable.EPOCH, DataTypes.LongType)
          .add("bands", DataTypes.createArrayType(DataTypes.FloatType, false));

  private static final int T_SENSOR = TAGGED.fieldIndex(FramesTable.SENSOR);
  private static final int T_RUN_INDEX = TAGGED.fieldIndex(RunsTable.RUN_INDEX);
  private static final int T_BANDS = TAGGED.fieldIndex("bands");

  /** Tags frames (in {@code in}: sensor, epoch and the bands from {@code firstBand} on). */
  private static MapPartitionsFunction<Row, Row> tagRuns(
      Broadcast<Map<String, long[][]>> runs, int nb, StructType in, String firstBand) {
    int sensor = in.fieldIndex(FramesTable.SENSOR);
    int epoch = in.fieldIndex(FramesTable.EPOCH);
    int band0 = in.fieldIndex(firstBand);
    return it ->
        new Iterator<Row>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Row next() {
            Row r = it.next();
            float[] b = new float[nb];
            for (int i = 0; i < nb; i++) {
              b[i] = r.getFloat(band0 + i);
            }
            String s = r.getString(sensor);
            long e = r.getLong(epoch);
            return RowFactory.create(s, runOf(runs.value().get(s), e), e, b);
          }
        };
  }
}
