package org.octave2vec.nightly;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.octave2vec.common.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit of one nightly run: the list of moves that put its staged tables in place, written to
 * {@code _nightly/commit-<run>.json} (atomically: a temporary name, then a rename) before the first
 * move, and removed after the last one with the staging directory.
 *
 * <p>Each move is a directory (or file) rename inside one file system, so every partition and table
 * is at any moment either the old or the new one, never half-written. Moves are idempotent: a
 * {@code replace} whose source is gone was done already, a {@code delete} of nothing is done. So a
 * journal left by a run that died is simply replayed, in order, by the next run ({@link
 * #rollForward}); the manifest moves last, so until then the next run also sees the same files as
 * new or changed.
 */
final class Journal {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
  static final String DIR = "_nightly";
  static final String PREFIX = "commit-";
  static final String REPLACE = "replace";
  static final String DELETE = "delete";

  /**
   * Called before each move of a commit; tests inject one that throws after some moves, as a crash
   * between two renames would leave the tables.
   */
  @FunctionalInterface
  interface Hook {
    Hook NONE = (done, total) -> {};

    void beforeMove(int done, int total);
  }

  /** One step; paths are relative to the table root. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Move(String op, String from, String to) {
    static Move replace(String from, String to) {
      return new Move(REPLACE, from, to);
    }

    static Move delete(String to) {
      return new Move(DELETE, null, to);
    }
  }

  private final String runId;
  private final String staging;
  private final List<Move> moves;

  Journal(String runId, String staging, List<Move> moves) {
    this.runId = runId;
    this.staging = staging;
    this.moves = List.copyOf(moves);
  }

  List<Move> moves() {
    return moves;
  }

  /** Writes the journal, applies it and cleans up: the run's commit. */
  void commit(Configuration conf, String root, Hook hook) throws IOException {
    Path dir = new Path(root, DIR);
    FileSystem fs = dir.getFileSystem(conf);
    fs.mkdirs(dir);
    Path tmp = new Path(dir, "_tmp-" + PREFIX + runId + ".json");
    Json.write(conf, tmp.toString(), new File(runId, staging, moves));
    Path journal = new Path(dir, PREFIX + runId + ".json");
    if (!fs.rename(tmp, journal)) {
      throw new IOException("cannot publish the commit journal " + journal);
    }
    apply(fs, new Path(root), hook);
    finish(fs, new Path(root), journal);
  }

  /** Replays every journal left under {@code root} (oldest first); returns their run ids. */
  static List<String> rollForward(Configuration conf, String root, Hook hook) throws IOException {
    Path dir = new Path(root, DIR);
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      return List.of();
    }
    FileStatus[] found =
        fs.listStatus(dir, p -> p.getName().startsWith(PREFIX) && p.getName().endsWith(".json"));
    Arrays.sort(found, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    List<String> done = new ArrayList<>();
    for (FileStatus st : found) {
      File f = Json.read(conf, st.getPath().toString(), File.class, "no journal");
      Journal j = new Journal(f.runId(), f.staging(), f.moves());
      LOG.warn(
          "nightly: run {} stopped during its commit; finishing its {} moves",
          j.runId,
          j.moves.size());
      j.apply(fs, new Path(root), hook);
      j.finish(fs, new Path(root), st.getPath());
      done.add(j.runId);
    }
    return done;
  }

  private void apply(FileSystem fs, Path root, Hook hook) throws IOException {
    int n = 0;
    for (Move m : moves) {
      hook.beforeMove(n, moves.size());
      Path to = new Path(root, m.to());
      if (m.op().equals(DELETE)) {
        fs.delete(to, true);
        deleteIfEmpty(fs, to.getParent(), root);
      } else {
        Path from = new Path(root, m.from());
        if (fs.exists(from)) {
          fs.delete(to, true);
          fs.mkdirs(to.getParent());
          if (!fs.rename(from, to)) {
            throw new IOException("cannot move " + from + " to " + to);
          }
        } else if (!fs.exists(to)) {
          throw new IOException(
              "journal of run "
                  + runId
                  + ": neither "
                  + from
                  + " nor "
                  + to
                  + " exists; the staged data was removed by hand");
        }
      }
      n++;
    }
  }

  private void finish(FileSystem fs, Path root, Path journal) throws IOException {
    fs.delete(new Path(root, staging), true);
    fs.delete(journal, false);
  }

  /** A partition's sensor directory left empty by its last date is removed too. */
  private static void deleteIfEmpty(FileSystem fs, Path dir, Path root) throws IOException {
    if (dir != null && !dir.equals(root) && fs.exists(dir) && fs.listStatus(dir).length == 0) {
      fs.delete(dir, false);
    }
  }

  /** The journal file: run id, staging directory and the moves in order. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record File(
      @JsonProperty(value = "run_id", required = true) String runId,
      String staging,
      @JsonProperty(required = true) List<Move> moves) {}
}
