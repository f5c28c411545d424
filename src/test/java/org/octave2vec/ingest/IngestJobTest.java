package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.FramesMeta;
import org.octave2vec.common.Json;
import org.octave2vec.common.LevelEncoding;
import org.octave2vec.common.TableRoot;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.GenerateSummary;
import org.octave2vec.generate.SpecCenseGenerator;

/**
 * The ingest job on local Spark, checked against the generator's truth and an independent reader.
 */
class IngestJobTest {
  @TempDir static Path dir;
  static GenerateSummary truth;
  static IngestReport report;
  static String tables;

  @BeforeAll
  static void ingestGeneratedArchive() throws IOException {
    GenerateOptions g =
        new GenerateOptions(
                3,
                0.5,
                7L,
                GenerateOptions.DEFAULT_START_EPOCH_MS,
                org.octave2vec.generate.ArchiveFormat.CSV_GZ,
                false,
                0.01,
                0.003,
                2.0,
                BandLayout.cense29())
            .validate();
    truth = SpecCenseGenerator.generate(g, dir.resolve("gen"));
    tables = dir.resolve("tables").toString();
    report =
        IngestJob.run(
            TestSpark.get(),
            IngestOptions.of(List.of(dir.resolve("gen/archive").toString()), tables));
  }

  @Test
  void countsMatchTheGeneratorsTruthExactly() {
    assertEquals(truth.rowsWritten(), report.rowsRead());
    assertEquals(truth.framesValid(), report.rowsKept());
    assertEquals(truth.quarantinedRows(), report.rowsQuarantined());
    assertTrue(report.invariantHolds());
    assertEquals(
        new TreeMap<>(truth.corruptByReason()), new TreeMap<>(report.quarantinedByReason()));
    assertEquals(truth.totalRuns(), report.runs());
    assertEquals(truth.outOfOrderSwaps(), report.outOfOrderRows());
    assertEquals(0, report.fileRejections());
    assertEquals(3, report.sensors());
  }

  @Test
  void tablesHoldWhatTheReportSays() {
    SparkSession spark = TestSpark.get();
    Map<String, Long> framesPerSensor = new TreeMap<>();
    for (Row r :
        spark.read().parquet(tables + "/frames").groupBy("sensor").count().collectAsList()) {
      framesPerSensor.put(r.getString(0), r.getLong(1));
    }
    assertEquals(new TreeMap<>(truth.framesValidPerSensor()), framesPerSensor);
    Map<String, Integer> runsPerSensor = new TreeMap<>();
    for (Row r : spark.read().parquet(tables + "/runs").groupBy("sensor").count().collectAsList()) {
      runsPerSensor.put(r.getString(0), (int) r.getLong(1));
    }
    assertEquals(new TreeMap<>(truth.runsPerSensor()), runsPerSensor);
    // runs cover exactly the kept frames, and are ordered and disjoint
    long inRuns =
        spark
            .read()
            .parquet(tables + "/runs")
            .agg(org.apache.spark.sql.functions.sum("frame_count"))
            .first()
            .getLong(0);
    assertEquals(truth.framesValid(), inRuns);
    assertEquals(truth.quarantinedRows(), spark.read().parquet(tables + "/quarantine").count());
    for (Row h : spark.read().parquet(tables + "/health").collectAsList()) {
      assertEquals(truth.framesValidPerSensor().get(h.getString(0)), h.getLong(3), "health frames");
      double coverage = (double) h.getLong(3) / h.getLong(4);
      assertEquals(coverage, h.getDouble(5), 1e-12, "coverage = frames / calendar frames");
      assertTrue(coverage > 0.3 && coverage < 1.0, "outages and drops lower the coverage");
    }
  }

  @Test
  void tableMetadataRecordsTheLayout() throws IOException {
    Map<String, Object> meta =
        Json.read(
            TestSpark.get().sparkContext().hadoopConfiguration(),
            tables + "/frames/_octave2vec.json");
    @SuppressWarnings("unchecked")
    Map<String, Object> layout = (Map<String, Object>) meta.get("band_layout");
    assertEquals("cense29", layout.get("name"));
    assertEquals(BandLayout.cense29().columns(), layout.get("columns"));
    assertEquals(125, meta.get("frame_period_ms"));
    assertEquals(truth.framesValid(), ((Number) meta.get("rows")).longValue());
    assertTrue(Files.exists(Path.of(tables, "reports/ingest.json")));
  }

