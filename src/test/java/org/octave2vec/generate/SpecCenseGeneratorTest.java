package org.octave2vec.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecCenseGeneratorTest {
  static final String HEADER =
      "epoch,Fast_20,Fast_25,Fast_31.5,Fast_40,Fast_50,Fast_63,Fast_80,"
          + "Fast_100,Fast_125,Fast_160,Fast_200,Fast_250,Fast_315,Fast_400,Fast_500,Fast_630,"
          + "Fast_800,Fast_1000,Fast_1250,Fast_1600,Fast_2000,Fast_2500,Fast_3150,Fast_4000,"
          + "Fast_5000,Fast_6300,Fast_8000,Fast_10000,Fast_12500,LAeq";

  /** 2025-10-31T23:55:00Z: a quarter hour from here crosses midnight, so daily files split. */
  static final long LATE_EVENING = 1761954900000L;

  static GenerateOptions small() {
    return GenerateOptions.defaults()
        .withSensors(2)
        .withHours(0.25)
        .withCorruptRate(0.05)
        .withDropRate(0.01)
        .withOutagesPerHour(8)
        .withStartEpochMs(LATE_EVENING)
        .withSplitDays(true);
  }

  @Test
  void sameOptionsGiveIdenticalBytesAndAnotherSeedDiffers(@TempDir Path tmp) throws IOException {
    for (String format : List.of("csv", "csv.gz", "zip", "tar.gz")) {
      GenerateOptions o = small().withHours(0.05).withFormat(ArchiveFormat.of(format));
      SpecCenseGenerator.generate(o, tmp.resolve(format + "-a"));
      SpecCenseGenerator.generate(o, tmp.resolve(format + "-b"));
      assertSameTree(tmp.resolve(format + "-a"), tmp.resolve(format + "-b"));
      GenerateSummary other =
          SpecCenseGenerator.generate(o.withSeed(43), tmp.resolve(format + "-c"));
      Path first = other.files().get(0);
      Path same = tmp.resolve(format + "-a").resolve(tmp.resolve(format + "-c").relativize(first));
      assertFalse(
          java.util.Arrays.equals(Files.readAllBytes(same), Files.readAllBytes(first)),
          format + ": another seed must change the data");
    }
  }

  @Test
  void aSensorDoesNotDependOnTheSensorCount(@TempDir Path tmp) throws IOException {
    GenerateOptions o = small().withHours(0.05).withSplitDays(false).withFormat(ArchiveFormat.CSV);
    SpecCenseGenerator.generate(o.withSensors(1), tmp.resolve("one"));
    SpecCenseGenerator.generate(o.withSensors(3), tmp.resolve("three"));
    assertArrayEquals(
        Files.readAllBytes(tmp.resolve("one/archive/p0001.csv")),
        Files.readAllBytes(tmp.resolve("three/archive/p0001.csv")));
  }

  @Test
  void rowsReadBackMatchSummaryAndTruth(@TempDir Path tmp) throws IOException {
    GenerateOptions o = small();
    GenerateSummary s = SpecCenseGenerator.generate(o, tmp);
    Map<String, List<String>> members = readMembers(tmp.resolve("archive"), o.format().id());
    assertEquals(
        Set.of(
            "p0001/2025-10-31.csv",
            "p0001/2025-11-01.csv",
            "p0002/2025-10-31.csv",
            "p0002/2025-11-01.csv"),
        members.keySet());
    Check c = check(members, o);

    assertEquals(s.rowsWritten(), c.rows);
    assertEquals(s.framesValid(), c.valid);
    assertEquals(s.corruptByReason(), c.byReason);
    assertEquals(s.duplicates(), c.byReason.get("duplicate"));
    assertEquals(s.outOfOrderSwaps(), c.swaps);
    assertEquals(s.runsPerSensor(), c.runs);
    assertEquals(s.totalRuns(), c.runs.values().stream().mapToInt(Integer::intValue).sum());
    c.byReason.forEach((reason, n) -> assertTrue(n > 0, "no row with reason " + reason));
    assertTrue(s.outages() > 0 && s.droppedFrames() > 0, "expected gaps: " + s);
    assertEquals(s.rowsWritten(), s.framesValid() + s.quarantinedRows());
    // Every slot is valid, dropped, in an outage, or replaced by a corrupted row.
    assertEquals(
        s.framesExpected(),
        s.framesValid()
            + s.droppedFrames()
            + s.outageFrames()
            + s.quarantinedRows()
            - s.duplicates());
    members.forEach((m, lines) -> assertEquals((long) lines.size() - 1, s.rowsPerMember().get(m)));

    JsonNode t = new ObjectMapper().readTree(tmp.resolve("truth.json").toFile());
    assertEquals(s.rowsWritten(), t.get("rowsWritten").asLong());
    assertEquals(s.framesValid(), t.get("framesValid").asLong());
    assertEquals(s.duplicates(), t.get("duplicates").asLong());
    assertEquals(s.totalRuns(), t.get("totalRuns").asInt());
    assertEquals(s.outages(), t.get("outages").get("count").asInt());
    assertEquals(s.outOfOrderSwaps(), t.get("outOfOrderSwaps").asLong());
    c.byReason.forEach((r, n) -> assertEquals(n, t.get("corruptByReason").get(r).asLong()));
    c.runs.forEach((sensor, n) -> assertEquals(n, t.get("runsPerSensor").get(sensor).asInt()));
    assertEquals(4, t.get("files").size());
    assertTrue(t.get("files").get(0).asText().startsWith("archive/"), t.get("files").toString());
    assertEquals(s.framesMissing(), t.get("framesMissing").asLong());
    assertEquals(s.quarantinedRows() - s.duplicates(), t.get("corruptRows").asLong());
    assertEquals(s.outageFrames(), t.get("outages").get("framesMissing").asLong());
  }

  /**
   * truth.json byte for byte: {@code truth-v1.json} was written by the generator before truth.json
   * became the summary serialized (same options: {@link #small()}, csv.gz, seed 42).
   */
  @Test
  void truthJsonKeepsItsBytes(@TempDir Path tmp) throws IOException {
    SpecCenseGenerator.generate(small(), tmp);
    String expected;
    try (InputStream in = getClass().getResourceAsStream("truth-v1.json")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, Files.readString(tmp.resolve("truth.json"), StandardCharsets.UTF_8));
  }

  @Test
  void zipAndTarHoldTheSameRowsAsPlainFiles(@TempDir Path tmp) throws IOException {
    GenerateOptions o = small().withHours(0.05).withSplitDays(false);
    Map<String, List<String>> plain =
        readMembers(generated(o.withFormat(ArchiveFormat.CSV), tmp.resolve("csv")), "csv");
    for (String format : List.of("csv.gz", "zip", "tar.gz")) {
      Path archive = generated(o.withFormat(ArchiveFormat.of(format)), tmp.resolve(format));
      assertEquals(plain, readMembers(archive, format), format);
    }
    assertEquals(Set.of("p0001.csv", "p0002.csv"), plain.keySet());
  }

  @Test
  void labelsAreWellFormedAndInsideTheRange(@TempDir Path tmp) throws IOException {
    GenerateOptions o = small().withHours(1).withStartEpochMs(1761980400000L); // 07:00 rush hour
    GenerateSummary s = SpecCenseGenerator.generate(o, tmp);
    List<String> lines = Files.readAllLines(tmp.resolve("labels.csv"));
    assertEquals("sensor,start_epoch,end_epoch,label", lines.get(0));
    long end = o.startEpochMs() + o.framesPerSensor() * GenerateOptions.FRAME_MS;
    Map<String, Integer> byLabel = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      assertEquals(4, f.length, line);
      assertTrue(Set.of("p0001", "p0002").contains(f[0]), line);
      long a = Long.parseLong(f[1]);
      long b = Long.parseLong(f[2]);
      assertTrue(o.startEpochMs() <= a && a < b && b <= end, line);
      assertEquals(0, (a - o.startEpochMs()) % GenerateOptions.FRAME_MS, line);
      assertTrue(
          Set.of("traffic", "voice", "bird", "rain", "wind", "siren", "dog").contains(f[3]), line);
      byLabel.merge(f[3], 1, Integer::sum);
    }
    assertEquals(s.labels(), lines.size() - 1);
    byLabel.forEach((l, n) -> assertEquals(n, s.eventsByLabel().get(l)));
    assertTrue(
        byLabel.getOrDefault("traffic", 0) > 20, "rush hour should have traffic: " + byLabel);
  }

  @Test
  void validateRejectsBadOptions() {
    GenerateOptions d = GenerateOptions.defaults();
    d.validate();
    assertRejected(d.withSensors(0), "sensors");
    assertRejected(d.withHours(0), "hours");
    assertRejected(d.withHours(Double.NaN), "hours");
    assertRejected(d.withCorruptRate(1.0), "corruptRate");
    assertRejected(d.withDropRate(-0.1), "dropRate");
    assertRejected(d.withOutagesPerHour(-1), "outagesPerHour");
    assertRejected(d.withFormat(null), "format");
    assertThrows(IllegalArgumentException.class, () -> ArchiveFormat.of("rar"));
    assertRejected(d.withStartEpochMs(1761955200001L), "startEpochMs");
  }

  @Test
  void rowsAreFormattedWithTwoDecimals() {
    StringBuilder sb = new StringBuilder();
    for (long centi : new long[] {0, 5, -5, 1234, -100, 100000}) {
      SpecCenseGenerator.appendCenti(sb.append('|'), centi);
    }
    assertEquals("|0.00|0.05|-0.05|12.34|-1.00|1000.00", sb.toString());
  }

  private static void assertRejected(GenerateOptions o, String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, o::validate);
    assertTrue(e.getMessage().contains(name), e.getMessage());
  }

  private static Path generated(GenerateOptions o, Path dir) throws IOException {
    SpecCenseGenerator.generate(o, dir);
    return dir.resolve("archive");
  }

  /** What an independent reader finds in the members. */
  static final class Check {
    long rows;
    long valid;
    long swaps;
    final Map<String, Long> byReason = new TreeMap<>();
    final Map<String, Integer> runs = new TreeMap<>();
  }

  static Check check(Map<String, List<String>> members, GenerateOptions o) {
    Check c = new Check();
    RowCorruptor.REASONS.forEach(r -> c.byReason.put(r.code(), 0L));
    long start = o.startEpochMs();
    long end = start + o.framesPerSensor() * GenerateOptions.FRAME_MS;
    Map<String, Set<String>> seenLines = new HashMap<>();
    Map<String, List<Long>> validEpochs = new TreeMap<>();
    for (Map.Entry<String, List<String>> m : new TreeMap<>(members).entrySet()) {
      String sensor = m.getKey().substring(0, 5);
      List<String> lines = m.getValue();
      assertEquals(HEADER, lines.get(0), m.getKey());
      long prevValid = Long.MIN_VALUE;
      for (String line : lines.subList(1, lines.size())) {
        c.rows++;
        Set<String> seen = seenLines.computeIfAbsent(sensor, k -> new HashSet<>());
        String reason = classify(line, start, end);
        if (reason == null && !seen.add(line)) {
          reason = "duplicate";
        }
        if (reason != null) {
          c.byReason.merge(reason, 1L, Long::sum);
          continue;
        }
        long epoch = Long.parseLong(line.substring(0, line.indexOf(',')));
        assertEquals(0, (epoch - start) % GenerateOptions.FRAME_MS, line);
        c.valid++;
        if (epoch < prevValid) {
          c.swaps++;
        }
        prevValid = epoch;
        validEpochs.computeIfAbsent(sensor, k -> new ArrayList<>()).add(epoch);
      }
    }
    validEpochs.forEach(
        (sensor, epochs) -> {
          List<Long> sorted = epochs.stream().sorted().toList();
          assertEquals(sorted.size(), new HashSet<>(sorted).size(), "valid epochs must be unique");
          int runs = 1;
          for (int i = 1; i < sorted.size(); i++) {
            runs += sorted.get(i) - sorted.get(i - 1) == GenerateOptions.FRAME_MS ? 0 : 1;
          }
          c.runs.put(sensor, runs);
        });
    return c;
  }

  /** The first defect of a row, or null when it is a valid row (duplicates are found apart). */
  static String classify(String line, long start, long end) {
    String[] f = line.split(",", -1);
    if (f.length != 31) {
      return "field_count";
    }
    if (!f[0].matches("-?\\d+")) {
      return "bad_epoch";
    }
    long epoch = Long.parseLong(f[0]);
    if (epoch < start || epoch >= end) {
      return "epoch_out_of_range";
    }
    for (int i = 1; i < 30; i++) {
      String v = f[i];
      if (v.isEmpty()) {
        return "empty_field";
      }
      if (v.equals("NaN") || v.equals("Infinity") || v.equals("-Infinity")) {
        return "non_finite";
      }
      if (!v.matches("-?\\d+\\.\\d\\d")) {
        return "non_numeric";
      }
      double d = Double.parseDouble(v);
      if (d < -50 || d > 200) {
        return "level_out_of_range";
      }
    }
    return null;
  }

  /** CSV members by name relative to archive/ (".gz" dropped), each as its lines. */
  static Map<String, List<String>> readMembers(Path archive, String format) throws IOException {
    Map<String, List<String>> out = new TreeMap<>();
    if (format.equals("zip") || format.equals("tar.gz")) {
      Path file = archive.resolve("archive." + format);
      try (InputStream raw = Files.newInputStream(file);
          ArchiveInputStream in =
              format.equals("zip")
                  ? new ZipArchiveInputStream(raw)
                  : new TarArchiveInputStream(new GZIPInputStream(raw))) {
        ArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
          out.put(e.getName(), lines(in));
        }
      }
      return out;
    }
    try (Stream<Path> walk = Files.walk(archive)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = archive.relativize(p).toString().replace('\\', '/');
        try (InputStream in = Files.newInputStream(p)) {
          out.put(
              name.replaceAll("\\.gz$", ""),
              lines(name.endsWith(".gz") ? new GZIPInputStream(in) : in));
        }
      }
    }
    return out;
  }

  private static List<String> lines(InputStream in) throws IOException {
    // Not closed here: closing would close the archive stream.
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    List<String> out = new ArrayList<>();
    String line;
    while ((line = r.readLine()) != null) {
      out.add(line);
    }
    return out;
  }

  private static void assertSameTree(Path a, Path b) throws IOException {
    try (Stream<Path> wa = Files.walk(a);
        Stream<Path> wb = Files.walk(b)) {
      List<Path> fa = wa.filter(Files::isRegularFile).map(a::relativize).sorted().toList();
      List<Path> fb = wb.filter(Files::isRegularFile).map(b::relativize).sorted().toList();
      assertEquals(fa, fb);
      for (Path p : fa) {
        assertArrayEquals(
            Files.readAllBytes(a.resolve(p)), Files.readAllBytes(b.resolve(p)), p.toString());
      }
    }
  }
}
