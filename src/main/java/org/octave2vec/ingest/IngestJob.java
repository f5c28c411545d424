package org.octave2vec.ingest;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
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
import org.octave2vec.common.HadoopConf;
import org.octave2vec.common.HealthTable;
import org.octave2vec.common.Json;
import org.octave2vec.common.LevelEncoding;
import org.octave2vec.common.PlainTableMeta;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.QuarantineTable;
import org.octave2vec.common.Redact;
import org.octave2vec.common.Rows;
import org.octave2vec.common.RunsTable;
import org.octave2vec.common.TableLock;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.TableSwap;
import org.octave2vec.common.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ingest} job: SpecCense CSV archives → {@code frames}, {@code quarantine}, {@code runs}
 * and {@code health} tables plus a run report. Spark only moves data here: parsing, validation and
 * continuity live in plain classes ({@link SourceOpener}, {@link Continuity}, {@link
 * SensorHealth}).
 *
 * <p>Stages: (1) one task per input file parses it into frames and rejections; (2) a shuffle by
 * sensor and UTC day, sorted by epoch, finds duplicates, cuts continuous segments and gathers
 * health counts; (3) the frames are written partitioned by sensor/date; segments are joined into
 * runs.
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
   * The same ingest, also returning the per-sensor-day and per-source summaries behind {@code runs}
   * and {@code health} ({@link IngestState}): what the nightly job keeps so that it can rebuild
   * those tables after re-reading only the files that changed.
   */
  public static Detailed runDetailed(SparkSession spark, IngestOptions o) {
    return runDetailed(spark, o, null);
  }

  /**
   * The same, adding to a table of {@code tableLayout} (null: none yet): with {@code --bands auto}
   * that layout is kept and files of another are {@link Reason#LAYOUT_MISMATCH}.
   */
  public static Detailed runDetailed(SparkSession spark, IngestOptions o, BandLayout tableLayout) {
    Instant started = Instant.now();
    o.validate();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    InputLister.Listing listing = InputLister.list(conf, o.inputs());
    BandLayout layout =
        o.autoLayout() && tableLayout != null ? tableLayout : layoutOf(conf, o, listing);
    ParseSettings settings =
        ParseSettings.defaults()
            .withLayout(layout)
            .withLayoutFromHeaders(o.autoLayout())
            .withSensorRule(o.sensorRule())
            .withRanges(o.minLevelDb(), o.maxLevelDb(), o.minEpochMs(), o.maxEpochMs())
            .withBounds(o.maxLineBytes(), o.maxSourceBytes())
            .withAudio(o.audio())
            .withCentiOnly(o.forcedEncoding() != null && o.forcedEncoding().centi());
    if (o.calibration() != null) {
      settings = settings.withCalibration(Calibration.load(conf, o.calibration()));
    }
    TablePaths out = new TablePaths(o.output());
    out.checkWritable(conf);
    LOG.info(
        "ingest: {} input files ({} MB), {} skipped; layout {}; output {}",
        listing.files().size(),
        listing.bytes() >> 20,
        listing.skipped().size(),
        layout,
        Redact.text(o.output()));
    String stagingName = "_staging/" + UUID.randomUUID();
    String staging = TableRoot.join(o.output(), stagingName);
    try (TableLock lock = TableLock.acquire(conf, o.output(), "ingest")) {
      TableSwap.recover(conf, o.output());
      try {
        // every table is built under staging, then switched in together (TableSwap)
        Detailed d =
            ingest(spark, o, settings, listing, new TablePaths(staging + "/new"), staging, started);
        TableSwap.commit(conf, o.output(), stagingName + "/new", TablePaths.NAMES, "ingest");
        return d;
      } catch (IOException e) {
        throw new UserException(
            "ingest failed writing under " + o.output() + ": " + e.getMessage(), e);
      } finally {
        delete(conf, o.output() + "/_staging");
      }
    }
  }

  /**
   * {@code --bands} as given, or with {@code auto} the layout of the first header (files in path
   * order) that names one; cense29 when none does (every CSV file is then rejected anyway).
   */
  private static BandLayout layoutOf(
      Configuration conf, IngestOptions o, InputLister.Listing listing) {
    if (!o.autoLayout()) {
      return o.layout();
    }
    List<String> paths = listing.files().stream().map(InputLister.InputFile::path).toList();
    LayoutProbe.Found f = LayoutProbe.first(conf, paths, o.maxLineBytes());
    if (f == null) {
      LOG.info("ingest: --bands auto: no header names a band layout; using cense29");
      return BandLayout.cense29();
    }
    LOG.info("ingest: --bands auto: layout {} from {}", f.layout(), Redact.text(f.source()));
    return f.layout();
  }

  private static Detailed ingest(
      SparkSession spark,
      IngestOptions o,
      ParseSettings settings,
      InputLister.Listing listing,
      TablePaths out,
      String staging,
      Instant started)
      throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    // one pass, no shuffle: each task reads its files, sorts and checks each source, and streams
    // frames to the writer; quarantine rows and summaries go to its side files
    LevelEncoding forced = o.forcedEncoding();
    LevelEncoding encoding = forced == null ? LevelEncoding.DECIMAL_DB : forced;
    LOG.info(
        "ingest: reading and writing {} ({} levels)",
        Redact.text(TableRoot.of(o.output()).frames()),
        encoding);
    TaskSide.Collected side =
        writeFrames(spark, listing, settings, o.gapToleranceMs(), encoding, out, staging + "/a");
    TaskSide.Summary all = side.merged();
    if (forced == null && all.beyondCenti > 0) {
      // auto: rare (levels computed or calibrated with more than two decimals), so the whole pass
      // runs again rather than every archive paying for a look ahead
      LOG.info(
          "ingest: {} frames have levels with more precision than 0.01 dB (first: {}); writing"
              + " float32 levels",
          all.beyondCenti,
          all.beyondCentiExample);
      encoding = LevelEncoding.FLOAT32_UTC;
      side =
          writeFrames(spark, listing, settings, o.gapToleranceMs(), encoding, out, staging + "/b");
      all = side.merged();
    }
    List<Row> repairedDuplicates =
        repairOverlaps(spark, all, out, staging, settings, o.gapToleranceMs(), encoding);

    LOG.info("ingest: writing quarantine, runs and health");
    writeQuarantine(spark, side.rejectFiles(), repairedDuplicates, out.quarantine());
    List<Continuity.Run> runs =
        writeRuns(spark, all.segments, settings.periodMs(), o.gapToleranceMs(), out.runs());
    IngestReport rep = reportAndHealth(spark, o, settings, listing, started, all, runs, out);
    IngestReport.checkRowAccounting(rep.rowsRead(), rep.rowsKept(), rep.rowsQuarantined());
    writeMetadata(
        conf, o, listing, settings.layout(), settings.extras(), encoding, out, rep, started);
    return new Detailed(rep, IngestState.of(all.days, all.segments, all.stats, all.ranges));
  }

  /**
   * Sensors whose sources overlap in time were checked file by file only: re-check them across
   * files, replacing their segments and day counts in {@code all}; returns the duplicates found.
   */
  private static List<Row> repairOverlaps(
      SparkSession spark,
      TaskSide.Summary all,
      TablePaths out,
      String staging,
      ParseSettings settings,
      long toleranceMs,
      LevelEncoding encoding)
      throws IOException {
    Set<String> overlap = OverlapRepair.overlapping(all.ranges);
    if (overlap.isEmpty()) {
      return List.of();
    }
    LOG.info(
        "ingest: sources overlap in time for {} sensor(s) {}: re-checking them across files",
        overlap.size(),
        overlap.size() > 10 ? "" : overlap);
    OverlapRepair.Result r =
        OverlapRepair.run(
            spark,
            overlap,
            out.frames(),
            staging + "/repair",
            settings.layout(),
            settings.extras(),
            settings.periodMs(),
            toleranceMs,
            encoding);
    all.segments.removeIf(s -> overlap.contains(s.sensor()));
    all.days.removeIf(d -> overlap.contains(d.sensor()));
    all.segments.addAll(r.segments());
    all.days.addAll(r.days());
    return r.duplicates();
  }

  private static void writeQuarantine(
      SparkSession spark, List<String> rejectFiles, List<Row> repairedDuplicates, String path) {
    Dataset<Row> quarantine = spark.createDataFrame(repairedDuplicates, QuarantineTable.SCHEMA);
    if (!rejectFiles.isEmpty()) {
      quarantine =
          spark
              .read()
              .schema(QuarantineTable.SCHEMA)
              .json(rejectFiles.toArray(new String[0]))
              .unionByName(quarantine);
    }
    quarantine
        .coalesce(1)
        .sortWithinPartitions(QuarantineTable.SOURCE, QuarantineTable.LINE)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(path);
  }

  /** Sorts {@code segments} in place (the saved state keeps that order), joins them into runs. */
  private static List<Continuity.Run> writeRuns(
      SparkSession spark,
      List<Continuity.Segment> segments,
      long periodMs,
      long toleranceMs,
      String path) {
    segments.sort(
        Comparator.comparing(Continuity.Segment::sensor)
            .thenComparingLong(Continuity.Segment::firstMs));
    List<Continuity.Run> runs = Continuity.RunMerger.mergeAll(segments, periodMs, toleranceMs);
    List<Row> runRows = new ArrayList<>();
    for (Continuity.Run r : runs) {
      runRows.add(
          RowFactory.create(
              r.sensor(), r.runIndex(), r.firstMs(), r.lastMs(), r.frames(), r.gapBeforeMs()));
    }
    spark
        .createDataFrame(runRows, RunsTable.SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(path);
    return runs;
  }

  /** Writes the health table and builds the report, both from the summaries and written tables. */
  private static IngestReport reportAndHealth(
      SparkSession spark,
      IngestOptions o,
      ParseSettings settings,
      InputLister.Listing listing,
      Instant started,
      TaskSide.Summary all,
      List<Continuity.Run> runs,
      TablePaths out) {
    List<Row> rejections =
        spark
            .read()
            .parquet(out.quarantine())
            .groupBy(QuarantineTable.SENSOR, QuarantineTable.REASON, QuarantineTable.FILE_LEVEL)
            .count()
            .collectAsList();
    long framesKept = spark.read().parquet(out.frames()).count();

    SensorHealth.Builder health =
        new SensorHealth.Builder(settings.layout(), o.minSliceFrames(), settings.periodMs());
    IngestReport.Builder report = new IngestReport.Builder(o, settings.layout(), listing, started);
    for (SourceStats s : all.stats) {
      report.source(s);
      health.source(s.sensor(), s.outOfOrder(), s.clockJumps());
    }
    all.skipped.forEach(report::skipped);
    for (TaskSide.DayHealth d : all.days) {
      health.day(d.sensor(), d.longs(), d.floats());
    }
    for (Row r : rejections) {
      String reason = r.getString(r.fieldIndex(QuarantineTable.REASON));
      boolean fileLevel = r.getBoolean(r.fieldIndex(QuarantineTable.FILE_LEVEL));
      report.rejections(reason, fileLevel, Rows.count(r));
      health.rejections(
          r.getString(r.fieldIndex(QuarantineTable.SENSOR)), reason, fileLevel, Rows.count(r));
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
    spark
        .createDataFrame(healthRows, HealthTable.SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out.health());
    return report.build(framesKept, sensors);
  }

  private static void delete(Configuration conf, String dir) {
    try {
      Path p = new Path(dir);
      p.getFileSystem(conf).delete(p, true);
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", dir, e.getMessage());
    }
  }

  private static void writeMetadata(
      Configuration conf,
      IngestOptions o,
      InputLister.Listing listing,
      BandLayout layout,
      List<String> extras,
      LevelEncoding encoding,
      TablePaths out,
      IngestReport rep,
      Instant started) {
    Provenance prov = Provenance.of("ingest", o, listing.files(), started);
    try {
      FramesMeta.of(rep.rowsKept(), layout, extras, o.framePeriodMs(), encoding, prov)
          .write(conf, out.frames());
      PlainTableMeta.of(
              QuarantineTable.NAME,
              QuarantineTable.SCHEMA_VERSION,
              rep.rowsQuarantined() + rep.fileRejections(),
              prov)
          .write(conf, out.quarantine());
      PlainTableMeta.runs(rep.runs(), o.gapToleranceMs(), o.framePeriodMs(), prov)
          .write(conf, out.runs());
      PlainTableMeta.of(HealthTable.NAME, HealthTable.SCHEMA_VERSION, rep.sensors(), prov)
          .write(conf, out.health());
      Json.write(conf, out.report(), new IngestReport.Written(rep, prov));
    } catch (IOException e) {
      throw new UserException(
          "cannot write metadata under " + o.output() + ": " + e.getMessage(), e);
    }
  }

  /**
   * One task per input file: parses it and writes its frames straight to Parquet files under the
   * task attempt's directory ({@link FrameFiles}), the rest to side files; then moves the frame
   * files of each partition's finished attempt into {@code frames} (replacing what was there).
   * Returns what the tasks wrote to their side files.
   */
  private static TaskSide.Collected writeFrames(
      SparkSession spark,
      InputLister.Listing listing,
      ParseSettings settings,
      long toleranceMs,
      LevelEncoding encoding,
      TablePaths out,
      String staging)
      throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf hconf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<String> paths = listing.files().stream().map(InputLister.InputFile::path).toList();
    jsc.parallelize(paths, Math.max(1, paths.size()))
        .foreachPartition(
            it -> {
              TaskContext tc = TaskContext.get();
              String attempt = tc.partitionId() + "-" + tc.attemptNumber();
              TaskSide side =
                  new TaskSide(hconf.get(), staging, tc.partitionId(), tc.attemptNumber());
              FrameFiles files =
                  new FrameFiles(
                      hconf.get(),
                      TableRoot.join(staging, FRAME_FILES, attempt),
                      tc.partitionId(),
                      settings.layout(),
                      settings.extras(),
                      encoding);
              IngestTask.run(
                  it, hconf, settings, settings.periodMs(), toleranceMs, encoding, side, files);
            });
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TaskSide.Collected side = TaskSide.collect(conf, staging);
    Path frames = new Path(out.frames());
    frames.getFileSystem(conf).delete(frames, true);
    int files =
        FrameFiles.commit(
            conf,
            side.attempts().stream().map(a -> TableRoot.join(staging, FRAME_FILES, a)).toList(),
            out.frames());
    LOG.info("ingest: {} frames files written", files);
    return side;
  }

  private static final String FRAME_FILES = "frames";

  /** The report's file under {@code reports/}. */
  static final String REPORT_FILE = "ingest.json";

  /**
   * For the overlap repair, per partition sorted by sensor, date, epoch: duplicates, segments,
   * health.
   */
  static MapPartitionsFunction<Row, Row> checkContinuity(
      IngestRows rows, int nBands, long periodMs, long toleranceMs) {
    return it -> new ContinuityCheck(it, rows, nBands, periodMs, toleranceMs);
  }

  /** Where each table of an ingest lives under the output root. */
  public record TablePaths(String root) {
    /** What an ingest writes, relative to the root, in the order it is switched in. */
    static final List<String> NAMES =
        List.of(
            FramesTable.NAME,
            QuarantineTable.NAME,
            RunsTable.NAME,
            HealthTable.NAME,
            TableRoot.join(TableRoot.REPORTS, REPORT_FILE));

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
      return TableRoot.join(TableRoot.of(root).reports(), REPORT_FILE);
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
