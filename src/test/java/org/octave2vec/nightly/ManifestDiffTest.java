package org.octave2vec.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.octave2vec.ingest.InputLister.InputFile;

/** The manifest diff and the closure over shared sensor-days, on literal entries (no Spark). */
class ManifestDiffTest {
  private static final DayKey S1_D1 = new DayKey("s1", "2025-11-01");
  private static final DayKey S1_D2 = new DayKey("s1", "2025-11-02");
  private static final DayKey S1_D3 = new DayKey("s1", "2025-11-03");
  private static final DayKey S2_D1 = new DayKey("s2", "2025-11-01");

  private static ManifestEntry entry(
      String path, long size, long mtime, String sum, DayKey... days) {
    return new ManifestEntry(path, size, mtime, sum, "r0", List.of(days), List.of());
  }

  private static Map<String, ManifestEntry> manifest(ManifestEntry... e) {
    Map<String, ManifestEntry> m = new TreeMap<>();
    for (ManifestEntry x : e) {
      m.put(x.path(), x);
    }
    return m;
  }

  @Test
  void sortsFilesByWhatHappenedAndHashesOnlySuspects() {
    Map<String, ManifestEntry> prev =
        manifest(
            entry("a", 10, 100, "sha256:A", S1_D1),
            entry("b", 20, 200, "sha256:B", S1_D2),
            entry("c", 30, 300, "sha256:C", S1_D3),
            entry("d", 40, 400, "sha256:D", S2_D1),
            entry("f", 50, 500, "sha256:F", S2_D1));
    List<InputFile> now =
        List.of(
            new InputFile("a", 10, 100), // same size and time: unchanged, never read
            new InputFile("b", 20, 999), // touched: same bytes, new time
            new InputFile("c", 31, 300), // another size: changed
            new InputFile("f", 50, 501), // same size, new time, other bytes: changed
            new InputFile("e", 5, 600)); // new; d is gone
    List<List<String>> asked = new ArrayList<>();
    ManifestDiff.Result r =
        ManifestDiff.diff(
            prev,
            now,
            paths -> {
              asked.add(List.copyOf(paths));
              return Map.of("b", "sha256:B", "c", "sha256:C2", "e", "sha256:E", "f", "sha256:F2");
            });
    assertEquals(List.of("e"), paths(r.added()));
    assertEquals(List.of("c", "f"), paths(r.changed()));
    assertEquals(List.of("b"), paths(r.touched()));
    assertEquals(List.of("a"), paths(r.unchanged()));
    assertEquals(List.of("d"), r.deleted().stream().map(ManifestEntry::path).toList());
    assertEquals(1, asked.size(), "one batch of checksums");
    assertEquals(
        Set.of("b", "c", "e", "f"), Set.copyOf(asked.get(0)), "unchanged files are not read");
    assertTrue(r.contentChanged());
  }

  @Test
  void nothingChangedAsksForNoChecksum() {
    Map<String, ManifestEntry> prev = manifest(entry("a", 10, 100, "sha256:A", S1_D1));
    ManifestDiff.Result r =
        ManifestDiff.diff(
            prev,
            List.of(new InputFile("a", 10, 100)),
            paths -> {
              throw new AssertionError("no file should be read");
            });
    assertTrue(r.nothingToDo());
  }

  @Test
  void onlyTouchedFilesChangeNoContent() {
    Map<String, ManifestEntry> prev = manifest(entry("a", 10, 100, "sha256:A", S1_D1));
    ManifestDiff.Result r =
        ManifestDiff.diff(
            prev, List.of(new InputFile("a", 10, 101)), paths -> Map.of("a", "sha256:A"));
    assertEquals(1, r.touched().size());
    assertTrue(!r.nothingToDo() && !r.contentChanged());
  }

  @Test
  void aMissingChecksumIsABug() {
    assertThrows(
        IllegalStateException.class,
        () ->
            ManifestDiff.diff(
                manifest(entry("a", 10, 100, "sha256:A")),
                List.of(new InputFile("a", 10, 101)),
                paths -> Map.of()));
  }

  @Test
  void closureReadsEveryFileOfEveryRebuiltSensorDay() {
    Map<String, List<DayKey>> stable = new TreeMap<>();
    stable.put("f1", List.of(S1_D1));
    stable.put("f2", List.of(S1_D1, S1_D2)); // crosses midnight
    stable.put("f3", List.of(S1_D3));
    stable.put("f4", List.of(S2_D1));
    // a changed file used to feed s1/2025-11-02: f2 feeds it, and f2 also feeds s1/2025-11-01, fed
    // by f1
    ManifestDiff.Closure c = ManifestDiff.close(stable, Set.of("changed"), Set.of(S1_D2));
    assertEquals(Set.of("changed", "f1", "f2"), c.files());
    assertEquals(Set.of(S1_D1, S1_D2), c.days());
    // a new file alone on a new day reads nothing else
    ManifestDiff.Closure alone = ManifestDiff.close(stable, Set.of("new"), Set.of());
    assertEquals(Set.of("new"), alone.files());
    assertEquals(Set.of(), alone.days());
    // a deleted file's day with no other feeder: nothing to read, the day is rebuilt (removed)
    ManifestDiff.Closure gone =
        ManifestDiff.close(stable, Set.of(), Set.of(new DayKey("s3", "2025-11-01")));
    assertEquals(Set.of(), gone.files());
  }

  @Test
  void sensorDaysOfASpanCoverEveryUtcDay() {
    long midnight = 1762041600000L; // 2025-11-02T00:00Z
    assertEquals(
        List.of(S1_D1, S1_D2, S1_D3), DayKey.span("s1", midnight - 1, midnight + 86_400_000L));
    assertEquals(List.of(S1_D2), DayKey.span("s1", midnight, midnight));
    assertEquals("sensor=s1/date=2025-11-02", S1_D2.partition());
  }

  @Test
  void sourcesBelongToTheirFileOrArchive() {
    Set<String> files = Set.of("file:/a/p1.csv", "file:/a/b.zip");
    assertEquals("file:/a/p1.csv", Tables.fileOf("file:/a/p1.csv", files));
    assertEquals("file:/a/b.zip", Tables.fileOf("file:/a/b.zip!/x/p2.csv", files));
    assertThrows(IllegalStateException.class, () -> Tables.fileOf("file:/a/other.csv", files));
    assertEquals(
        List.of("file:/a/x\\[1\\].csv", "file:/a/y.csv"),
        Tables.literal(List.of("file:/a/x[1].csv", "file:/a/y.csv")));
  }

  private static List<String> paths(List<InputFile> l) {
    return l.stream().map(InputFile::path).sorted().toList();
  }
}
