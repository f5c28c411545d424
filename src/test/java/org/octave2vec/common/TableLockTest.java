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

  private Path lockFile() {
    return dir.resolve("tables").resolve(TableLock.FILE);
  }

  private void writeLock(TableLock.Holder h) throws Exception {
    Files.createDirectories(lockFile().getParent());
    Files.write(lockFile(), Json.write(h).getBytes(StandardCharsets.UTF_8));
  }
}
