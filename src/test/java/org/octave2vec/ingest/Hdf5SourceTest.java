package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.ingest.Hdf5Fixtures.Day;

/** CENSE HDF5 archives: frames, every row reason, dataset and file rejects, with exact counts. */
class Hdf5SourceTest {
  private final ParseSettings settings = ParseSettings.defaults();

  @TempDir Path dir;

  private Csv.Collect read(Path file) {
    return read(file, settings);
  }

  private static Csv.Collect read(Path file, ParseSettings s) {
    Csv.Collect c = new Csv.Collect();
    String source = "hdfs://archive/" + file.getFileName();
    Hdf5Source.read(file, source, s, c);
    assertEquals(1, c.stats.size(), "exactly one stats per file");
    SourceStats st = c.stats.get(0);
    assertEquals(source, st.source());
    long rowRejects = c.rejects.stream().filter(x -> !((Reason) x[4]).fileLevel()).count();
    long fileRejects = c.rejects.size() - rowRejects;
    assertEquals(
        st.dataLines(), st.framesOut() + st.rowsRejected(), "data lines = frames + rejected rows");
    assertEquals(st.framesOut(), c.frames.size());
    assertEquals(st.rowsRejected(), rowRejects);
    assertEquals(fileRejects > 0, st.fileRejected(), "fileRejected iff a file-level reject");
    assertTrue(c.frameSources.stream().allMatch(source::equals));
    assertTrue(c.rejects.stream().allMatch(x -> source.equals(x[1])));
    return c;
  }

  private Path file(String name, Day... days) {
    return Hdf5Fixtures.write(dir.resolve(name), days);
  }

  private static double[][] rows(double[]... r) {
    return r;
  }

  @Test
  void twoDayFileKeepsEveryRowWithValuesInOrder() {
    // day 2 is written first and has no columns attribute: groups are read in name order
    Path f =
        file(
            "p0640.h5",
            Hdf5Fixtures.unnamed(
                "2025_11/02", rows(Hdf5Fixtures.row(1, 0, 50), Hdf5Fixtures.row(1, 1, 51))),
            Hdf5Fixtures.day(
                "2025_11/01",
                rows(
                    Hdf5Fixtures.row(0, 0, 40),
                    Hdf5Fixtures.row(0, 1, 41),
                    Hdf5Fixtures.row(0, 2, 42.25))));
    Csv.Collect c = read(f);
    assertTrue(c.rejects.isEmpty(), () -> "rejects: " + c.rejects.size());
    assertEquals(5, c.frames.size());
    long[] epochs = c.frames.stream().mapToLong(x -> x[0]).toArray();
    assertEquals(
        List.of(
            Hdf5Fixtures.T0,
            Hdf5Fixtures.T0 + 125,
            Hdf5Fixtures.T0 + 250,
            Hdf5Fixtures.T0 + Hdf5Fixtures.DAY_MS,
            Hdf5Fixtures.T0 + Hdf5Fixtures.DAY_MS + 125),
        Arrays.stream(epochs).boxed().toList());
    assertEquals(
        List.of(1L, 2L, 3L, 4L, 5L),
        c.frames.stream().map(x -> x[1]).toList(),
        "running row numbers across datasets");
    assertEquals("p0640", c.frameSensors.get(0), "sensor from the file name");
    for (int b = 0; b < 29; b++) {
      assertEquals((float) (42.25 + b / 10.0), c.bands.get(2)[b], "band " + b);
      assertEquals((float) (51 + b / 10.0), c.bands.get(4)[b], "band " + b + " (positional)");
    }
    assertEquals(57.25f, c.extras.get(2)[0], "LAeq kept as extras[0]");
    assertEquals(66f, c.extras.get(4)[0], "LAeq kept as extras[0] (positional)");
    assertTrue(Float.isNaN(c.extras.get(0)[1]), "LCeq absent");
    SourceStats st = c.stats.get(0);
    assertEquals(5, st.dataLines());
    assertFalse(st.fileRejected());
    assertEquals(List.of("LAeq"), st.extrasFound());
    assertEquals(List.of(), st.unknownColumns());
    assertEquals(0, st.outOfOrder());
  }