  /**
   * DuckDB reads the Parquet files on its own (Parquet v2 pages, delta-encoded integers); every
   * kept value, as centi-dB / 100, must equal the CSV text's.
   */
  /** Valid CSV rows of {@code csv} parsed with the JDK alone, first occurrence per epoch. */
  private static Map<Long, float[]> expected(Path csv, List<String> header) throws IOException {
    Map<Long, float[]> expected = new HashMap<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csv)), StandardCharsets.UTF_8))) {
      assertEquals(header, List.of(r.readLine().split(",")));
      String line;
      while ((line = r.readLine()) != null) {
        float[] v = parseOrNull(line, header.size());
        if (v != null) {
          expected.putIfAbsent(Long.parseLong(line.substring(0, line.indexOf(','))), v);
        }
      }
    }
    return expected;
  }

  private static List<String> header() throws IOException {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(truth.files().get(0))),
                StandardCharsets.UTF_8))) {
      return List.of(r.readLine().split(","));
    }
  }

  @Test
  void independentReaderSeesTheCsvValues() throws Exception {
    Path csv =
        truth.files().stream()
            .filter(p -> p.getFileName().toString().startsWith("p0002"))
            .findFirst()
            .orElseThrow();
    List<String> header = header();
    Map<Long, float[]> expected = expected(csv, header);
    List<String> cols = BandLayout.cense29().columns();
    // DuckDB reads levels as DECIMAL(5,2) dB and epoch_ms as a UTC timestamp
    long checked =
        org.octave2vec.DuckDb.query(
            "SELECT *, epoch_ms(epoch_ms) AS ms FROM read_parquet('"
                + tables
                + "/frames/**/*.parquet', hive_partitioning = true) WHERE sensor = 'p0002' ORDER BY epoch_ms",
            rs -> {
              float[] e = expected.get(rs.getLong("ms"));
              assertTrue(e != null, "frame " + rs.getLong("ms") + " is in the CSV");
              for (int b = 0; b < cols.size(); b++) {
                int idx = header.indexOf(BandLayout.cense29().header(b));
                assertEquals(
                    e[idx],
                    rs.getBigDecimal(cols.get(b)).floatValue(),
                    cols.get(b) + " at " + rs.getLong("ms"));
              }
            });
    assertEquals(truth.framesValidPerSensor().get("p0002"), checked);
    assertEquals(
        LevelEncoding.DECIMAL_DB,
        FramesMeta.read(new org.apache.hadoop.conf.Configuration(), TableRoot.of(tables))
            .encoding());
  }

  /**
   * Issue 33: the table describes itself. DuckDB and Spark SQL, reading the Parquet files with no
   * help from octave2vec, see levels in dB (the mean of Fast_1000 is the CSV's) and epoch_ms as a
   * UTC timestamp (the CSV's epochs).
   */
  @Test
  void otherReadersSeeDecibelsAndUtcTimestamps() throws Exception {
    List<String> header = header();
    int i1000 = header.indexOf("Fast_1000");
    assertTrue(i1000 > 0, "the CSV has a 1000 Hz band: " + header);
    double sum = 0;
    long n = 0;
    long minEpoch = Long.MAX_VALUE;
    long maxEpoch = Long.MIN_VALUE;
    for (Path csv : truth.files()) {
      for (var e : expected(csv, header).entrySet()) {
        sum += new java.math.BigDecimal(Float.toString(e.getValue()[i1000])).doubleValue();
        n++;
        minEpoch = Math.min(minEpoch, e.getKey());
        maxEpoch = Math.max(maxEpoch, e.getKey());
      }
    }
    assertEquals(truth.framesValid(), n, "the JDK reads the frames ingest kept");
    double mean = sum / n;
    String files = "read_parquet('" + tables + "/frames/**/*.parquet')";

    double[] duck = new double[1];
    long[] duckTimes = new long[2];
    String[] types = new String[2];
    org.octave2vec.DuckDb.query(
        "SELECT avg(Fast_1000), typeof(any_value(Fast_1000)), typeof(any_value(epoch_ms)),"
            + " epoch_ms(min(epoch_ms)), epoch_ms(max(epoch_ms)) FROM "
            + files,
        rs -> {
          duck[0] = rs.getDouble(1);
          types[0] = rs.getString(2);
          types[1] = rs.getString(3);
          duckTimes[0] = rs.getLong(4);
          duckTimes[1] = rs.getLong(5);
        });
    assertEquals(mean, duck[0], 0.01, "DuckDB: avg(Fast_1000) in dB");
    assertEquals(mean, duck[0], 1e-9, "and exactly the CSV's mean");
    assertEquals("DECIMAL(5,2)", types[0]);
    assertTrue(types[1].startsWith("TIMESTAMP"), "DuckDB reads epoch_ms as " + types[1]);
    assertEquals(minEpoch, duckTimes[0]);
    String firstShown =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(java.time.ZoneOffset.UTC)
            .format(java.time.Instant.ofEpochMilli(minEpoch));
    assertEquals(maxEpoch, duckTimes[1]);
    // the first frame as DuckDB prints it, in UTC
    org.octave2vec.DuckDb.query(
        "SELECT strftime(min(epoch_ms) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%g') FROM " + files,
        rs -> assertEquals(firstShown, rs.getString(1)));

    SparkSession spark = TestSpark.get();
    spark.read().parquet(tables + "/frames").createOrReplaceTempView("frames_issue33");
    Row r =
        spark
            .sql(
                "SELECT avg(Fast_1000), unix_millis(min(epoch_ms)), unix_millis(max(epoch_ms)),"
                    + " typeof(first(Fast_1000)), typeof(first(epoch_ms)) FROM frames_issue33")
            .first();
    assertEquals(mean, r.getDecimal(0).doubleValue(), 1e-6, "Spark SQL: avg(Fast_1000) in dB");
    assertEquals(minEpoch, r.getLong(1));
    assertEquals(maxEpoch, r.getLong(2));
    assertEquals("decimal(5,2)", r.getString(3));
    assertEquals("timestamp", r.getString(4));
  }

  /**
   * Valid rows only, by the JDK: all fields numeric and finite, levels plausible, epoch integral.
   */
  private static float[] parseOrNull(String line, int fields) {
    String[] f = line.split(",", -1);
    if (f.length != fields || !f[0].matches("\\d{13}")) {
      return null;
    }
    float[] v = new float[fields];
    try {
      for (int i = 1; i < fields; i++) {
        v[i] = Float.parseFloat(f[i]);
        if (!Float.isFinite(v[i]) || v[i] < -10 || v[i] > 150) {
          return null;
        }
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return v;
  }

  @Test
  void badFilesGoToQuarantineWithTheirReasonAndTheJobGoesOn() throws IOException {
    Path in = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(in.resolve("empty.csv"), "");
    Files.writeString(in.resolve("headeronly.csv"), Csv.header() + "\n");
    Files.writeString(in.resolve("missing.csv"), Csv.file(3).replace(",Fast_8000", ""));
    byte[] gz = Csv.gzip(Csv.file(1000));
    Files.write(in.resolve("cut.csv.gz"), java.util.Arrays.copyOf(gz, gz.length * 2 / 3));
    Files.writeString(in.resolve("broken.tar.gz"), "not an archive");
    Files.writeString(in.resolve("notes.txt"), "ignored");
    // the same sensor in two files with overlapping epochs: 3 duplicates across files
    Path s = Files.createDirectories(in.resolve("nested/deeper"));
    Files.writeString(s.resolve("p7.csv"), Csv.file(10));
    Files.write(in.resolve("more.zip"), SourceOpenerTest.zip("p7.csv", Csv.rows(7, 8, 9, 10)));
    String out = dir.resolve("badtables").toString();
    IngestReport r = IngestJob.run(TestSpark.get(), IngestOptions.of(List.of(in.toString()), out));

    assertTrue(r.invariantHolds());
    assertEquals(Map.of("duplicate", 3L), r.quarantinedByReason());
    assertEquals(
        Map.of(
            "bad_header",
            1L,
            "empty_file",
            1L,
            "header_only",
            1L,
            "truncated_gzip",
            1L,
            "unreadable_archive",
            1L),
        r.fileRejectionsByReason());
    assertEquals(1, r.skipped().size(), "notes.txt reported as skipped");
    long cutRows = r.rowsRead() - 14;
    assertTrue(cutRows > 0 && cutRows < 1000, "rows before the break kept: " + cutRows);
    List<Row> q =
        TestSpark.get()
            .read()
            .parquet(out + "/quarantine")
            .filter("reason = 'bad_header'")
            .collectAsList();
    assertTrue(q.get(0).getString(q.get(0).fieldIndex("message")).contains("Fast_8000"));
    assertTrue(q.get(0).getString(0).endsWith("missing.csv"));
    // p7: frames 0..10 once each, one run
    List<Row> runs =
        TestSpark.get().read().parquet(out + "/runs").filter("sensor = 'p7'").collectAsList();
    assertEquals(1, runs.size());
    assertEquals(11L, runs.get(0).getLong(runs.get(0).fieldIndex("frame_count")));
    // p7's frames were rewritten by Spark (the overlap repair): the same physical types and
    // annotations as the ingest's own writer, not Spark's INT96 timestamps or legacy decimals
    List<Path> repaired;
    try (var files = Files.walk(Path.of(out, "frames", "sensor=p7"))) {
      repaired = files.filter(f -> f.toString().endsWith(".parquet")).toList();
    }
    assertTrue(!repaired.isEmpty());
    for (Path f : repaired) {
      assertTrue(f.getFileName().toString().contains(".c000"), "Spark's writer made " + f);
      try (var reader =
          org.apache.parquet.hadoop.ParquetFileReader.open(
              org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                  new org.apache.hadoop.fs.Path(f.toString()),
                  new org.apache.hadoop.conf.Configuration()))) {
        var schema = reader.getFooter().getFileMetaData().getSchema();
        assertEquals(
            "required int64 epoch_ms (TIMESTAMP(MILLIS,true))".replace("required ", ""),
            schema.getType("epoch_ms").toString().replace("required ", "").replace("optional ", ""),
            f.toString());
        assertEquals(
            "int32 Fast_1000 (DECIMAL(5,2))",
            schema
                .getType("Fast_1000")
                .toString()
                .replace("required ", "")
                .replace("optional ", ""),
            f.toString());
      }
    }
  }

  @Test
  void layoutOptionAndParentSensorRuleAndCalibration() throws IOException {
    BandLayout tob = BandLayout.parse("tob20");
    Path in = Files.createDirectories(dir.resolve("tob/s1"));
    StringBuilder sb = new StringBuilder("epoch," + String.join(",", tob.headers()) + ",LZeq\n");
    List<String> rows = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      StringBuilder row = new StringBuilder().append(Csv.T0 + 125L * (k < 10 ? k : k + 5));
      for (int b = 0; b < 20; b++) {
        row.append(',').append(30 + b);
      }
      rows.add(row.append(",70").toString());
    }
    sb.append(String.join("\n", rows)).append('\n');
    Files.writeString(in.resolve("2025-11-01.csv"), sb.toString());
    Path cal = Files.writeString(dir.resolve("cal.csv"), "sensor,offset_db\ns1,-2.5\n");
    String out = dir.resolve("tobtables").toString();
    IngestReport r =
        IngestJob.run(
            TestSpark.get(),
            IngestOptions.of(List.of(in.getParent().toString()), out)
                .withBands("tob20")
                .withSensor(SensorIdRule.Mode.PARENT, null)
                .withCalibration(cal.toString()));
    assertEquals(20, r.rowsKept());
    assertEquals(2, r.runs(), "a 5-frame hole splits the run");
    Row f = TestSpark.frames(out).orderBy("epoch_ms").first();
    assertEquals("s1", f.getString(f.fieldIndex("sensor")));
    assertEquals(27.5f, f.getFloat(f.fieldIndex("Fast_125")));
    assertEquals(67.5f, f.getFloat(f.fieldIndex("LZeq")));
    assertEquals(20 + 4 + 4, f.size(), "20 bands, 4 extras, sensor, date, epoch, source");
  }
}
