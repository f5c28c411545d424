package org.octave2vec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch of a set of tables is all-or-nothing across crashes: stopped after any number of
 * moves, the next job's {@link TableSwap#recover} leaves exactly the new version, and a failure
 * before the journal leaves exactly the old one.
 */
class TableSwapTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();
  private static final List<String> NAMES =
      List.of("frames", "quarantine", "runs", "health", "reports/ingest.json");

  private Path version(Path root, String v) throws Exception {
    for (String n : NAMES) {
      Path p = root.resolve(n);
      if (n.endsWith(".json")) {
        Files.createDirectories(p.getParent());
        Files.writeString(p, v);
      } else {
        Files.createDirectories(p.resolve("sensor=p1"));
        Files.writeString(p.resolve("sensor=p1/part-0.parquet"), v);
        Files.writeString(p.resolve("_octave2vec.json"), v);
      }
    }
    return root;
  }

  private void assertVersion(Path root, String v) throws Exception {
    for (String n : NAMES) {
      Path f =
          n.endsWith(".json") ? root.resolve(n) : root.resolve(n + "/sensor=p1/part-0.parquet");
      assertEquals(v, Files.readString(f), n);
    }
  }

  @Test
  void aSwitchStoppedAfterAnyMoveIsCompletedByTheNextJob() throws Exception {
    for (int crashAfter = 0; crashAfter <= NAMES.size(); crashAfter++) {
      Path root = version(dir.resolve("T" + crashAfter), "old");
      Files.writeString(root.resolve("slices.keep"), "other tables stay");
      Files.createDirectories(root.resolve("reports"));
      Files.writeString(root.resolve("reports/slice.json"), "another job's report");
      version(root.resolve("_staging/x/new"), "new");
      TableSwap.commit(conf, root.toString(), "_staging/x/new", NAMES, "ingest", crashAfter);
      boolean stopped = Files.exists(root.resolve(TableSwap.JOURNAL));
      assertEquals(crashAfter < NAMES.size(), stopped, "journal left by a stop at " + crashAfter);
      assertEquals(stopped, TableSwap.recover(conf, root.toString()));
      assertVersion(root, "new");
      assertFalse(Files.exists(root.resolve(TableSwap.JOURNAL)));
      if (stopped) {
        assertFalse(Files.exists(root.resolve("_staging/x/new")), "staging removed by recover");
      }
      assertEquals("other tables stay", Files.readString(root.resolve("slices.keep")));
      assertEquals("another job's report", Files.readString(root.resolve("reports/slice.json")));
      assertFalse(TableSwap.recover(conf, root.toString()), "nothing left to do");
    }
  }

  @Test
  void aFailureBeforeTheSwitchLeavesTheOldVersionAndAFirstIngestHasNoneToMoveAside()
      throws Exception {
    Path root = version(dir.resolve("T"), "old");
    version(root.resolve("_staging/x/new"), "half");
    // the job died while building: no journal, so recover changes nothing
    assertFalse(TableSwap.recover(conf, root.toString()));
    assertVersion(root, "old");

    Path fresh = dir.resolve("fresh");
    version(fresh.resolve("_staging/y/new"), "first");
    TableSwap.commit(conf, fresh.toString(), "_staging/y/new", NAMES, "ingest");
    assertVersion(fresh, "first");
    assertTrue(Files.notExists(fresh.resolve(TableSwap.JOURNAL)));
  }
}