  @Test
  void eachBadRowGetsItsReasonAndLine() {
    double[] nanBand = Hdf5Fixtures.row(0, 3, 40);
    nanBand[4] = Double.NaN; // Fast_31.5
    double[] infLaeq = Hdf5Fixtures.row(0, 4, 40);
    infLaeq[1] = Double.POSITIVE_INFINITY;
    double[] loud = Hdf5Fixtures.row(0, 5, 40);
    loud[30] = 999; // Fast_12500
    double[] fractional = Hdf5Fixtures.row(0, 6, 40);
    fractional[0] += 0.5;
    double[] early = Hdf5Fixtures.row(42, 40);
    double[] nanEpoch = Hdf5Fixtures.row(0, 8, 40);
    nanEpoch[0] = Double.NaN;
    double[] late = Hdf5Fixtures.row(Long.MAX_VALUE / 2, 40);
    Path f =
        file(
            "p0640.h5",
            Hdf5Fixtures.day(
                "2025_11/01", rows(Hdf5Fixtures.row(0, 0, 40), Hdf5Fixtures.row(0, 1, 40))),
            Hdf5Fixtures.day(
                "2025_11/02",
                rows(
                    Hdf5Fixtures.row(1, 0, 40),
                    nanBand,
                    infLaeq,
                    loud,
                    fractional,
                    early,
                    nanEpoch,
                    late,
                    Hdf5Fixtures.row(1, 9, 40))));
    Csv.Collect c = read(f);
    assertEquals(4, c.frames.size());
    assertEquals(
        Map.of(
            Reason.NON_FINITE,
            2L,
            Reason.LEVEL_OUT_OF_RANGE,
            1L,
            Reason.BAD_EPOCH,
            2L,
            Reason.EPOCH_OUT_OF_RANGE,
            2L),
        c.counts());
    SourceStats st = c.stats.get(0);
    assertEquals(11, st.dataLines());
    assertEquals(7, st.rowsRejected());
    assertFalse(st.fileRejected(), "row rejects do not reject the file");

    Object[] loudReject = c.only(Reason.LEVEL_OUT_OF_RANGE);
    assertEquals(6L, loudReject[2], "line: 2 rows of day 1 + row index 3 of day 2, 1-based");
    assertTrue(((String) loudReject[5]).contains("Fast_12500"), (String) loudReject[5]);
    Object[] bad = c.rejects.stream().filter(x -> x[4] == Reason.BAD_EPOCH).findFirst().get();
    assertEquals(7L, bad[2]);
    String raw = (String) bad[3];
    assertTrue(
        raw.startsWith("dataset /2025_11/02/fast_125ms row 4: 1761955200750.5,55.0,40.0,40.1,"),
        raw);
    assertTrue(raw.length() <= ParseSettings.RAW_MAX_CHARS + 1, "raw is clipped");
    assertTrue(((String) bad[5]).contains("1761955200750.5"), (String) bad[5]);
    Object[] nan = c.rejects.stream().filter(x -> x[4] == Reason.NON_FINITE).findFirst().get();
    assertTrue(((String) nan[5]).startsWith("Fast_31.5"), (String) nan[5]);
    assertTrue(((String) nan[3]).contains(",NaN,"), (String) nan[3]);
    assertEquals(List.of(1L, 2L, 3L, 11L), c.frames.stream().map(x -> x[1]).toList());
  }

  @Test
  void datasetMissingBandColumnsIsBadHeaderNamingThemAndItsRowsSkipped() {
    List<String> cols = new ArrayList<>(Arrays.asList(Hdf5Fixtures.columns()));
    cols.remove("Fast_31.5");
    cols.remove("Fast_8000");
    double[][] short29 = new double[3][29];
    Path f =
        file(
            "p0640.h5",
            Hdf5Fixtures.day(
                "2025_11/01", rows(Hdf5Fixtures.row(0, 0, 40), Hdf5Fixtures.row(0, 1, 40))),
            new Day("2025_11/02", short29, cols.toArray(new String[0])));
    Csv.Collect c = read(f);
    Object[] r = c.only(Reason.BAD_HEADER);
    String msg = (String) r[5];
    assertTrue(msg.contains("Fast_31.5, Fast_8000"), msg);
    assertTrue(msg.contains("/2025_11/02/fast_125ms"), msg);
    assertTrue(
        ((String) r[3]).startsWith("dataset /2025_11/02/fast_125ms columns: epoch,LAeq,Fast_20,"),
        (String) r[3]);
    assertEquals(2, c.frames.size(), "the good dataset is still read");
    assertEquals(2, c.stats.get(0).dataLines(), "rows of the rejected dataset are not counted");
    assertTrue(c.stats.get(0).fileRejected());
  }

