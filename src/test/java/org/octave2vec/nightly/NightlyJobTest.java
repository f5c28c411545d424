package org.octave2vec.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.Task;
import org.octave2vec.common.UserException;
import org.octave2vec.nightly.NightlyFixtures.Snapshot;
import org.octave2vec.samples.SampleOptions;

/**
 * One archive through several nights, in order: first run, a night with nothing new, a touched
 * file, a new day, a shortened file, a late file for a day already ingested, a deleted file, and
 * two runs that must refuse. After every run that changed something the tables equal (row for row)
 * what ingest → slice → samples by hand give on the same archive, and the partitions the change did
 * not concern are the same files as before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyJobTest {
  // both sample tasks of jobs/nightly.conf: each is drawn again after every change
  static final List<String> TASKS = List.of("cbow", "gap");
  @TempDir static Path dir;
  static Path archive;
  static Path tables;
  static NightlyOptions options;

  @BeforeAll
  static void generate() throws IOException {
    // 2 sensors × 30 min from 23:45: files p000N/2025-11-01.csv and p000N/2025-11-02.csv
    archive = NightlyFixtures.archive(dir.resolve("gen"), 2, 0.5, NightlyFixtures.START, 11);
    tables = dir.resolve("tables");
    NightlyOptions o = NightlyFixtures.options(archive, tables);
    options =
        o.withSamples(
            TASKS.stream().map(t -> SampleOptions.defaults(Task.of(t))).toList(),
            o.workers(),
            o.batchSize());
  }

  private static NightlyReport night() {
    return NightlyJob.run(TestSpark.get(), options);
  }

  /** The tables equal a fresh run of the plain jobs on the archive as it is now. */
  private static void equalsFreshPlainRun(String name) throws IOException {
    String fresh = NightlyFixtures.plain(options, dir.resolve("plain-" + name));
    NightlyFixtures.assertSameTables(
        Snapshot.of(fresh, TASKS), Snapshot.of(tables.toString(), TASKS));
    NightlyFixtures.assertSameNormStats(fresh, tables.toString());
  }

  @Test
  @Order(1)
  void firstRunIsThePlainPipeline() throws IOException {
    NightlyReport r = night();
    assertEquals(NightlyReport.FULL, r.mode());
    assertEquals(4, r.added().size());
    assertEquals(0, r.exitCode());
    assertTrue(r.invariantHolds());
    assertEquals(r.frames(), r.framesKept());
    assertTrue(r.rowsQuarantined() > 0, "the generator corrupts a few rows");
    assertEquals(
        List.of("p0001/2025-11-01", "p0001/2025-11-02", "p0002/2025-11-01", "p0002/2025-11-02"),
        r.partitionsAdded());
    equalsFreshPlainRun("first");
    assertTrue(Files.exists(tables.resolve("manifest/_octave2vec.json")));
    assertTrue(Files.exists(tables.resolve("reports/nightly-" + r.runId() + ".json")));
    assertFalse(Files.exists(tables.resolve("_nightly/staging-" + r.runId())), "staging removed");
  }

  @Test
  @Order(2)
  void aNightWithNothingNewChangesNothing() throws IOException {
    Map<String, String> before = NightlyFixtures.files(tables, "");
    long frames = TestSpark.get().read().parquet(tables + "/frames").count();
    NightlyReport r = night();
    assertEquals(NightlyReport.NOTHING, r.mode());
    assertEquals(0, r.exitCode());
    assertEquals(4, r.unchanged());
    assertEquals(frames, r.frames(), "totals from the tables' metadata");
    assertEquals(before, NightlyFixtures.files(tables, ""), "no file written, moved or touched");
  }

  @Test
  @Order(3)
  void aTouchedFileWithTheSameBytesOnlyRefreshesTheManifest() throws IOException {
    Path f = archive.resolve("p0001/2025-11-01.csv");
    Files.setLastModifiedTime(
        f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 60_000));
    Map<String, String> before = NightlyFixtures.files(tables, "");
    NightlyReport r = night();
    assertEquals(NightlyReport.MANIFEST, r.mode());
    assertEquals(1, r.touched().size());
    assertEquals(0, r.filesRead());
    Map<String, String> after = NightlyFixtures.files(tables, "");
    for (String t :
        List.of("frames", "quarantine", "runs", "health", "slices", "samples", "_nightly/days")) {
      assertEquals(
          NightlyFixtures.only(before, t), NightlyFixtures.only(after, t), t + " untouched");
    }
    assertEquals(
        NightlyReport.NOTHING, night().mode(), "the new time is recorded: nothing left to do");
  }

  @Test
  @Order(4)
  void aNewDayAddsExactlyItsPartition() throws IOException {
    Path extra =
        NightlyFixtures.archive(dir.resolve("gen-extra"), 1, 0.25, NightlyFixtures.NEXT_DAY, 12);
    Files.copy(extra.resolve("p0001/2025-11-03.csv"), archive.resolve("p0001/2025-11-03.csv"));
    Map<String, String> before = NightlyFixtures.files(tables, "frames");
    NightlyReport r = night();
    assertEquals(NightlyReport.INCREMENTAL, r.mode());
    assertEquals(1, r.added().size());
    assertEquals(1, r.filesRead(), "no other file shares its sensor-day");
    assertEquals(List.of("p0001/2025-11-03"), r.partitionsAdded());
    assertEquals(List.of(), r.partitionsReplaced());
    assertEquals(List.of(), r.partitionsRemoved());
    assertTrue(r.slicesRecut() > 0 && r.slicesRecut() < r.slices(), "old runs keep their slices");
    Map<String, String> after = NightlyFixtures.files(tables, "frames");
    for (String day :
        List.of(
            "p0001/date=2025-11-01",
            "p0001/date=2025-11-02",
            "p0002/date=2025-11-01",
            "p0002/date=2025-11-02")) {
      String part = "frames/sensor=" + day;
      assertEquals(
          NightlyFixtures.only(before, part),
          NightlyFixtures.only(after, part),
          part + " untouched");
    }
    assertFalse(NightlyFixtures.only(after, "frames/sensor=p0001/date=2025-11-03").isEmpty());
    equalsFreshPlainRun("new-day");
  }

  @Test
  @Order(5)
  void aShortenedFileReplacesExactlyItsPartition() throws IOException {
    NightlyFixtures.truncate(archive.resolve("p0002/2025-11-02.csv"), 0.5);
    Map<String, String> before = NightlyFixtures.files(tables, "frames");
    NightlyReport r = night();
    assertEquals(NightlyReport.INCREMENTAL, r.mode());
    assertEquals(1, r.changed().size());
    assertEquals(List.of("p0002/2025-11-02"), r.partitionsReplaced());
    assertEquals(List.of(), r.partitionsAdded());
    assertTrue(r.runsRecut() >= 1, "the run crossing midnight into the changed day is cut again");
    Map<String, String> after = NightlyFixtures.files(tables, "frames");
    String changed = "frames/sensor=p0002/date=2025-11-02";
    assertFalse(NightlyFixtures.only(before, changed).equals(NightlyFixtures.only(after, changed)));
    java.util.function.Predicate<String> changedOrMeta =
        k ->
            k.startsWith(changed)
                || k.endsWith("_octave2vec.json")
                || k.endsWith("_octave2vec.json.crc");
    before.keySet().removeIf(changedOrMeta);
    after.keySet().removeIf(changedOrMeta);
    assertEquals(before, after, "every other partition is the same files");
    equalsFreshPlainRun("shortened");
  }

  @Test
  @Order(6)
  void aLateFileForAnIngestedDayIsReadWithThatDaysFile() throws IOException {
    // a re-export of part of p0002's first day: duplicates of rows already in the tables
    Path day = archive.resolve("p0002/2025-11-01.csv");
    List<String> lines = Files.readAllLines(day);
    Files.write(
        archive.resolve("p0002/2025-11-01-late.csv"),
        java.util.stream.Stream.concat(
                lines.stream().limit(1), lines.stream().skip(2000).limit(500))
            .toList());
    NightlyReport r = night();
    assertEquals(1, r.added().size());
    assertEquals(2, r.filesRead(), "the day's other file is read again with it");
    assertEquals(List.of("p0002/2025-11-01"), r.partitionsReplaced());
    assertTrue(r.rowsQuarantined() >= 500, "the late rows are duplicates across the two files");
    equalsFreshPlainRun("late");
  }

  @Test
  @Order(7)
  void aDeletedFileIsReportedAndItsDataRemoved() throws IOException {
    Path gone = archive.resolve("p0001/2025-11-01.csv");
    Files.delete(gone);
    NightlyReport r = night();
    assertEquals(NightlyReport.INCREMENTAL, r.mode());
    assertEquals(1, r.deleted().size());
    assertTrue(r.deleted().get(0).endsWith("p0001/2025-11-01.csv"));
    assertEquals(NightlyOptions.EXIT_DELETED, r.exitCode());
    assertTrue(r.summary().contains("DELETED input file"), r.summary());
    assertEquals(List.of("p0001/2025-11-01"), r.partitionsRemoved());
    assertFalse(Files.exists(tables.resolve("frames/sensor=p0001/date=2025-11-01")));
    assertTrue(
        Files.readString(tables.resolve("reports/nightly-" + r.runId() + ".json"))
            .contains("p0001/2025-11-01.csv"),
        "the report names the deleted file");
    equalsFreshPlainRun("deleted");
    assertEquals(NightlyReport.NOTHING, night().mode(), "reported once, then nothing to do");
  }

  @Test
  @Order(8)
  void refusesWhenMostFilesVanishOrTheOptionsChanged() throws IOException {
    Map<String, String> before = NightlyFixtures.files(tables, "");
    Path aside = Files.createDirectories(dir.resolve("aside"));
    // 3 of the 5 files the tables hold: more than half
    List<Path> moved =
        List.of(
            archive.resolve("p0001/2025-11-02.csv"),
            archive.resolve("p0001/2025-11-03.csv"),
            archive.resolve("p0002/2025-11-01.csv"));
    for (Path p : moved) {
      Files.move(p, aside.resolve(p.getParent().getFileName() + "-" + p.getFileName()));
    }
    UserException e = assertThrows(UserException.class, NightlyJobTest::night);
    assertTrue(e.getMessage().contains("--max-deleted-fraction"), e.getMessage());
    for (Path p : moved) {
      Files.move(aside.resolve(p.getParent().getFileName() + "-" + p.getFileName()), p);
    }
    UserException o =
        assertThrows(
            UserException.class,
            () -> NightlyJob.run(TestSpark.get(), options.withSlice(options.slice().withSeed(7))));
    assertTrue(o.getMessage().contains("--full"), o.getMessage());
    assertEquals(before, NightlyFixtures.files(tables, ""), "a refused run writes nothing");
    assertEquals(NightlyReport.NOTHING, night().mode());
  }
}
