package org.octave2vec.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring_index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.FramesMeta;
import org.octave2vec.common.HealthTable;
import org.octave2vec.common.PlainTableMeta;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.QuarantineTable;
import org.octave2vec.common.Redact;
import org.octave2vec.common.RunsTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.ingest.Continuity;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestState;
import org.octave2vec.ingest.InputLister.InputFile;
import org.octave2vec.ingest.SensorHealth;
import org.octave2vec.samples.SampleOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A later run with new, changed or deleted files: read them (and the files sharing a sensor-day
 * with them) into staging, replace exactly the affected {@code frames} partitions, rebuild the
 * small tables from their per-sensor-day state, cut again only the runs that changed, draw the
 * samples again, and commit.
 */
final class Incremental {
  private static final Logger LOG = LoggerFactory.getLogger(Incremental.class);

  private Incremental() {}

  static void run(NightlyRun n) throws IOException {
    SparkSession spark = n.spark();
    NightlyOptions o = n.o();
    NightlyReport.Builder rep = n.rep();
    ManifestDiff.Result diff = n.diff();
    Configuration conf = n.conf();
    String root = n.root();
    String staging = n.staging();
    String ingestDir = n.staged("ingest");
    String t = n.staged("tables");
    Read r = read(spark, o, rep, diff, n.previous(), ingestDir);

    Map<String, ManifestEntry> entries = entries(n.previous(), diff, r);
    Map<DayKey, IngestState.SensorDay> oldDays =
        DayStates.read(spark, TableRoot.join(root, Tables.DAYS));
    Map<DayKey, IngestState.SensorDay> newDays = newDays(oldDays, r, rep);
    List<Journal.Move> moves =
        frameMoves(conf, root, staging, ingestDir, oldDays.keySet(), r.days(), rep);

    Provenance prov = n.provenance();
    writeQuarantine(spark, root, r.detailed() == null ? null : ingestDir, r.files(), diff, t, prov);
    List<Continuity.Run> runs =
        DayStates.runs(newDays.values(), o.ingest().framePeriodMs(), o.ingest().gapToleranceMs());
    long frames = checkedFrames(newDays, runs);
    writeRunsAndHealth(spark, o, t, runs, newDays, entries, prov);
    FramesMeta framesMeta = FramesMeta.read(conf, TableRoot.of(root)).rewritten(frames, prov);
    framesMeta.write(conf, TableRoot.of(t).frames());
    moves.add(
        Journal.Move.replace(
            TableRoot.join(staging, "tables", Tables.FRAMES, Provenance.FILE),
            TableRoot.join(Tables.FRAMES, Provenance.FILE)));
    for (String table : List.of(Tables.QUARANTINE, Tables.RUNS, Tables.HEALTH)) {
      moves.add(Journal.Move.replace(staging + "/tables/" + table, table));
    }

    SliceRefresh.Result sr =
        SliceRefresh.run(spark, o, root, ingestDir, t, r.days(), runs, framesMeta, n.started());
    moves.addAll(refreshMoves(sr, o, staging, rep));
    DayStates.write(spark, newDays.values(), n.staged(Tables.DAYS));
    Manifest.write(spark, entries.values(), n.staged(Tables.MANIFEST), o.recipe(), prov);
    moves.add(Journal.Move.replace(TableRoot.join(staging, Tables.DAYS), Tables.DAYS));
    moves.add(Journal.Move.replace(TableRoot.join(staging, Tables.MANIFEST), Tables.MANIFEST));
    staleSamples(conf, root, o, rep);
    n.commit(moves);

    rep.frames = frames;
    rep.runs = runs.size();
    rep.runsRecut = sr.runsRecut();
    rep.slices = sr.slices();
    rep.slicesRecut = sr.slicesRecut();
  }

