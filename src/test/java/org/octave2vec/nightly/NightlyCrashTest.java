package org.octave2vec.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.TableLock;
import org.octave2vec.common.UserException;
import org.octave2vec.nightly.NightlyFixtures.Snapshot;

/**
 * A run that dies: first after its journal is written but before any move (the tables are still
 * exactly the previous ones), then — while the next run finishes that commit — after a few moves
 * (every table and partition is the old or the new one, all readable). The run after that finishes
 * the job, and the tables equal an uninterrupted run's.
 */
class NightlyCrashTest {
  static final List<String> TASKS = List.of("cbow");
  @TempDir Path dir;

  /** A commit that dies before move {@code n}, as a crash between two renames would. */
  static Journal.Hook failAfter(int n) {
    return (done, total) -> {
      if (done >= n) {
        throw new IllegalStateException(
            "simulated failure after " + done + " of " + total + " moves");
      }
    };
  }

  @Test
  void aCommitCutShortIsFinishedByTheNextRun() throws Exception {
    Path archive = NightlyFixtures.archive(dir.resolve("gen"), 2, 0.5, NightlyFixtures.START, 21);
    Path tables = dir.resolve("tables");
    NightlyOptions o = NightlyFixtures.options(archive, tables);
    NightlyJob.run(TestSpark.get(), o);
    Snapshot old = Snapshot.of(tables.toString(), TASKS);

    // the night's changes: a new day for p0002, and other values (same rows and epochs) in a file
    // of
    // p0001, so the run crossing midnight into it keeps its bounds but must be cut again
    Path extra =
        NightlyFixtures.archive(dir.resolve("gen-extra"), 2, 0.1, NightlyFixtures.NEXT_DAY, 22);
    Files.copy(extra.resolve("p0002/2025-11-03.csv"), archive.resolve("p0002/2025-11-03.csv"));
    NightlyFixtures.louder(archive.resolve("p0001/2025-11-02.csv"), 0.5);
    Snapshot want = Snapshot.of(NightlyFixtures.plain(o, dir.resolve("uninterrupted")), TASKS);

    // 1. dies right after writing its journal: the tables are the previous ones, file for file
    Map<String, String> before = NightlyFixtures.files(tables, "");
    assertThrows(
        IllegalStateException.class, () -> NightlyJob.run(TestSpark.get(), o, failAfter(0)));
    Map<String, String> after = NightlyFixtures.files(tables, "");
    after.keySet().removeIf(k -> k.startsWith("_nightly/"));
    before.keySet().removeIf(k -> k.startsWith("_nightly/"));
    assertEquals(before, after, "nothing moved yet: the previous tables, file for file");
    assertEquals(1, inNightlyDir(tables, Journal.PREFIX), "the journal is there for the next run");

    // 2. the next run finishes that commit, and dies itself after 3 moves
    assertThrows(
        IllegalStateException.class, () -> NightlyJob.run(TestSpark.get(), o, failAfter(3)));
    Snapshot mixed = Snapshot.of(tables.toString(), TASKS);
    for (String table : mixed.counts().keySet()) {
      long n = mixed.counts().get(table);
      assertTrue(
          n == old.counts().get(table) || n == want.counts().get(table),
          table
              + ": "
              + n
              + " rows, neither the old "
              + old.counts().get(table)
              + " nor the new "
              + want.counts().get(table));
    }
    mixed
        .frames()
        .forEach(
            (day, v) ->
                assertTrue(
                    v.equals(old.frames().get(day)) || v.equals(want.frames().get(day)),
                    day + " is neither its old nor its new partition"));
    assertFalse(mixed.frames().equals(old.frames()), "frames partitions moved first");
    assertEquals(old.runs(), mixed.runs(), "runs not moved yet: the window a reader may see mixed");
    assertEquals(
        mixed.counts().get("frames"),
        countWithDuckDb(tables),
        "another reader reads the same frames");

    // 3. the run after that finishes the job: the tables are an uninterrupted run's
    NightlyReport r = NightlyJob.run(TestSpark.get(), o);
    assertEquals(1, r.recovered().size());
    assertEquals(NightlyReport.NOTHING, r.mode(), "the finished commit recorded the files");
    assertEquals(0, inNightlyDir(tables, Journal.PREFIX));
    assertEquals(0, inNightlyDir(tables, "staging-"), "staging removed");
    NightlyFixtures.assertSameTables(want, Snapshot.of(tables.toString(), TASKS));
  }

  /**
   * Two runs on the same tables (a cron run and a manual one): the second, started while the first
   * commits, exits 2 naming the holder; the first finishes, and the tables equal a single run's.
   */
  @Test
  void aSecondRunWhileTheFirstCommitsIsRefusedNamingIt() throws Exception {
    Path archive = NightlyFixtures.archive(dir.resolve("gen"), 2, 0.25, NightlyFixtures.START, 23);
    Path tables = dir.resolve("tables");
    NightlyOptions o = NightlyFixtures.options(archive, tables);
    AtomicReference<Throwable> second = new AtomicReference<>();
    Journal.Hook startAnother =
        (done, total) -> {
          if (done == 1) {
            Thread t =
                new Thread(
                    () -> {
                      try {
                        NightlyJob.run(TestSpark.get(), o);
                      } catch (Throwable e) {
                        second.set(e);
                      }
                    });
            t.start();
            try {
              t.join();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
        };
    NightlyJob.run(TestSpark.get(), o, startAnother);
    // a UserException: Main prints its one line and exits with status 2
    assertTrue(second.get() instanceof UserException, "refused: " + second.get());
    assertTrue(
        second.get().getMessage().contains("are being written by 'nightly' (pid "),
        second.get().getMessage());
    assertFalse(Files.exists(tables.resolve(TableLock.FILE)), "released");
    Snapshot want = Snapshot.of(NightlyFixtures.plain(o, dir.resolve("single")), TASKS);
    NightlyFixtures.assertSameTables(want, Snapshot.of(tables.toString(), TASKS));
  }

  private static long inNightlyDir(Path tables, String prefix) throws Exception {
    try (Stream<Path> s = Files.list(tables.resolve("_nightly"))) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
    }
  }

  private static long countWithDuckDb(Path tables) throws Exception {
    return org.octave2vec.DuckDb.longs(
        "SELECT count(*) FROM read_parquet('"
            + tables
            + "/frames/*/*/*.parquet', hive_partitioning = true)")[0];
  }
}