  @Test
  void wrongColumnCountsAreBadHeader() {
    double[][] thirty = {Arrays.copyOf(Hdf5Fixtures.row(0, 0, 40), 30)};
    Csv.Collect c = read(file("p1.h5", Hdf5Fixtures.unnamed("2025_11/01", thirty)));
    String msg = (String) c.only(Reason.BAD_HEADER)[5];
    assertTrue(msg.contains("30 columns") && msg.contains("31"), msg);
    assertEquals(0, c.stats.get(0).dataLines());

    Csv.Collect d = read(file("p2.h5", new Day("2025_11/01", thirty, Hdf5Fixtures.columns())));
    String m2 = (String) d.only(Reason.BAD_HEADER)[5];
    assertTrue(m2.contains("names 31 columns, the dataset has 30"), m2);
    assertEquals(0, d.count(Reason.EMPTY_FILE), "a rejected dataset is not also an empty file");
  }

  @Test
  void columnsAreReadByNameInAnyOrderWithExtrasAndUnknownsReported() {
    List<String> cols = new ArrayList<>(Arrays.asList(Hdf5Fixtures.columns()));
    Collections.reverse(cols);
    cols.add("foo");
    cols.add("lceq");
    double[] forward = Hdf5Fixtures.row(0, 0, 40);
    double[] row = new double[33];
    for (int i = 0; i < 31; i++) {
      row[i] = forward[30 - i];
    }
    row[31] = Double.NaN; // an unknown column is not checked
    row[32] = 61.5;
    Csv.Collect c =
        read(file("p0640.h5", new Day("2025_11/01", rows(row), cols.toArray(new String[0]))));
    assertEquals(1, c.frames.size(), () -> "rejects " + c.rejects.stream().map(x -> x[5]).toList());
    assertEquals(Hdf5Fixtures.T0, c.frames.get(0)[0]);
    assertEquals(40f, c.bands.get(0)[0], "Fast_20 by name");
    assertEquals(42.8f, c.bands.get(0)[28], "Fast_12500 by name");
    assertEquals(55f, c.extras.get(0)[0], "LAeq");
    assertEquals(61.5f, c.extras.get(0)[1], "LCeq matched case-insensitively");
    assertEquals(List.of("foo"), c.stats.get(0).unknownColumns());
    assertEquals(List.of("LAeq", "LCeq"), c.stats.get(0).extrasFound().stream().sorted().toList());
  }

  @Test
  void float32DatasetsAreReadToo() {
    double[] d = Hdf5Fixtures.row(0, 0, 40);
    float[][] rows = new float[1][31];
    for (int i = 1; i < 31; i++) {
      rows[0][i] = (float) d[i];
    }
    long epoch = 1L << 40; // 2004-11-03, exact in float32
    rows[0][0] = epoch;
    Csv.Collect c = read(file("p0640.h5", new Day("2025_11/01", rows, Hdf5Fixtures.columns())));
    assertEquals(1, c.frames.size());
    assertEquals(epoch, c.frames.get(0)[0]);
    assertEquals(40.1f, c.bands.get(0)[1]);
  }

  @Test
  void calibrationOffsetIsAddedToBandsAndLaeqAndRangeCheckedAfter() {
    ParseSettings s =
        settings.withCalibration(Map.of("p0640", 3.5)).withRanges(-10, 45, 0, Long.MAX_VALUE);
    Csv.Collect c =
        read(
            file(
                "p0640.h5",
                Hdf5Fixtures.day(
                    "2025_11/01", rows(Hdf5Fixtures.row(0, 0, 10), Hdf5Fixtures.row(0, 1, 40)))),
            s);
    assertEquals(1, c.frames.size());
    assertEquals(13.5f, c.bands.get(0)[0]);
    assertEquals((float) (10 + 2.8 + 3.5), c.bands.get(0)[28]);
    assertEquals(28.5f, c.extras.get(0)[0], "LAeq 25 + 3.5");
    Object[] r = c.only(Reason.LEVEL_OUT_OF_RANGE);
    assertTrue(((String) r[5]).startsWith("LAeq = 58.5 dB"), "55 + 3.5 exceeds 45: " + r[5]);
    // another sensor gets no offset
    Csv.Collect d =
        read(
            Hdf5Fixtures.write(
                dir.resolve("p0641.h5"),
                Hdf5Fixtures.day("2025_11/01", rows(Hdf5Fixtures.row(0, 0, 10)))),
            s);
    assertEquals(10f, d.bands.get(0)[0]);
  }