  /** The new manifest: deleted files out, touched ones with their new times, read ones fresh. */
  private static Map<String, ManifestEntry> entries(
      Map<String, ManifestEntry> previous, ManifestDiff.Result diff, Read r) {
    Map<String, ManifestEntry> entries = new TreeMap<>(previous);
    diff.deleted().forEach(e -> entries.remove(e.path()));
    diff.touched()
        .forEach(f -> entries.put(f.path(), previous.get(f.path()).touched(f.modifiedMs())));
    entries.putAll(r.fresh());
    return entries;
  }

  /** The frames of the new sensor-days, which must all lie in the runs rebuilt from them. */
  private static long checkedFrames(
      Map<DayKey, IngestState.SensorDay> newDays, List<Continuity.Run> runs) {
    long frames = newDays.values().stream().mapToLong(IngestState.SensorDay::frames).sum();
    long inRuns = runs.stream().mapToLong(Continuity.Run::frames).sum();
    if (frames != inRuns) {
      throw new IllegalStateException(
          "frame accounting broken: " + frames + " frames, " + inRuns + " in runs");
    }
    return frames;
  }

  /**
   * What this run read: the closed set of files and the sensor-days they feed, the ingest's result
   * (null when nothing was read) and the files' new manifest entries.
   */
  private record Read(
      Set<String> files,
      Set<DayKey> days,
      IngestJob.Detailed detailed,
      Map<String, ManifestEntry> fresh) {}

  /**
   * Reads the closed set of new and changed files; if they turn out to feed sensor-days other files
   * feed too, closes again and reads the larger set (rare: a late file for a day already ingested).
   */
  private static Read read(
      SparkSession spark,
      NightlyOptions o,
      NightlyReport.Builder rep,
      ManifestDiff.Result diff,
      Map<String, ManifestEntry> previous,
      String ingestDir) {
    Map<String, InputFile> current = new TreeMap<>();
    for (List<InputFile> l :
        List.of(diff.added(), diff.changed(), diff.touched(), diff.unchanged())) {
      l.forEach(f -> current.put(f.path(), f));
    }
    Map<String, List<DayKey>> stable = new TreeMap<>();
    diff.unchanged().forEach(f -> stable.put(f.path(), previous.get(f.path()).sensorDays()));
    diff.touched().forEach(f -> stable.put(f.path(), previous.get(f.path()).sensorDays()));
    Set<String> files = new TreeSet<>();
    diff.added().forEach(f -> files.add(f.path()));
    diff.changed().forEach(f -> files.add(f.path()));
    Set<DayKey> days = new TreeSet<>();
    diff.changed().forEach(f -> days.addAll(previous.get(f.path()).sensorDays()));
    diff.deleted().forEach(e -> days.addAll(e.sensorDays()));
    IngestJob.Detailed read = null;
    Map<String, ManifestEntry> fresh = Map.of();
    while (true) {
      ManifestDiff.Closure c = ManifestDiff.close(stable, files, days);
      files.addAll(c.files());
      days.addAll(c.days());
      if (files.isEmpty()) {
        break;
      }
      LOG.info("nightly: reading {} files for {} sensor-days", files.size(), days.size());
      // the table keeps its layout (with --bands auto, files of another are layout_mismatch) and
      // its level encoding (in a centi-dB table a finer level is quarantined as level_precision)
      FramesMeta table =
          FramesMeta.read(spark.sparkContext().hadoopConfiguration(), TableRoot.of(o.tables()));
      read =
          IngestJob.runDetailed(
              spark,
              o.ingestFor(Tables.literal(files), ingestDir)
                  .withLevelEncoding(table.encoding().option()),
              table.bandLayout());
      fresh =
          Tables.entries(
              files.stream().map(current::get).toList(),
              read.state(),
              p -> {
                String sum = diff.checksums().get(p);
                return sum != null ? sum : previous.get(p).checksum();
              },
              rep.runId);
      Set<DayKey> fed = new TreeSet<>();
      fresh.values().forEach(e -> fed.addAll(e.sensorDays()));
      if (days.containsAll(fed)) {
        break;
      }
      days.addAll(fed);
      ManifestDiff.Closure again = ManifestDiff.close(stable, files, days);
      days.addAll(again.days());
      if (again.files().equals(files)) {
        break;
      }
      files.addAll(again.files());
    }
    return new Read(files, days, read, fresh);
  }

