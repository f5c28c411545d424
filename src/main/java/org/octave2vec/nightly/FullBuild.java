package org.octave2vec.nightly;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.Task;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestState;
import org.octave2vec.ingest.InputLister;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplePlan;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.SliceJob;

/**
 * The first run (or {@code --full}): the plain ingest, slice and samples jobs on every listed file,
 * into a staging directory, then moved into place table by table. Afterwards the tables are what
 * running those three jobs by hand gives, plus the manifest and the per-sensor-day state.
 */
final class FullBuild {
  private FullBuild() {}

  static void run(NightlyRun n, InputLister.Listing listing) throws IOException {
    SparkSession spark = n.spark();
    NightlyOptions o = n.o();
    NightlyReport.Builder rep = n.rep();
    String root = n.root();
    String staging = n.staging();
    String t = n.staged("tables");
    List<String> paths = listing.files().stream().map(InputLister.InputFile::path).toList();
    IngestJob.Detailed d = IngestJob.runDetailed(spark, o.ingestFor(Tables.literal(paths), t));
    SliceJob.Report sl = SliceJob.run(spark, t, o.slice());
    for (SampleOptions so : o.samples()) {
      rep.samples.put(so.task().id(), total(draw(spark, t, so, o).kept()));
    }
    Map<String, ManifestEntry> entries =
        entries(spark, listing, d, n.diff(), n.previous(), rep.runId);
    DayStates.write(spark, d.state().days(), n.staged(Tables.DAYS));
    Manifest.write(spark, entries.values(), n.staged(Tables.MANIFEST), o.recipe(), n.provenance());

    List<Journal.Move> moves = moves(staging, o);
    Incremental.staleSamples(n.conf(), root, o, rep);
    n.commit(moves);

    rep.filesRead = paths.size();
    rep.rowsRead = d.report().rowsRead();
    rep.framesKept = d.report().rowsKept();
    rep.rowsQuarantined = d.report().rowsQuarantined();
    for (IngestState.SensorDay day : d.state().days()) {
      rep.partitionsAdded.add(new DayKey(day.sensor(), day.date()).toString());
    }
    rep.frames = d.report().rowsKept();
    rep.runs = sl.runs();
    rep.runsRecut = sl.runs();
    rep.slices = sl.slices();
    rep.slicesRecut = sl.slices();
  }

  /**
   * The manifest entries of every listed file; checksums: those the diff computed, the manifest's
   * for files it found unchanged, else computed now.
   */
  private static Map<String, ManifestEntry> entries(
      SparkSession spark,
      InputLister.Listing listing,
      IngestJob.Detailed d,
      ManifestDiff.Result diff,
      Map<String, ManifestEntry> previous,
      String runId) {
    List<String> missing = new ArrayList<>();
    for (InputLister.InputFile f : listing.files()) {
      if (!diff.checksums().containsKey(f.path()) && !previous.containsKey(f.path())) {
        missing.add(f.path());
      }
    }
    Map<String, String> computed = Checksums.of(spark, missing);
    return Tables.entries(
        listing.files(),
        d.state(),
        p -> {
          String c = diff.checksums().get(p);
          return c != null
              ? c
              : computed.containsKey(p) ? computed.get(p) : previous.get(p).checksum();
        },
        runId);
  }

  /** Every table of a full build moves from staging into place; the manifest last. */
  private static List<Journal.Move> moves(String staging, NightlyOptions o) {
    List<Journal.Move> moves = new ArrayList<>();
    for (String table :
        List.of(
            Tables.FRAMES,
            Tables.QUARANTINE,
            Tables.RUNS,
            Tables.HEALTH,
            Tables.SLICES,
            Tables.NORM_STATS,
            Tables.REPORTS + "/ingest.json")) {
      moves.add(Journal.Move.replace(staging + "/tables/" + table, table));
    }
    for (SampleOptions so : o.samples()) {
      String s = TableRoot.samplesName(so.task());
      moves.add(Journal.Move.replace(staging + "/tables/" + s, s));
    }
    moves.add(Journal.Move.replace(TableRoot.join(staging, Tables.DAYS), Tables.DAYS));
    moves.add(Journal.Move.replace(TableRoot.join(staging, Tables.MANIFEST), Tables.MANIFEST));
    return moves;
  }

  static long total(Map<String, Long> bySplit) {
    return bySplit.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Draws {@code so}'s samples into {@code t}: the contrastive task (train's default) with the
   * options left unset chosen from the data as the samples job does, the others as given.
   */
  static SamplesJob.Report draw(SparkSession spark, String t, SampleOptions so, NightlyOptions o) {
    if (so.task() != Task.CONTRASTIVE) {
      return SamplesJob.run(spark, t, so, o.workers(), o.batchSize());
    }
    return SamplesJob.run(
        spark,
        t,
        so,
        o.unset().contains(SamplePlan.WORKERS) ? null : o.workers(),
        o.unset().contains(SamplePlan.BATCH) ? null : o.batchSize(),
        o.unset());
  }
}
