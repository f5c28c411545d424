package org.octave2vec.nightly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.Json;
import org.octave2vec.common.PlainTableMeta;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.Redact;
import org.octave2vec.common.TableLock;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.UserException;
import org.octave2vec.ingest.IngestReport;
import org.octave2vec.ingest.InputLister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nightly} job: brings the tables under {@code --tables} up to date with the archive
 * under {@code --input}, reading only what changed (see the package documentation and
 * docs/nightly.md).
 *
 * <p>Order: (1) finish a commit an earlier run left half-done; (2) list the inputs and diff them
 * against the manifest; (3) nothing changed: stop without writing anything; only modification times
 * changed: commit a new manifest; otherwise (4) build what changes under a staging directory — all
 * tables on the first run ({@link FullBuild}), else only the affected sensor-days ({@link
 * Incremental}) — and (5) commit it with a {@link Journal}, the manifest last.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private NightlyJob() {}

  public static NightlyReport run(SparkSession spark, NightlyOptions o) {
    return run(spark, o, Journal.Hook.NONE);
  }

  /**
   * As {@link #run(SparkSession, NightlyOptions)}; {@code hook} sees every move of a commit
   * (tests).
   */
  static NightlyReport run(SparkSession spark, NightlyOptions o, Journal.Hook hook) {
    o.validate();
    // a cron run and a manual one must not interleave their commits (TableLock)
    try (TableLock lock =
        TableLock.acquire(spark.sparkContext().hadoopConfiguration(), o.tables(), "nightly")) {
      return update(spark, o, hook);
    }
  }

  private static NightlyReport update(SparkSession spark, NightlyOptions o, Journal.Hook hook) {
    Instant started = Instant.now();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String root = o.tables();
    if (root.startsWith("s3a://") || root.startsWith("s3://")) {
      LOG.warn(
          "nightly: {} is on S3, where renaming a directory copies it: a commit is not atomic "
              + "per partition there (see docs/nightly.md)",
          Redact.text(root));
    }
    NightlyReport.Builder rep = new NightlyReport.Builder();
    rep.runId =
        RUN_TIME.format(started)
            + "-"
            + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    rep.tables = root;
    rep.deletedExitCode = o.deletedExitCode();
    try {
      rep.recovered = Journal.rollForward(conf, root, hook);
      removeLeftovers(conf, root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish the interrupted commit under " + root, e);
    }
    InputLister.Listing listing = InputLister.list(conf, o.inputs());
    rep.filesListed = listing.files().size();
    Optional<Manifest.Loaded> prev = Manifest.read(spark, TableRoot.join(root, Tables.MANIFEST));
    String reason =
        o.full() ? "--full" : prev.isEmpty() ? "first run: no manifest" : missingState(conf, root);
    if (reason == null) {
      checkRecipe(prev.get().meta(), o);
    }
    Map<String, ManifestEntry> previous = prev.map(Manifest.Loaded::entries).orElse(Map.of());
    ManifestDiff.Result diff = diff(spark, o, rep, previous, listing);
    NightlyRun n = new NightlyRun(spark, o, rep, diff, previous, started, hook);
    try {
      if (reason != null) {
        rep.mode = NightlyReport.FULL;
        rep.reason = reason;
        FullBuild.run(n, listing);
      } else if (diff.nothingToDo()) {
        LOG.info("nightly: nothing new, changed or deleted among {} files", listing.files().size());
        totals(conf, root, rep);
      } else if (!diff.contentChanged()) {
        rep.mode = NightlyReport.MANIFEST;
        commitTouched(n);
        totals(conf, root, rep);
      } else {
        rep.mode = NightlyReport.INCREMENTAL;
        Incremental.run(n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "nightly failed writing under " + root + ": " + e.getMessage(), e);
    }
    return finish(conf, rep, o, started);
  }

  /**
   * What changed since the manifest, in the report; refuses when too much of the archive is gone.
   */
  private static ManifestDiff.Result diff(
      SparkSession spark,
      NightlyOptions o,
      NightlyReport.Builder rep,
      Map<String, ManifestEntry> previous,
      InputLister.Listing listing) {
    ManifestDiff.Result diff =
        ManifestDiff.diff(previous, listing.files(), paths -> Checksums.of(spark, paths));
    diff.added().forEach(f -> rep.added.add(f.path()));
    diff.changed().forEach(f -> rep.changed.add(f.path()));
    diff.touched().forEach(f -> rep.touched.add(f.path()));
    diff.deleted().forEach(e -> rep.deleted.add(e.path()));
    rep.unchanged = diff.unchanged().size();
    if (!previous.isEmpty() && diff.deleted().size() > o.maxDeletedFraction() * previous.size()) {
      throw new UserException(
          diff.deleted().size()
              + " of the "
              + previous.size()
              + " files the tables "
              + "hold are gone from "
              + o.inputs()
              + ", more than --max-deleted-fraction "
              + o.maxDeletedFraction()
              + ": is the archive mounted? Nothing was changed");
    }
    return diff;
  }

  /** The report, once its row accounting is checked; written unless there was nothing to do. */
  private static NightlyReport finish(
      Configuration conf, NightlyReport.Builder rep, NightlyOptions o, Instant started) {
    NightlyReport r = rep.build(Duration.between(started, Instant.now()).toMillis() / 1000.0);
    IngestReport.checkRowAccounting(r.rowsRead(), r.framesKept(), r.rowsQuarantined());
    if (!r.mode().equals(NightlyReport.NOTHING)) {
      writeReport(conf, o.tables(), r, o, started);
    }
    return r;
  }

  /**
   * Same bytes under new modification times: only the manifest changes, so they are not hashed
   * again.
   */
  private static void commitTouched(NightlyRun n) throws IOException {
    Map<String, ManifestEntry> next = new HashMap<>(n.previous());
    n.diff().touched().forEach(f -> next.put(f.path(), next.get(f.path()).touched(f.modifiedMs())));
    Manifest.write(
        n.spark(),
        new java.util.TreeMap<>(next).values(),
        n.staged(Tables.MANIFEST),
        n.o().recipe(),
        n.provenance());
    n.commit(
        List.of(
            Journal.Move.replace(TableRoot.join(n.staging(), Tables.MANIFEST), Tables.MANIFEST)));
  }

  /**
   * Frames, runs and slices as the tables' metadata count them, when this run did not change them.
   */
  private static void totals(Configuration conf, String root, NightlyReport.Builder rep)
      throws IOException {
    rep.frames = rows(conf, TableRoot.of(root).frames());
    rep.runs = rows(conf, TableRoot.of(root).runs());
    rep.slices = rows(conf, TableRoot.of(root).slices());
  }

  private static long rows(Configuration conf, String table) throws IOException {
    return PlainTableMeta.read(conf, table).rows();
  }

  /** Null when the state next to the manifest is complete, else why a full rebuild is needed. */
  private static String missingState(Configuration conf, String root) {
    try {
      for (String t :
          List.of(Tables.FRAMES, Tables.QUARANTINE, Tables.RUNS, Tables.SLICES, Tables.DAYS)) {
        if (!Tables.exists(conf, TableRoot.join(root, t))) {
          return t + " is missing";
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tables were built with other ingest, slice or sample options: mixing them would be wrong.
   */
  private static void checkRecipe(ManifestMeta manifestMeta, NightlyOptions o) {
    Recipe recorded = manifestMeta.recipe();
    // through JSON text, as the recorded one was: the same number types on both sides
    Recipe now = o.recipe().asWritten();
    if (recorded != null && !recorded.equals(now)) {
      List<String> differ = recorded.differences(now);
      throw new UserException(
          "the tables under "
              + o.tables()
              + " were built with other "
              + differ
              + " options than these; run once with --full to rebuild them all with these options");
    }
  }

  /** Staging directories and temporary journals of runs that died before their commit. */
  private static void removeLeftovers(Configuration conf, String root) throws IOException {
    Path dir = new Path(root, Journal.DIR);
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      return;
    }
    for (FileStatus st :
        fs.listStatus(
            dir, p -> p.getName().startsWith("staging-") || p.getName().startsWith("_tmp-"))) {
      LOG.info(
          "nightly: removing {} left by a run that stopped before its commit",
          st.getPath().getName());
      fs.delete(st.getPath(), true);
    }
  }

  static Provenance provenance(NightlyOptions o, Instant started) {
    return Provenance.of("nightly", o, o.inputs(), started);
  }

  private static void writeReport(
      Configuration conf, String root, NightlyReport r, NightlyOptions o, Instant started) {
    NightlyReport.Written m = new NightlyReport.Written(r, provenance(o, started));
    String path = TableRoot.of(root).reports() + "/nightly-" + r.runId() + ".json";
    try {
      Json.write(conf, path, m);
    } catch (IOException e) {
      // the tables are committed; only the report is lost
      LOG.warn("nightly: could not write {}: {}", Redact.text(path), e.getMessage());
    }
  }
}