  /** The per-sensor-day summaries after this run: the rebuilt days replaced by what was read. */
  private static Map<DayKey, IngestState.SensorDay> newDays(
      Map<DayKey, IngestState.SensorDay> oldDays, Read r, NightlyReport.Builder rep) {
    Map<DayKey, IngestState.SensorDay> newDays = new TreeMap<>(oldDays);
    r.days().forEach(newDays::remove);
    if (r.detailed() != null) {
      for (IngestState.SensorDay d : r.detailed().state().days()) {
        DayKey k = new DayKey(d.sensor(), d.date());
        if (!r.days().contains(k)) {
          throw new IllegalStateException(
              "files read this run fed " + k + ", outside the rebuilt sensor-days");
        }
        newDays.put(k, d);
      }
      rep.filesRead = r.files().size();
      rep.rowsRead = r.detailed().report().rowsRead();
      rep.framesKept = r.detailed().report().rowsKept();
      rep.rowsQuarantined = r.detailed().report().rowsQuarantined();
    }
    return newDays;
  }

  /**
   * Each rebuilt sensor-day's frames partition: replaced by the staged one, or removed when none
   * was.
   */
  private static List<Journal.Move> frameMoves(
      Configuration conf,
      String root,
      String staging,
      String ingestDir,
      Set<DayKey> oldDays,
      Set<DayKey> days,
      NightlyReport.Builder rep)
      throws IOException {
    List<Journal.Move> moves = new ArrayList<>();
    for (DayKey k : days) {
      String part = TableRoot.join(Tables.FRAMES, k.partition());
      boolean staged = Tables.exists(conf, TableRoot.join(ingestDir, part));
      boolean live = oldDays.contains(k) || Tables.exists(conf, TableRoot.join(root, part));
      if (staged) {
        moves.add(Journal.Move.replace(staging + "/ingest/" + part, part));
        (live ? rep.partitionsReplaced : rep.partitionsAdded).add(k.toString());
      } else if (live) {
        moves.add(Journal.Move.delete(part));
        rep.partitionsRemoved.add(k.toString());
      }
    }
    return moves;
  }

  /** With slices cut again: the slices, their statistics and every sample table move too. */
  private static List<Journal.Move> refreshMoves(
      SliceRefresh.Result sr, NightlyOptions o, String staging, NightlyReport.Builder rep) {
    List<Journal.Move> moves = new ArrayList<>();
    if (sr.rebuilt()) {
      moves.add(Journal.Move.replace(staging + "/tables/" + Tables.SLICES, Tables.SLICES));
      moves.add(Journal.Move.replace(staging + "/tables/" + Tables.NORM_STATS, Tables.NORM_STATS));
      for (SampleOptions so : o.samples()) {
        String s = TableRoot.samplesName(so.task());
        moves.add(Journal.Move.replace(staging + "/tables/" + s, s));
      }
      rep.samples.putAll(sr.samples());
    }
    return moves;
  }

