package org.octave2vec.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.HadoopConf;
import org.octave2vec.common.HealthTable;
import org.octave2vec.common.Json;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.QuarantineTable;
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
    Instant started = Instant.now();
    o.validate();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    BandLayout layout = o.layout();
    ParseSettings settings = ParseSettings.defaults().withLayout(layout)
        .withSensorRule(o.sensorRule())
        .withRanges(o.minLevelDb(), o.maxLevelDb(), o.minEpochMs(), o.maxEpochMs())
        .withBounds(o.maxLineBytes(), o.maxSourceBytes());
    if (o.calibration() != null) {
      settings = settings.withCalibration(Calibration.load(conf, o.calibration()));
    }
    List<String> extras = settings.extras();
    InputLister.Listing listing = InputLister.list(conf, o.inputs());
    TablePaths out = new TablePaths(o.output());
    out.checkWritable(conf);
    LOG.info("ingest: {} input files ({} MB), {} skipped; layout {}; output {}", listing.files().size(),
        listing.bytes() >> 20, listing.skipped().size(), layout, o.output());

    IngestRows rows = new IngestRows(layout.size(), extras.size());
    StructType schema = IngestRows.schema(layout, extras);
    Dataset<Row> parsed = parse(spark, listing, settings, rows, schema);
    Dataset<Row> checked = parsed
        .repartition(col("sensor"), col("date"))
        .sortWithinPartitions("sensor", "date", "epoch_ms", "source_file", "line")
        .mapPartitions(checkContinuity(rows, layout.size(), FramesTable.PERIOD_MS,
            o.gapToleranceMs()), Encoders.row(schema))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return write(spark, o, listing, layout, extras, checked, out, started);
    } finally {
      checked.unpersist();
    }
  }

  private static IngestReport write(SparkSession spark, IngestOptions o, InputLister.Listing listing,
      BandLayout layout, List<String> extras, Dataset<Row> checked, TablePaths out, Instant started) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    // frames: sorted by epoch inside each sensor-day file, for compression and min/max pruning
    LOG.info("ingest: writing {}", out.frames());
    checked.filter(col(IngestRows.KIND).equalTo(IngestRows.FRAME))
        .select(IngestRows.frameColumns(layout, extras).stream().map(c -> col("`" + c + "`"))
            .toArray(Column[]::new))
        .sortWithinPartitions(FramesTable.SENSOR, FramesTable.DATE, FramesTable.EPOCH)
        .write().mode(SaveMode.Overwrite).option("compression", "zstd")
        .partitionBy(FramesTable.SENSOR, FramesTable.DATE).parquet(out.frames());

    LOG.info("ingest: writing {}", out.quarantine());
    Dataset<Row> quarantine = checked.filter(col(IngestRows.KIND).equalTo(IngestRows.REJECT))
        .select(col("source_file"), col("line"), col("sensor"), col("reason"),
            col("reason").isin(Arrays.stream(Reason.values()).filter(Reason::fileLevel)
                .map(Reason::code).toArray()).as(QuarantineTable.FILE_LEVEL),
            col("message"), col("raw"));
    quarantine.coalesce(1).sortWithinPartitions("source_file", "line")
        .write().mode(SaveMode.Overwrite).parquet(out.quarantine());

    LOG.info("ingest: joining segments into runs");
    Dataset<Row> runs = checked.filter(col(IngestRows.KIND).equalTo(IngestRows.SEGMENT))
        .select(col("sensor"), element_at(col("longs"), 1).as("first"), col("longs"))
        .repartition(col("sensor")).sortWithinPartitions("sensor", "first")
        .mapPartitions(mergeRuns(FramesTable.PERIOD_MS, o.gapToleranceMs()),
            Encoders.row(RunsTable.SCHEMA));
    runs.write().mode(SaveMode.Overwrite).parquet(out.runs());
    Dataset<Row> runsWritten = spark.read().parquet(out.runs());

    // small per-source, per-sensor and per-reason summaries come back to the driver
    List<Row> stats = checked.filter(col(IngestRows.KIND).equalTo(IngestRows.STATS))
        .select("sensor", "source_file", "message", "raw", "longs").collectAsList();
    List<Row> skipped = checked.filter(col(IngestRows.KIND).equalTo(IngestRows.SKIPPED))
        .select("source_file", "message").collectAsList();
    List<Row> healthParts = checked.filter(col(IngestRows.KIND).equalTo(IngestRows.HEALTH))
        .select("sensor", "longs", "floats").collectAsList();
    List<Row> rejections = spark.read().parquet(out.quarantine())
        .groupBy("sensor", "reason", QuarantineTable.FILE_LEVEL).count().collectAsList();
    List<Row> runRows = runsWritten.select(RunsTable.SENSOR, RunsTable.FRAMES, RunsTable.GAP_BEFORE,
        RunsTable.FIRST, RunsTable.LAST).collectAsList();
    long framesKept = spark.read().parquet(out.frames()).count();

    SensorHealth.Builder health = new SensorHealth.Builder(layout, o.minSliceFrames());
    IngestReport.Builder report = new IngestReport.Builder(o, layout, listing, started);
    for (Row s : stats) {
      List<Long> l = s.getList(4);
      report.source(s.getString(1), l, s.getString(2), s.getString(3));
      health.source(s.getString(0), l.get(4), l.get(5));
    }
    for (Row s : skipped) {
      report.skipped(s.getString(0), s.getString(1));
    }
    for (Row h : healthParts) {
      health.day(h.getString(0), h.getList(1), h.getList(2));
    }
    for (Row r : rejections) {
      report.rejections(r.getString(1), r.getBoolean(2), r.getLong(3));
      health.rejections(r.getString(0), r.getString(1), r.getBoolean(2), r.getLong(3));
    }
    for (Row r : runRows) {
      health.run(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
      report.run(r.getLong(1), r.getLong(2), o.minSliceFrames());
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
    return rep;
  }

  private static void writeMetadata(Configuration conf, IngestOptions o, InputLister.Listing listing,
      BandLayout layout, List<String> extras, TablePaths out, IngestReport rep, Instant started) {
    Map<String, Object> prov = Provenance.of("ingest", o, listing.files(), started);
    Map<String, Object> layoutMeta = new LinkedHashMap<>();
    layoutMeta.put("name", layout.name());
    layoutMeta.put("headers", layout.headers());
    layoutMeta.put("columns", layout.columns());
    try {
      Json.write(conf, out.frames() + "/" + Provenance.FILE, tableMeta(FramesTable.NAME,
          FramesTable.SCHEMA_VERSION, rep.rowsKept(), prov, Map.of("band_layout", layoutMeta,
              "extras", extras, "frame_period_ms", FramesTable.PERIOD_MS,
              "partitioned_by", List.of(FramesTable.SENSOR, FramesTable.DATE))));
      Json.write(conf, out.quarantine() + "/" + Provenance.FILE, tableMeta(QuarantineTable.NAME,
          QuarantineTable.SCHEMA_VERSION, rep.rowsQuarantined() + rep.fileRejections(), prov,
          Map.of()));
      Json.write(conf, out.runs() + "/" + Provenance.FILE, tableMeta(RunsTable.NAME,
          RunsTable.SCHEMA_VERSION, rep.runs(), prov, Map.of("gap_tolerance_ms",
              o.gapToleranceMs(), "frame_period_ms", FramesTable.PERIOD_MS)));
      Json.write(conf, out.health() + "/" + Provenance.FILE, tableMeta(HealthTable.NAME,
          HealthTable.SCHEMA_VERSION, rep.sensors(), prov, Map.of()));
      Map<String, Object> reportJson = new LinkedHashMap<>(rep.toMap());
      reportJson.put("provenance", prov);
      Json.write(conf, out.report(), reportJson);
    } catch (IOException e) {
      throw new UserException("cannot write metadata under " + o.output() + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> tableMeta(String table, int version, long rowsCount,
      Map<String, Object> prov, Map<String, Object> extra) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("table", table);
    m.put("schema_version", version);
    m.put("rows", rowsCount);
    m.putAll(extra);
    m.put("provenance", prov);
    return m;
  }

  /** Stage 1: one task per input file, streaming its rows out with bounded memory. */
  private static Dataset<Row> parse(SparkSession spark, InputLister.Listing listing,
      ParseSettings settings, IngestRows rows, StructType schema) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf hconf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
    List<String> paths = listing.files().stream().map(InputLister.InputFile::path).toList();
    JavaRDD<Row> parsed = jsc.parallelize(paths, Math.max(1, paths.size()))
        .mapPartitions(it -> new SinkIterator<Row>(emit -> readAll(it, hconf, settings, rows, emit),
            "octave2vec-parse"));
    return spark.createDataFrame(parsed, schema);
  }

  static void readAll(Iterator<String> paths, HadoopConf hconf, ParseSettings settings,
      IngestRows rows, Consumer<Row> emit) {
    SourceOpener opener = new SourceOpener(settings);
    IngestRows.DayCache days = new IngestRows.DayCache();
    RecordSink sink = new RecordSink() {
      @Override
      public void frame(String sensor, long epochMs, float[] bands, float[] extras, String source,
          long line) {
        emit.accept(rows.frame(sensor, days.of(epochMs), epochMs, bands, extras, source, line));
      }

      @Override
      public void reject(String sensor, String source, long line, String raw, Reason reason,
          String message) {
        emit.accept(rows.reject(sensor, source, line, raw, reason, message));
      }

      @Override
      public void stats(SourceStats stats) {
        emit.accept(rows.stats(stats));
      }

      @Override
      public void skipped(String source, String why) {
        emit.accept(rows.skipped(source, why));
      }
    };
    while (paths.hasNext()) {
      String p = paths.next();
      Path path = new Path(p);
      try (InputStream in = path.getFileSystem(hconf.get()).open(path)) {
        opener.read(in, p, sink);
      } catch (IOException e) {
        sink.reject(null, p, 0, "", Reason.UNREADABLE_FILE, "cannot open: " + e.getMessage());
      }
    }
  }

  /** Stage 2, per partition sorted by sensor, date, epoch: duplicates, segments, health counts. */
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

  /** Stage 3, per partition sorted by sensor and first epoch: per-day segments → maximal runs. */
  static MapPartitionsFunction<Row, Row> mergeRuns(long periodMs, long toleranceMs) {
    return it -> {
      Continuity.RunMerger m = new Continuity.RunMerger(periodMs, toleranceMs);
      List<Row> out = new ArrayList<>();
      while (it.hasNext()) {
        Row r = it.next();
        List<Long> l = r.getList(2);
        add(out, m.offer(new Continuity.Segment(r.getString(0), l.get(0), l.get(1), l.get(2))));
      }
      add(out, m.finish());
      return out.iterator();
    };
  }

  private static void add(List<Row> out, Continuity.Run run) {
    if (run != null) {
      out.add(RowFactory.create(run.sensor(), run.runIndex(), run.firstMs(), run.lastMs(),
          run.frames(), run.gapBeforeMs()));
    }
  }

  /** Where each table of an ingest lives under the output root. */
  public record TablePaths(String root) {
    public String frames() {
      return root + "/" + FramesTable.NAME;
    }

    public String quarantine() {
      return root + "/" + QuarantineTable.NAME;
    }

    public String runs() {
      return root + "/" + RunsTable.NAME;
    }

    public String health() {
      return root + "/" + HealthTable.NAME;
    }

    public String report() {
      return root + "/reports/ingest.json";
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
