package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** Plain files, gzip and archives, including broken and hostile ones. */
class SourceOpenerTest {
  private final ParseSettings settings = ParseSettings.defaults();

  private Csv.Collect open(byte[] bytes, String name, ParseSettings s) {
    Csv.Collect c = new Csv.Collect();
    new SourceOpener(s).read(new ByteArrayInputStream(bytes), name, c);
    return c;
  }

  private Csv.Collect open(byte[] bytes, String name) {
    return open(bytes, name, settings);
  }

  static byte[] zip(String... nameAndText) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(bos)) {
      for (int i = 0; i < nameAndText.length; i += 2) {
        z.putArchiveEntry(new ZipArchiveEntry(nameAndText[i]));
        z.write(nameAndText[i + 1].getBytes(StandardCharsets.UTF_8));
        z.closeArchiveEntry();
      }
    }
    return bos.toByteArray();
  }

  static byte[] tar(boolean gzip, String... nameAndText) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t =
        new TarArchiveOutputStream(gzip ? new GZIPOutputStream(bos) : bos)) {
      for (int i = 0; i < nameAndText.length; i += 2) {
        byte[] data = nameAndText[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(nameAndText[i]);
        e.setSize(data.length);
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
      }
    }
    return bos.toByteArray();
  }

  @Test
  void gzippedCsvIsOneSourceNamedByTheFile() throws IOException {
    Csv.Collect c = open(Csv.gzip(Csv.file(5)), "/data/p0640.csv.gz");
    assertEquals(5, c.frames.size());
    assertEquals("p0640", c.frameSensors.get(0));
    assertEquals(1, c.stats.size());
  }

  @Test
  void zipMembersAreSourcesAndOtherMembersSkipped() throws IOException {
    byte[] z = zip("a/p1.csv", Csv.file(2), "b/p2.csv", Csv.file(3), "README.txt", "hi");
    Csv.Collect c = open(z, "/x/arch.zip");
    assertEquals(5, c.frames.size());
    assertEquals(List.of("p1", "p1", "p2", "p2", "p2"), c.frameSensors);
    assertEquals("/x/arch.zip!/a/p1.csv", c.frameSources.get(0));
    assertEquals(List.of("/x/arch.zip!/README.txt"), c.skipped);
  }

  @Test
  void pathTraversalMembersAreOnlyLabels() throws IOException {
    byte[] t = tar(true, "../../etc/p9.csv", Csv.file(2));
    Csv.Collect c = open(t, "/x/a.tgz");
    assertEquals(2, c.frames.size());
    assertEquals("p9", c.frameSensors.get(0));
    assertEquals("/x/a.tgz!/../../etc/p9.csv", c.frameSources.get(0));
  }

  /** A tar whose members link to /etc/passwd: the links are skipped, never read. */
  @Test
  void linksInsideAnArchiveAreSkippedNotFollowed() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(bos))) {
      for (byte kind : new byte[] {TarArchiveEntry.LF_SYMLINK, TarArchiveEntry.LF_LINK}) {
        TarArchiveEntry link =
            new TarArchiveEntry(kind == TarArchiveEntry.LF_LINK ? "hard.csv" : "evil.csv", kind);
        link.setLinkName("/etc/passwd");
        t.putArchiveEntry(link);
        t.closeArchiveEntry();
      }
      byte[] data = Csv.file(2).getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry("p1.csv");
      e.setSize(data.length);
      t.putArchiveEntry(e);
      t.write(data);
      t.closeArchiveEntry();
    }
    Csv.Collect c = open(bos.toByteArray(), "/x/a.tar.gz");
    assertEquals(2, c.frames.size());
    assertEquals(List.of("/x/a.tar.gz!/evil.csv", "/x/a.tar.gz!/hard.csv"), c.skipped);
    assertEquals(0, c.rejects.size());
  }

  @Test
  void tarAndTarGzAreRead() throws IOException {
    assertEquals(4, open(tar(false, "p1.csv", Csv.file(4)), "a.tar").frames.size());
    assertEquals(4, open(tar(true, "p1.csv", Csv.file(4)), "a.tar.gz").frames.size());
  }

  @Test
  void truncatedGzipKeepsRowsBeforeTheBreakAndQuarantinesTheBreak() throws IOException {
    byte[] gz = Csv.gzip(Csv.file(2000));
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);
    Csv.Collect c = open(cut, "p1.csv.gz");
    Object[] r = c.only(Reason.TRUNCATED_GZIP);
    long kept = c.frames.size();
    assertTrue(kept > 100 && kept < 2000, "rows before the break kept: " + kept);
    assertEquals(kept + 2, (long) r[2], "the break is on the line after the last complete one");
    assertEquals(kept, c.stats.get(0).dataLines());
  }

  @Test
  void garbageGzipAndArchivesAreRejectedWhole() {
    byte[] junk = "this is not compressed".getBytes(StandardCharsets.UTF_8);
    assertEquals(1, open(junk, "p1.csv.gz").count(Reason.TRUNCATED_GZIP));
    assertEquals(1, open(junk, "a.tar.gz").count(Reason.UNREADABLE_ARCHIVE));
    Csv.Collect z = open(junk, "a.zip");
    assertEquals(0, z.frames.size());
    assertEquals(0, z.stats.size());
  }

  @Test
  void decompressionBombIsCutAtTheBoundKeepingEarlierRows() throws IOException {
    StringBuilder sb = new StringBuilder(Csv.file(10));
    sb.append("9".repeat(5_000_000)); // compresses to a few kB
    byte[] gz = Csv.gzip(sb.toString());
    assertTrue(gz.length < 50_000);
    Csv.Collect c = open(gz, "p1.csv.gz", settings.withBounds(64 * 1024, 1 << 20));
    assertEquals(10, c.frames.size());
    Object[] r = c.only(Reason.FILE_TOO_LARGE);
    assertTrue(((String) r[3]).length() <= ParseSettings.RAW_MAX_CHARS + 1);
  }

  @Test
  void skippedMembersCountTowardTheArchiveCapAndEndTheArchive() throws IOException {
    String a = Csv.file(3);
    byte[] z = zip("p1.csv", a, "big.bin", "0".repeat(5000), "p2.csv", Csv.file(3));
    long cap = a.length() + 2000; // a fits, the skipped member does not
    Csv.Collect c = open(z, "/x/arch.zip", settings.withBounds(64 * 1024, cap));
    assertEquals(3, c.frames.size(), "rows of the member before the cut kept");
    assertEquals(List.of("/x/arch.zip!/big.bin"), c.skipped);
    assertEquals(1, c.stats.size(), "p2.csv, after the cut, is not read");
    Object[] r = c.only(Reason.FILE_TOO_LARGE);
    assertEquals("/x/arch.zip", r[1]);
    assertEquals(0L, r[2]);
    assertTrue(((String) r[5]).startsWith("stopped in member big.bin:"), (String) r[5]);
    assertEquals(1, c.rejects.size());
  }

  @Test
  void manyMembersEachUnderTheCapShareIt() throws IOException {
    String m = Csv.file(1);
    String[] members = new String[2 * 100];
    for (int i = 0; i < 100; i++) {
      members[2 * i] = "p" + i + ".csv";
      members[2 * i + 1] = m;
    }
    long cap = 9L * m.length() + m.length() / 2; // nine whole members and half of the tenth
    Csv.Collect c = open(zip(members), "/x/many.zip", settings.withBounds(64 * 1024, cap));
    assertEquals(9, c.frames.size());
    assertEquals(10, c.stats.size(), "nine members read, the tenth cut, the other 90 not read");
    assertEquals(2, c.count(Reason.FILE_TOO_LARGE), "the cut member and the archive");
    assertEquals("/x/many.zip!/p9.csv", c.rejects.get(0)[1]);
    assertEquals("/x/many.zip", c.rejects.get(1)[1]);
    // tar.gz: the same shared cap
    Csv.Collect t = open(tar(true, members), "/x/many.tgz", settings.withBounds(64 * 1024, cap));
    assertEquals(9, t.frames.size());
    assertEquals(10, t.stats.size());
    // and a cap that holds them all reads them all
    Csv.Collect all =
        open(zip(members), "/x/many.zip", settings.withBounds(64 * 1024, 100L * m.length()));
    assertEquals(100, all.frames.size());
    assertEquals(0, all.rejects.size());
  }

  @Test
  void sensorIdRules() {
    assertEquals("p0640", SensorIdRule.fileName().sensorOf("hdfs://nn/x/p0640.csv.gz"));
    assertEquals("p0640", SensorIdRule.parentDirectory().sensorOf("/data/p0640/2024-05-01.csv.gz"));
    assertEquals(
        "p0640", SensorIdRule.parentDirectory().sensorOf("/data/x.zip!/p0640/2024-05-01.csv"));
    assertEquals("data", SensorIdRule.parentDirectory().sensorOf("/data/x.zip!/2024-05-01.csv"));
    assertEquals("0640", SensorIdRule.regex("sensor_(\\d+)_").sensorOf("/d/sensor_0640_day3.csv"));
    Csv.Collect c = new Csv.Collect();
    new SourceOpener(settings.withSensorRule(SensorIdRule.regex("sensor_(\\d+)")))
        .read(Csv.in(Csv.file(1)), "/d/other.csv", c);
    assertEquals(1, c.count(Reason.NO_SENSOR_ID));
  }

  @Test
  void sensorIdsOutsideTheConservativeSetAreRejectedNamingThem() {
    for (String ok : List.of("p0640", "a", "S-1_x.2", "9".repeat(64))) {
      assertEquals(null, SensorIdRule.invalid(ok), ok);
    }
    for (String bad :
        List.of("..", ".", ".hidden", "-x", "_x", "a/b", "p 1", "é", "9".repeat(65))) {
      assertTrue(SensorIdRule.invalid(bad).startsWith("sensor id '"), bad);
    }
    // an archive member ../x.csv read with --sensor-from parent would name the sensor ..
    Csv.Collect c = new Csv.Collect();
    new SourceOpener(settings.withSensorRule(SensorIdRule.parentDirectory()))
        .read(Csv.in(Csv.file(2)), "/d/a.zip!/../x.csv", c);
    Object[] r = c.only(Reason.BAD_SENSOR_ID);
    assertEquals(null, r[0], "no sensor column for an id that is not one");
    assertTrue(((String) r[5]).startsWith("sensor id '..' is not allowed"), (String) r[5]);
    assertEquals(0, c.frames.size());
    assertTrue(c.stats.get(0).fileRejected());
  }
}