  @Test
  void outOfOrderRowsAreCounted() {
    Csv.Collect c =
        read(
            file(
                "p0640.h5",
                Hdf5Fixtures.day(
                    "2025_11/01",
                    rows(
                        Hdf5Fixtures.row(0, 2, 40),
                        Hdf5Fixtures.row(0, 1, 40),
                        Hdf5Fixtures.row(0, 100, 40),
                        Hdf5Fixtures.row(0, 3, 40)))));
    assertEquals(2, c.stats.get(0).outOfOrder());
    assertEquals(1, c.stats.get(0).clockJumps());
  }

  @Test
  void garbageNamedH5IsUnreadable() throws Exception {
    Path f =
        Files.write(
            dir.resolve("p0640.h5"),
            "this is not HDF5 at all\n".repeat(50).getBytes(StandardCharsets.UTF_8));
    Csv.Collect c = read(f);
    Object[] r = c.only(Reason.UNREADABLE_FILE);
    assertTrue(((String) r[5]).contains("HDF5"), (String) r[5]);
    assertEquals(1, c.rejects.size());
    assertEquals(0, c.stats.get(0).dataLines());
    assertTrue(c.stats.get(0).fileRejected());

    Csv.Collect empty = read(Files.write(dir.resolve("p0641.h5"), new byte[0]));
    assertEquals(1, empty.count(Reason.UNREADABLE_FILE));
    Csv.Collect missing = read(dir.resolve("p0642.h5"));
    assertEquals(1, missing.count(Reason.UNREADABLE_FILE));
  }

  @Test
  void truncatedFileIsRejectedWithoutThrowing() throws Exception {
    double[][] many = new double[400][];
    for (int k = 0; k < many.length; k++) {
      many[k] = Hdf5Fixtures.row(0, k, 40);
    }
    Path good =
        file("full.h5", Hdf5Fixtures.day("2025_11/01", many), Hdf5Fixtures.day("2025_11/02", many));
    byte[] all = Files.readAllBytes(good);
    for (int cut : new int[] {all.length / 10, all.length / 2, all.length - 100}) {
      Path f = Files.write(dir.resolve("p0640.h5"), Arrays.copyOf(all, cut));
      Csv.Collect c = read(f);
      assertTrue(c.stats.get(0).fileRejected(), "cut at " + cut);
      assertTrue(c.count(Reason.UNREADABLE_FILE) >= 1, "cut at " + cut);
    }
    // the last row of day 2 is cut: the rows before it are kept, nothing past the end is invented
    Csv.Collect c =
        read(Files.write(dir.resolve("p0640.h5"), Arrays.copyOf(all, all.length - 100)));
    assertEquals(799, c.frames.size());
    assertEquals(1, c.rejects.size());
    String msg = (String) c.only(Reason.UNREADABLE_FILE)[5];
    assertTrue(msg.contains("/2025_11/02/fast_125ms") && msg.contains("399 of its 400"), msg);
  }

  @Test
  void fileWithoutFastDatasetIsEmpty() {
    Path f = file("p0640.h5", new Day("2025_11/01", "slow_1s", new double[][] {{1, 2}}, null));
    Csv.Collect c = read(f);
    String msg = (String) c.only(Reason.EMPTY_FILE)[5];
    assertTrue(msg.contains("fast_125ms"), msg);
    assertEquals(1, c.rejects.size());
  }

  @Test
  void sourceTheSensorRuleDoesNotMatchIsRejected() {
    Path f = file("p0640.h5", Hdf5Fixtures.day("2025_11/01", rows(Hdf5Fixtures.row(0, 0, 40))));
    Csv.Collect c = read(f, settings.withSensorRule(SensorIdRule.regex("(sensor\\d+)")));
    assertEquals(1, c.count(Reason.NO_SENSOR_ID));
    assertEquals(0, c.frames.size());
  }
}
