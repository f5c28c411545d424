package org.octave2vec.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches a set of tables (and files) built in a staging directory into a table root together, so
 * that outside readers (DuckDB, Spark, pandas) never see a half-written version: the job writes
 * everything under {@code STAGING/}, then {@link #commit} writes a journal naming the moves and
 * renames each entry into place (the previous one moved aside first). A failure before the journal
 * leaves the previous version untouched; a kill after it is completed by {@link #recover}, which
 * the next job writing that root runs first.
 *
 * <p>What is atomic where: on a local file system and HDFS each rename is atomic and the whole
 * switch takes milliseconds; a reader can see a mix of versions only during those renames. On S3 a
 * rename is a copy then a delete, so the switch takes as long as copying the tables; the journal
 * still makes it complete after a crash.
 */
public final class TableSwap {
  private static final Logger LOG = LoggerFactory.getLogger(TableSwap.class);

  /** The journal in the table root, present only while a switch is under way. */
  public static final String JOURNAL = "_octave2vec.commit.json";

  private TableSwap() {}

  /**
   * What a switch moves: {@code names} from {@code staging} into the root, in order; both
   * directories relative to the root (a root URI may hold credentials: the journal never does).
   */
  public record Journal(
      String job,
      String staging,
      @JsonProperty("previous_to") String previousTo,
      List<String> names) {}

  /**
   * Moves {@code names} (paths relative to both roots, e.g. {@code frames}, {@code
   * reports/ingest.json}) from {@code root/staging} into {@code root}; the previous entries end
   * under {@code root/staging/_previous}, which the caller deletes with the staging directory.
   */
  public static void commit(
      Configuration conf, String root, String staging, List<String> names, String job) {
    commit(conf, root, staging, names, job, Integer.MAX_VALUE);
  }

  /** The same, stopping as if killed after {@code movesBeforeCrash} moves (for the tests). */
  static void commit(
      Configuration conf,
      String root,
      String staging,
      List<String> names,
      String job,
      int movesBeforeCrash) {
    Journal j = new Journal(job, staging, staging + "/_previous", List.copyOf(names));
    try {
      Path journal = new Path(root, JOURNAL);
      Path tmp = new Path(root, JOURNAL + ".tmp");
      FileSystem fs = journal.getFileSystem(conf);
      try (java.io.OutputStream out = fs.create(tmp, true)) {
        out.write(Json.write(j).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      fs.delete(journal, false);
      rename(fs, tmp, journal); // the journal appears whole or not at all
      finish(conf, root, j, movesBeforeCrash);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot switch the new tables into " + root, e);
    }
  }

  /**
   * Completes a switch that a killed job left half-done (a journal in {@code root}); returns
   * whether there was one.
   */
  public static boolean recover(Configuration conf, String root) {
    Path journal = new Path(root, JOURNAL);
    try {
      FileSystem fs = journal.getFileSystem(conf);
      if (!fs.exists(journal)) {
        return false;
      }
      Journal j = Json.read(conf, journal.toString(), Journal.class, "no journal at " + root);
      LOG.warn(
          "{}: completing the switch of {} into {} that a stopped {} run left half-done",
          j.job(),
          j.names(),
          Redact.text(root),
          j.job());
      finish(conf, root, j, Integer.MAX_VALUE);
      fs.delete(new Path(root, j.staging()), true);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot complete the switch recorded in " + journal, e);
    }
  }

  /** Every move not yet done (idempotent: an entry still in staging has not been moved). */
  private static void finish(Configuration conf, String root, Journal j, int movesBeforeCrash)
      throws IOException {
    FileSystem fs = new Path(root).getFileSystem(conf);
    int moves = 0;
    for (String name : j.names()) {
      Path next = new Path(new Path(root, j.staging()), name);
      if (!fs.exists(next)) {
        continue; // moved before a crash
      }
      Path live = new Path(root, name);
      Path previous = new Path(new Path(root, j.previousTo()), name);
      if (fs.exists(live)) {
        fs.mkdirs(previous.getParent());
        fs.delete(previous, true);
        rename(fs, live, previous);
      }
      if (moves++ >= movesBeforeCrash) {
        return;
      }
      fs.mkdirs(live.getParent());
      rename(fs, next, live);
    }
    fs.delete(new Path(root, JOURNAL), false);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to);
    }
  }
}
