package org.octave2vec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table root's lock: one holder, a refusal naming it, stale locks taken over, on disk and HDFS.
 */
class TableLockTest {
  @TempDir Path dir;
  final Configuration conf = new Configuration();

  @Test
  void aSecondWriterIsRefusedNamingTheHolderUntilTheFirstReleases() throws Exception {
    String root = dir.resolve("tables").toString();
    Path file = dir.resolve("tables").resolve(TableLock.FILE);
    try (TableLock first = TableLock.acquire(conf, root, "nightly")) {
      assertTrue(Files.exists(file));
      assertTrue(Files.readString(file).contains("\"job\" : \"nightly\""));
      UserException e =
          assertThrows(UserException.class, () -> TableLock.acquire(conf, root, "slice"));
      String pid = Long.toString(ProcessHandle.current().pid());
      assertTrue(
          e.getMessage().contains("are being written by 'nightly' (pid " + pid + " on "),
          e.getMessage());
      assertTrue(e.getMessage().contains(root), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line");
    }
    assertFalse(Files.exists(file), "released on close");
    try (TableLock again = TableLock.acquire(conf, root, "slice")) {
      assertEquals("slice", again.holder().job());
    }
  }

  @Test
  void manyWritersAtOnceGetExactlyOneLock() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        String root = dir.resolve("r" + round).toString();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TableLock>> tries = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          tries.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      return TableLock.acquire(conf, root, "w");
                    } catch (UserException e) {
                      return null;
                    }
                  }));
        }
        go.countDown();
        List<TableLock> held = new ArrayList<>();
        for (Future<TableLock> f : tries) {
          if (f.get() != null) {
            held.add(f.get());
          }
        }
        assertEquals(1, held.size(), "round " + round + ": exactly one holder");
        held.get(0).close();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLockOlderThanTheStaleAgeIsTakenOverAndAYoungerOneIsNot() throws Exception {
    String root = dir.resolve("tables").toString();
    Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
    writeLock(new TableLock.Holder("nightly", "other-host", 42, twoDaysAgo.toString(), "t1"));
    conf.set(TableLock.STALE_AFTER, "72h");
    assertThrows(UserException.class, () -> TableLock.acquire(conf, root, "ingest"));
    conf.set(TableLock.STALE_AFTER, "24h");
    try (TableLock taken = TableLock.acquire(conf, root, "ingest")) {
      assertEquals("ingest", taken.holder().job());
      assertTrue(Files.readString(lockFile()).contains("\"job\" : \"ingest\""));
    }
  }

  @Test
  void aLockOfADeadProcessOnThisHostIsTakenOverAtOnce() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    TableLock.Holder gone =
        TableLock.Holder.me("nightly"); // this host, a fresh start time, then another pid
    writeLock(new TableLock.Holder(gone.job(), gone.host(), p.pid(), gone.started(), gone.token()));
    try (TableLock taken = TableLock.acquire(conf, dir.resolve("tables").toString(), "slice")) {
      assertEquals("slice", taken.holder().job());
    }
  }

  @Test
  void closingATakenOverLockLeavesTheNewHoldersFile() throws Exception {
    String root = dir.resolve("tables").toString();
    TableLock first = TableLock.acquire(conf, root, "nightly");
    TableLock.Holder other =
        new TableLock.Holder("nightly", "other-host", 7, Instant.now().toString(), "t2");
    Files.delete(lockFile());
    writeLock(other);
    first.close();
    assertTrue(Files.readString(lockFile()).contains("\"t2\""), "the other holder's lock stays");
  }

  @Test
  void onHdfsTheNameNodeKeepsASecondWriterOut() throws Exception {
    Configuration c = new Configuration();
    c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
    c.set("dfs.replication", "1");
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
    try {
      dfs.waitActive();
      String root = dfs.getURI() + "/tables";
      try (TableLock first = TableLock.acquire(c, root, "nightly")) {
        UserException e =
            assertThrows(UserException.class, () -> TableLock.acquire(c, root, "samples"));
        assertTrue(e.getMessage().contains("'nightly'"), e.getMessage());
      }
      TableLock.acquire(c, root, "samples").close();
    } finally {
      dfs.shutdown();
    }
  }

  /** A lock of this host whose process has ended: every taker may take it over. */
  static TableLock.Holder deadHolder(long pid) {
    TableLock.Holder h = TableLock.Holder.me("nightly");
    return new TableLock.Holder(h.job(), h.host(), pid, h.started(), h.token());
  }

  /**
   * 8 threads find the same dead holder at once, 200 times: exactly one takes the lock each time
   * (before the takeover lock, a second taker deleted the first one's fresh lock: 185 of 300).
   */
  @Test
  void eightTakersOfADeadLockGetExactlyOneHolderEveryRound() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 200; round++) {
        Path root = dir.resolve("race-" + round);
        Files.createDirectories(root);
        Files.writeString(root.resolve(TableLock.FILE), Json.write(deadHolder(gone.pid())));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TableLock>> takers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          takers.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      return TableLock.acquire(conf, root.toString(), "slice");
                    } catch (UserException e) {
                      return null;
                    }
                  }));
        }
        start.countDown();
        List<TableLock> held = new ArrayList<>();
        for (Future<TableLock> f : takers) {
          if (f.get() != null) {
            held.add(f.get());
          }
        }
        assertEquals(1, held.size(), "round " + round + ": holders " + held.size());
        String onDisk = Files.readString(root.resolve(TableLock.FILE));
        assertTrue(onDisk.contains(held.get(0).holder().token()), "the holder's own file");
        assertFalse(Files.exists(root.resolve(TableLock.TAKEOVER)), "the takeover lock is gone");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One forked JVM's takers: every root in args[2..], held (never released) until all args[1] JVMs
   * have written their result beside args[0]: a live holder is never stale.
   */
  public static void main(String[] args) throws Exception {
    Configuration c = new Configuration();
    StringBuilder won = new StringBuilder();
    List<TableLock> keep = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      try {
        keep.add(TableLock.acquire(c, args[i], "jvm"));
        won.append(args[i]).append('\n');
      } catch (UserException e) {
        // held by another JVM
      }
    }
    Path mine = Path.of(args[0]);
    Files.writeString(mine.resolveSibling(mine.getFileName() + ".tmp"), won.toString());
    Files.move(mine.resolveSibling(mine.getFileName() + ".tmp"), mine);
    int jvms = Integer.parseInt(args[1]);
    for (int wait = 0; wait < 1200; wait++) {
      try (var files = Files.list(mine.getParent())) {
        if (files.filter(f -> f.getFileName().toString().matches("won-\\d+")).count() >= jvms) {
          return;
        }
      }
      Thread.sleep(100);
    }
  }

  /** 4 JVMs started together race for 200 dead locks: each lock ends with exactly one holder. */
  @Test
  void fourJvmsRacingForTheSameDeadLocksGetOneHolderEach() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    List<String> roots = new ArrayList<>();
    for (int round = 0; round < 200; round++) {
      Path root = dir.resolve("jvm-race-" + round);
      Files.createDirectories(root);
      Files.writeString(root.resolve(TableLock.FILE), Json.write(deadHolder(gone.pid())));
      roots.add(root.toString());
    }
    List<Process> jvms = new ArrayList<>();
    for (int j = 0; j < 4; j++) {
      List<String> cmd = org.octave2vec.ForkedJvm.command("-Xmx128m", dir);
      cmd.add(TableLockTest.class.getName());
      cmd.add(dir.resolve("won-" + j).toString());
      cmd.add("4");
      cmd.addAll(roots);
      jvms.add(
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("jvm-" + j + ".log").toFile())
              .start());
    }
    for (Process p : jvms) {
      assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(
          0, p.exitValue(), Files.readString(dir.resolve("jvm-" + jvms.indexOf(p) + ".log")));
    }
    java.util.Map<String, Integer> holders = new java.util.HashMap<>();
    for (int j = 0; j < 4; j++) {
      for (String r : Files.readAllLines(dir.resolve("won-" + j))) {
        holders.merge(r, 1, Integer::sum);
      }
    }
    for (String r : roots) {
      assertEquals(1, holders.getOrDefault(r, 0), r);
    }
  }

  private Path lockFile() {
    return dir.resolve("tables").resolve(TableLock.FILE);
  }

  private void writeLock(TableLock.Holder h) throws Exception {
    Files.createDirectories(lockFile().getParent());
    Files.write(lockFile(), Json.write(h).getBytes(StandardCharsets.UTF_8));
  }
}
