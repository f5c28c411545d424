package org.octave2vec.ingest;


import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.FramesMeta;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.PlainTableMeta;
import org.octave2vec.common.HadoopConf;
import org.octave2vec.common.HealthTable;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.QuarantineTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.Redact;
import org.octave2vec.common.RunsTable;
import org.octave2vec.common.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ingest} job: SpecCense CSV archives → {@code frames}, {@code quarantine}, {@code runs}
 * and {@code health} tables plus a run report. Spark only moves data here: parsing, validation and
 * continuity live in plain classes ({@link SourceOpener}, {@link Continuity}, {@link SensorHealth}).
 *
 * <p>Stages: (1) one task per input file parses it into frames and rejections; (2) a shuffle by
 * sensor and UTC day, sorted by epoch, finds duplicates, cuts continuous segments and gathers health
 * counts; (3) the frames are written partitioned by sensor/date; segments are joined into runs.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private IngestJob() {}

  public static IngestReport run(SparkSession spark, IngestOptions o) {
    return runDetailed(spark, o).report();
  }

  /** An ingest's report and the per-sensor-day summaries it was built from. */
  public record Detailed(IngestReport report, IngestState state) {}

  /**
   * The same ingest, also returning the per-sensor-day and per-source summaries behind
   * {@code runs} and {@code health} ({@link IngestState}): what the nightly job keeps so that it
   * can rebuild those tables after re-reading only the files that changed.
   */
  public static Detailed runDetailed(SparkSession spark, IngestOptions o) {
    Instant started = Instant.now();
    o.validate();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    BandLayout layout = o.layout();
    ParseSettings settings = ParseSettings.defaults().withLayout(layout)
        .withSensorRule(o.sensorRule())
        .withRanges(o.minLevelDb(), o.maxLevelDb(), o.minEpochMs(), o.maxEpochMs())
        .withBounds(o.maxLineBytes(), o.maxSourceBytes())
        .withAudio(o.audio());
    if (o.calibration() != null) {
      settings = settings.withCalibration(Calibration.load(conf, o.calibration()));
    }
    InputLister.Listing listing = InputLister.list(conf, o.inputs());
    TablePaths out = new TablePaths(o.output());
    out.checkWritable(conf);
    LOG.info("ingest: {} input files ({} MB), {} skipped; layout {}; output {}", listing.files().size(),
        listing.bytes() >> 20, listing.skipped().size(), layout, Redact.text(o.output()));
    String staging = o.output() + "/_staging/" + UUID.randomUUID();
    try {
      return ingest(spark, o, settings, listing, out, staging, started);
    } catch (IOException e) {
      throw new UserException("ingest failed writing under " + o.output() + ": " + e.getMessage(), e);
    } finally {
      delete(conf, o.output() + "/_staging");
    }
  }

  private static Detailed ingest(SparkSession spark, IngestOptions o, ParseSettings settings,
      InputLister.Listing listing, TablePaths out, String staging, Instant started)
      throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    BandLayout layout = settings.layout();
    List<String> extras = settings.extras();
    // one pass, no shuffle: each task reads its files, sorts and checks each source, and streams
    // frames to the writer; quarantine rows and summaries go to its side files
    LOG.info("ingest: reading and writing {}", Redact.text(out.frames()));
    parse(spark, listing, settings, o.gapToleranceMs(), staging)
        .sortWithinPartitions(FramesTable.SENSOR, FramesTable.DATE, FramesTable.EPOCH)
        .write().mode(SaveMode.Overwrite).option("compression", "zstd")
        .partitionBy(FramesTable.SENSOR, FramesTable.DATE).parquet(out.frames());
    TaskSide.Collected side = TaskSide.collect(conf, staging);

    List<SourceStats> stats = new ArrayList<>();
    List<Continuity.Segment> segments = new ArrayList<>();
    List<TaskSide.DayHealth> days = new ArrayList<>();
    List<TaskSide.SourceRange> ranges = new ArrayList<>();
    Map<String, String> skipped = new TreeMap<>();
    for (TaskSide.Summary s : side.summaries()) {
      stats.addAll(s.stats);
      segments.addAll(s.segments);
      days.addAll(s.days);
      ranges.addAll(s.ranges);
      skipped.putAll(s.skipped);
    }
    List<Row> repairedDuplicates = List.of();
    Set<String> overlap = OverlapRepair.overlapping(ranges);
    if (!overlap.isEmpty()) {
      LOG.info("ingest: sources overlap in time for {} sensor(s) {}: re-checking them across files",
          overlap.size(), overlap.size() > 10 ? "" : overlap);
      OverlapRepair.Result r = OverlapRepair.run(spark, overlap, out.frames(), staging + "/repair",
          layout, extras, settings.periodMs(), o.gapToleranceMs());
      segments.removeIf(s -> overlap.contains(s.sensor()));
      days.removeIf(d -> overlap.contains(d.sensor()));
      segments.addAll(r.segments());
      days.addAll(r.days());
      repairedDuplicates = r.duplicates();
    }

    LOG.info("ingest: writing quarantine, runs and health");
    Dataset<Row> quarantine = spark.createDataFrame(repairedDuplicates, QuarantineTable.SCHEMA);
    if (!side.rejectFiles().isEmpty()) {
      quarantine = spark.read().schema(QuarantineTable.SCHEMA)
          .json(side.rejectFiles().toArray(new String[0])).unionByName(quarantine);
    }
    quarantine.coalesce(1).sortWithinPartitions("source_file", "line")
        .write().mode(SaveMode.Overwrite).parquet(out.quarantine());

    segments.sort(Comparator.comparing(Continuity.Segment::sensor)
        .thenComparingLong(Continuity.Segment::firstMs));
    List<Continuity.Run> runs = Continuity.RunMerger.mergeAll(segments, settings.periodMs(),
        o.gapToleranceMs());
    List<Row> runRows = new ArrayList<>();
    for (Continuity.Run r : runs) {
      runRows.add(RowFactory.create(r.sensor(), r.runIndex(), r.firstMs(), r.lastMs(), r.frames(),
          r.gapBeforeMs()));
    }
    spark.createDataFrame(runRows, RunsTable.SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(out.runs());

    List<Row> rejections = spark.read().parquet(out.quarantine())
        .groupBy("sensor", "reason", QuarantineTable.FILE_LEVEL).count().collectAsList();
    long framesKept = spark.read().parquet(out.frames()).count();

    SensorHealth.Builder health = new SensorHealth.Builder(layout, o.minSliceFrames(),
        settings.periodMs());
    IngestReport.Builder report = new IngestReport.Builder(o, layout, listing, started);
    for (SourceStats s : stats) {
      report.source(s);
      health.source(s.sensor(), s.outOfOrder(), s.clockJumps());
    }
    skipped.forEach(report::skipped);
    for (TaskSide.DayHealth d : days) {
      health.day(d.sensor(), d.longs(), d.floats());
    }
    for (Row r : rejections) {
      report.rejections(r.getString(1), r.getBoolean(2), r.getLong(3));
      health.rejections(r.getString(0), r.getString(1), r.getBoolean(2), r.getLong(3));
    }
    for (Continuity.Run r : runs) {
      health.run(r.sensor(), r.frames(), r.gapBeforeMs(), r.firstMs(), r.lastMs());
      report.run(r.frames(), r.gapBeforeMs(), o.minSliceFrames());
    }
    List<SensorHealth> sensors = health.build();
    List<Row> healthRows = new ArrayList<>();
    for (SensorHealth h : sensors) {
      healthRows.add(h.toRow());
    }
    spark.createDataFrame(healthRows, HealthTable.SCHEMA).coalesce(1).write()
        .mode(SaveMode.Overwrite).parquet(out.health());

    IngestReport rep = report.build(framesKept, sensors);
    if (!rep.invariantHolds()) {
      // a bug, not bad input: never let a run that lost rows look successful
      throw new IllegalStateException("row accounting broken: read " + rep.rowsRead() + " != kept "
          + rep.rowsKept() + " + quarantined " + rep.rowsQuarantined());
    }
    writeMetadata(conf, o, listing, layout, extras, out, rep, started);
    return new Detailed(rep, IngestState.of(days, segments, stats, ranges));
  }

  private static void delete(Configuration conf, String dir) {
    try {
      Path p = new Path(dir);
      p.getFileSystem(conf).delete(p, true);
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", dir, e.getMessage());
    }
  }

  private static void writeMetadata(Configuration conf, IngestOptions o, InputLister.Listing listing,
      BandLayout layout, List<String> extras, TablePaths out, IngestReport rep, Instant started) {
    Provenance prov = Provenance.of("ingest", o, listing.files(), started);
    try {
      FramesMeta.of(rep.rowsKept(), layout, extras, o.framePeriodMs(), prov).write(conf, out.frames());
      PlainTableMeta.of(QuarantineTable.NAME, QuarantineTable.SCHEMA_VERSION,
          rep.rowsQuarantined() + rep.fileRejections(), prov).write(conf, out.quarantine());
      PlainTableMeta.runs(rep.runs(), o.gapToleranceMs(), o.framePeriodMs(), prov).write(conf, out.runs());
      PlainTableMeta.of(HealthTable.NAME, HealthTable.SCHEMA_VERSION, rep.sensors(), prov)
          .write(conf, out.health());
      Map<String, Object> reportJson = new LinkedHashMap<>(rep.toMap());
      reportJson.put("provenance", prov);
      Json.write(conf, out.report(), reportJson);
    } catch (IOException e) {
      throw new UserException("cannot write metadata under " + o.output() + ": " + e.getMessage(), e);
    }
  }

  /** One task per input file: frames as rows of the frames schema, the rest to side files. */
  private static Dataset<Row> parse(SparkSession spark, InputLister.Listing listing,
      ParseSettings settings, long toleranceMs, String staging) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf hconf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<String> paths = listing.files().stream().map(InputLister.InputFile::path).toList();
    JavaRDD<InternalRow> frames = jsc.parallelize(paths, Math.max(1, paths.size()))
        .mapPartitions(it -> {
          TaskContext tc = TaskContext.get();
          TaskSide side = new TaskSide(hconf.get(), staging, tc.partitionId(), tc.attemptNumber());
          SinkIterator<InternalRow> rows = new SinkIterator<>(emit -> IngestTask.run(it, hconf,
              settings, settings.periodMs(), toleranceMs, side, emit), "octave2vec-ingest");
          tc.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> rows.close());
          return rows;
        });
    // frames are built as Spark's binary rows (UnsafeRowWriter) to skip a boxed value per band and the
    // generic Row converter, which were a third of the ingest time; this uses Spark's internal (but
    // stable since 2.x) InternalRow entry point
    return spark.internalCreateDataFrame(frames.rdd(),
        FramesTable.schema(settings.layout(), settings.extras()), false);
  }

  /** For the overlap repair, per partition sorted by sensor, date, epoch: duplicates, segments, health. */
  static MapPartitionsFunction<Row, Row> checkContinuity(IngestRows rows, int nBands, long periodMs,
      long toleranceMs) {
    return it -> new Iterator<Row>() {
      private final ArrayDeque<Row> out = new ArrayDeque<>();
      private final Continuity.Segmenter seg = new Continuity.Segmenter(periodMs, toleranceMs);
      private final SensorHealth.DayCounter day = new SensorHealth.DayCounter(nBands);
      private String sensor;
      private String date;
      private String keptSource;
      private long keptLine;
      private boolean flushed;

      @Override
      public boolean hasNext() {
        while (out.isEmpty() && it.hasNext()) {
          accept(it.next());
        }
        if (out.isEmpty() && !flushed) {
          flushed = true;
          flush();
        }
        return !out.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return out.poll();
      }

      private void accept(Row r) {
        if (r.getInt(0) != IngestRows.FRAME) {
          out.add(r);
          return;
        }
        String s = r.getString(1);
        String d = r.getString(2);
        if (!s.equals(sensor) || !d.equals(date)) {
          flush();
          sensor = s;
          date = d;
        }
        if (!seg.offer(s, r.getLong(3))) {
          out.add(rows.duplicate(r, keptSource, keptLine));
          return;
        }
        day.add(r, 4, seg.startedSegment());
        keptSource = r.getString(rows.iSource);
        keptLine = r.getLong(rows.iLine);
        out.add(r);
        for (Continuity.Segment done : seg.drainFinished()) {
          out.add(rows.segment(done));
        }
      }

      private void flush() {
        for (Continuity.Segment done : seg.drain()) {
          out.add(rows.segment(done));
        }
        if (day.frames() > 0) {
          out.add(rows.health(sensor, date, day.longs(), day.floats()));
          day.reset();
        }
      }
    };
  }

  /** Where each table of an ingest lives under the output root. */
  public record TablePaths(String root) {
    public String frames() {
      return TableRoot.of(root).frames();
    }

    public String quarantine() {
      return TableRoot.of(root).quarantine();
    }

    public String runs() {
      return TableRoot.of(root).runs();
    }

    public String health() {
      return TableRoot.of(root).health();
    }

    public String report() {
      return TableRoot.of(root).reports() + "/ingest.json";
    }

    /** Fails fast, before any Spark work, when the output cannot be written. */
    void checkWritable(Configuration conf) {
      Path probe = new Path(root, "_write_probe");
      try {
        FileSystem fs = probe.getFileSystem(conf);
        fs.mkdirs(new Path(root));
        fs.create(probe, true).close();
        fs.delete(probe, false);
      } catch (IOException | RuntimeException e) {
        throw new UserException("output not writable: " + root + " (" + e.getMessage() + ")");
      }
    }
  }
}
