package org.octave2vec.nightly;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.common.Provenance;
import org.octave2vec.common.TableRoot;

/**
 * What every way of updating the tables (a full build, an incremental run, a manifest-only commit)
 * is given: the session, the options, the report being filled, what changed since the manifest and
 * the manifest's entries, when the run started, and the commit hook tests inject.
 */
record NightlyRun(
    SparkSession spark,
    NightlyOptions o,
    NightlyReport.Builder rep,
    ManifestDiff.Result diff,
    Map<String, ManifestEntry> previous,
    Instant started,
    Journal.Hook hook) {

  Configuration conf() {
    return spark.sparkContext().hadoopConfiguration();
  }

  /** The table root being updated. */
  String root() {
    return o.tables();
  }

  /** This run's staging directory, relative to the root. */
  String staging() {
    return Tables.staging(rep.runId);
  }

  /** The staging directory's path under the root plus {@code rest}. */
  String staged(String rest) {
    return TableRoot.join(root(), staging(), rest);
  }

  Provenance provenance() {
    return NightlyJob.provenance(o, started);
  }

  /** Applies the moves from staging to the root through the journal (crash-safe). */
  void commit(List<Journal.Move> moves) throws IOException {
    new Journal(rep.runId, staging(), moves).commit(conf(), root(), hook);
  }
}