  /** The old quarantine minus the rows of files read again or deleted, plus this run's rows. */
  private static void writeQuarantine(
      SparkSession spark,
      String root,
      String ingestDir,
      Set<String> files,
      ManifestDiff.Result diff,
      String t,
      Provenance prov)
      throws IOException {
    List<Object> gone = new ArrayList<>();
    files.forEach(f -> gone.add(Redact.path(f)));
    diff.deleted().forEach(e -> gone.add(Redact.path(e.path())));
    // a row's file is its source_file up to the first "!/" (archive members are file!/member)
    Dataset<Row> q =
        spark
            .read()
            .schema(QuarantineTable.SCHEMA)
            .parquet(TableRoot.of(root).quarantine())
            .filter(
                not(substring_index(col(QuarantineTable.SOURCE), "!/", 1).isin(gone.toArray())));
    if (ingestDir != null) {
      q =
          q.unionByName(
              spark
                  .read()
                  .schema(QuarantineTable.SCHEMA)
                  .parquet(TableRoot.of(ingestDir).quarantine()));
    }
    String out = TableRoot.of(t).quarantine();
    q.coalesce(1)
        .sortWithinPartitions(QuarantineTable.SOURCE, QuarantineTable.LINE)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out);
    long rows = spark.read().parquet(out).count();
    PlainTableMeta.of(QuarantineTable.NAME, QuarantineTable.SCHEMA_VERSION, rows, prov)
        .write(spark.sparkContext().hadoopConfiguration(), out);
  }

  /** The layout the frames table was built with (its metadata), whatever --bands says. */
  private static BandLayout tableLayout(SparkSession spark, NightlyOptions o) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    return FramesMeta.read(conf, TableRoot.of(o.tables())).bandLayout();
  }

  private static void writeRunsAndHealth(
      SparkSession spark,
      NightlyOptions o,
      String t,
      List<Continuity.Run> runs,
      Map<DayKey, IngestState.SensorDay> days,
      Map<String, ManifestEntry> entries,
      Provenance prov)
      throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<Row> runRows = new ArrayList<>();
    for (Continuity.Run r : runs) {
      runRows.add(
          RowFactory.create(
              r.sensor(), r.runIndex(), r.firstMs(), r.lastMs(), r.frames(), r.gapBeforeMs()));
    }
    String runsOut = TableRoot.of(t).runs();
    writeOneFile(spark, runRows, RunsTable.SCHEMA, runsOut);
    PlainTableMeta.runs(runs.size(), o.ingest().gapToleranceMs(), o.ingest().framePeriodMs(), prov)
        .write(conf, runsOut);
    List<Row> rejections =
        spark
            .read()
            .parquet(TableRoot.of(t).quarantine())
            .groupBy(QuarantineTable.SENSOR, QuarantineTable.REASON, QuarantineTable.FILE_LEVEL)
            .count()
            .collectAsList();
    List<SensorHealth> health =
        DayStates.health(
            tableLayout(spark, o),
            o.ingest().minSliceFrames(),
            o.ingest().framePeriodMs(),
            days.values(),
            entries.values(),
            rejections,
            runs);
    List<Row> healthRows = new ArrayList<>();
    health.forEach(h -> healthRows.add(h.toRow()));
    String healthOut = TableRoot.of(t).health();
    writeOneFile(spark, healthRows, HealthTable.SCHEMA, healthOut);
    PlainTableMeta.of(HealthTable.NAME, HealthTable.SCHEMA_VERSION, health.size(), prov)
        .write(conf, healthOut);
  }

  /** Sample tables under samples/ that this job does not draw: named in the report, left alone. */
  static void staleSamples(
      Configuration conf, String root, NightlyOptions o, NightlyReport.Builder rep)
      throws IOException {
    Path dir = new Path(root, Tables.SAMPLES);
    if (!dir.getFileSystem(conf).exists(dir)) {
      return;
    }
    Set<String> ours = new TreeSet<>();
    o.samples().forEach(s -> ours.add(s.task().id()));
    for (FileStatus st : dir.getFileSystem(conf).listStatus(dir)) {
      String name = st.getPath().getName();
      if (st.isDirectory()
          && !ours.contains(name)
          && !name.startsWith("_")
          && !name.startsWith(".")) {
        rep.staleSamples.add(name);
      }
    }
  }

  /** A small table as one Parquet file at {@code path}, replacing what was there. */
  private static void writeOneFile(
      SparkSession spark, List<Row> rows, StructType schema, String path) {
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
  }
}
