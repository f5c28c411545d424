package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.HadoopConf;

/**
 * One executor task's memory on hostile but plausible input, in a forked JVM with a 512 MB heap: 10
 * M valid rows of a single epoch in one small gzip (one frame kept, every other row a duplicate),
 * and a zip of 10,000 members. Three bands (the zip's 29-band members are read by name) keep the
 * test fast; the bound counts frames held, whatever their width. Before sorting spilled to disk,
 * the gzip did not fit in 1 GB of heap even at this width (measured).
 */
class BoundedMemoryTest {
  static final int ROWS = 10_000_000;
  static final int MEMBERS = 10_000;
  static final String HEAP = "-Xmx512m";
  static final String BANDS = "Fast_100,Fast_125,Fast_160";

  @Test
  void tenMillionRowsOfOneEpochAndTenThousandMembersIngestIn512MbOfHeap() throws Exception {
    Path dir = Path.of("target", "bounded-memory").toAbsolutePath();
    Files.createDirectories(dir);
    Path gz = dir.resolve("p1.csv.gz");
    Path zip = dir.resolve("many.zip");
    oneEpochGzip(gz, ROWS);
    manyMembersZip(zip, MEMBERS);
    Path staging = Files.createTempDirectory(dir, "staging-");

    List<String> cmd = org.octave2vec.ForkedJvm.command(HEAP, dir);
    cmd.addAll(
        List.of(Task.class.getName(), BANDS, staging.toString(), gz.toString(), zip.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), "the forked task failed:\n" + tail(out));
    Map<String, Long> r = counts(out);
    System.out.println("BoundedMemoryTest " + HEAP + ": " + r);

    // the gzip: one frame kept, every other row a duplicate
    assertEquals(ROWS, r.get("gz.read"));
    assertEquals(1, r.get("gz.kept"));
    assertEquals(ROWS - 1, r.get("gz.quarantined"));
    // the zip: 2 rows per CSV member, one of them a duplicate in every tenth member; 1 in 50
    // skipped
    assertEquals(2L * 9_800, r.get("zip.read"));
    assertEquals(2L * 9_800 - 1_000, r.get("zip.kept"));
    assertEquals(1_000, r.get("zip.quarantined"));
    assertEquals(200, r.get("zip.skipped"));
    assertEquals(9_800, r.get("zip.sources"));
    assertEquals(0, r.get("leftover_runs"), "sorted runs removed from the spill directory");
    assertTrue(r.get("peak_heap_mb") <= 512, "peak " + r.get("peak_heap_mb"));
    try (var files = Files.walk(staging)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  /** Rows of one epoch, streamed through gzip: ≈ 1.9 GB of CSV in a few MB on disk. */
  static void oneEpochGzip(Path f, int rows) throws IOException {
    if (Files.exists(f)) {
      return; // deterministic: kept between runs
    }
    byte[] line = (Csv.T0 + ",40.00,40.10,40.20\n").getBytes(StandardCharsets.US_ASCII);
    byte[] block = new byte[line.length * 1000];
    for (int i = 0; i < 1000; i++) {
      System.arraycopy(line, 0, block, i * line.length, line.length);
    }
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
      out.write(("epoch," + BANDS + "\n").getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < rows / 1000; i++) {
        out.write(block);
      }
    }
    Files.move(tmp, f);
  }

  /** 2-row CSV members (every tenth with a duplicated epoch) and every 50th member a text file. */
  static void manyMembersZip(Path f, int members) throws IOException {
    if (Files.exists(f)) {
      return;
    }
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    try (ZipArchiveOutputStream z =
        new ZipArchiveOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      for (int i = 0; i < members; i++) {
        boolean text = i % 50 == 49;
        z.putArchiveEntry(
            new ZipArchiveEntry("d/p" + (i % 100) + "/" + i + (text ? ".txt" : ".csv")));
        String body =
            text
                ? "notes\n"
                : Csv.header()
                    + "\n"
                    + Csv.row(2 * i, 40)
                    + "\n"
                    + Csv.row(i % 10 == 0 ? 2 * i : 2 * i + 1, 41)
                    + "\n";
        z.write(body.getBytes(StandardCharsets.US_ASCII));
        z.closeArchiveEntry();
      }
    }
    Files.move(tmp, f);
  }

  private static Map<String, Long> counts(String out) {
    Map<String, Long> m = new TreeMap<>();
    for (String l : out.split("\n")) {
      if (l.startsWith("COUNT ")) {
        String[] kv = l.substring(6).split("=");
        m.put(kv[0], Long.parseLong(kv[1].trim()));
      }
    }
    return m;
  }

  private static String tail(String s) {
    return s.length() < 4000 ? s : s.substring(s.length() - 4000);
  }

  /** The forked JVM: runs the files through {@link IngestTask} as one executor task does. */
  public static final class Task {
    public static void main(String[] a) throws IOException {
      Configuration conf = new Configuration();
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      long before = runs(tmp);
      ParseSettings settings = ParseSettings.defaults().withLayout(BandLayout.parse(a[0]));
      for (int k = 2; k < a.length; k++) {
        String name = a[k].endsWith(".zip") ? "zip" : "gz";
        TaskSide side = new TaskSide(conf, a[1], k, 0);
        long[] kept = {0};
        IngestTask.run(
            List.of(a[k]).iterator(),
            new HadoopConf(conf),
            settings,
            125,
            62,
            org.octave2vec.common.LevelEncoding.CENTI_DB,
            side,
            (sensor, date, epochMs, bands, extras, source) -> kept[0]++);
        long read = 0;
        long rejectedInReader = 0;
        for (SourceStats s : side.summary.stats) {
          read += s.dataLines();
          rejectedInReader += s.rowsRejected();
        }
        System.out.println("COUNT " + name + ".read=" + read);
        System.out.println("COUNT " + name + ".kept=" + kept[0]);
        System.out.println("COUNT " + name + ".quarantined=" + side.summary.rejects);
        System.out.println("COUNT " + name + ".rejected_by_reader=" + rejectedInReader);
        System.out.println("COUNT " + name + ".sources=" + side.summary.stats.size());
        System.out.println("COUNT " + name + ".skipped=" + side.summary.skipped.size());
      }
      System.out.println("COUNT leftover_runs=" + (runs(tmp) - before));
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.println("COUNT peak_heap_mb=" + (peak >> 20));
    }

    private static long runs(Path dir) throws IOException {
      try (var s = Files.list(dir)) {
        return s.filter(p -> p.getFileName().toString().startsWith("octave2vec-sort-")).count();
      }
    }
  }
}
