package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.FramesMeta;
import org.octave2vec.common.TableRoot;

/** {@code --bands auto} and sensor id checks, through the whole ingest job on local Spark. */
class LayoutAndSensorIngestTest {
  @TempDir Path dir;

  private static IngestOptions auto(Path in, String out) {
    return IngestOptions.of(List.of(in.toString()), out).withBands(IngestOptions.AUTO_BANDS);
  }

  private static FramesMeta meta(String out) {
    return FramesMeta.read(TestSpark.get().sparkContext().hadoopConfiguration(), TableRoot.of(out));
  }

  @Test
  void realTob20SampleIngestsWithNoFlag() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("s1.csv"), LayoutDetectionTest.sampleText());
    String out = dir.resolve("t").toString();
    IngestReport r = IngestJob.run(TestSpark.get(), auto(in, out));
    assertEquals(500, r.rowsRead());
    assertEquals(500, r.rowsKept());
    assertEquals(0, r.rowsQuarantined());
    assertEquals(BandLayout.parse("tob20"), meta(out).bandLayout());
    Row f = TestSpark.frames(out).orderBy("epoch_ms").first();
    assertEquals(1590451208257L, f.getLong(f.fieldIndex("epoch_ms")));
    assertEquals(15.9f, f.getFloat(f.fieldIndex("Fast_125")));
    assertEquals(21.1f, f.getFloat(f.fieldIndex("Fast_10000")));
    assertEquals(20 + 4 + 4, f.size(), "20 bands, 4 extras, sensor, date, epoch, source");
  }

  @Test
  void mixedFolderKeepsTheFirstLayoutAndQuarantinesTheOther() throws IOException {
    Path in = Files.createDirectories(dir.resolve("mixed"));
    Files.writeString(in.resolve("a1.csv"), Csv.file(7)); // cense29, first by path
    Files.writeString(in.resolve("b2.csv"), LayoutDetectionTest.sampleText()); // tob20
    String out = dir.resolve("m").toString();
    SparkSession spark = TestSpark.get();
    IngestReport r = IngestJob.run(spark, auto(in, out));
    assertTrue(r.invariantHolds());
    assertEquals(7, r.rowsRead(), "the rejected file's rows are not read, as for bad_header");
    assertEquals(7, r.rowsKept());
    assertEquals(Map.of("layout_mismatch", 1L), r.fileRejectionsByReason());
    assertEquals(BandLayout.cense29(), meta(out).bandLayout());
    List<Row> q = spark.read().parquet(out + "/quarantine").collectAsList();
    assertEquals(1, q.size());
    Row m = q.get(0);
    assertTrue(m.getString(m.fieldIndex("source_file")).endsWith("b2.csv"));
    assertEquals("b2", m.getString(m.fieldIndex("sensor")));
    assertTrue(m.getBoolean(m.fieldIndex("file_level")));
    assertEquals(
        "header has tob20: 20 bands, 125 Hz – 10 kHz; table has cense29: 29 bands, 20 Hz – 12.5"
            + " kHz; the file's rows are skipped",
        m.getString(m.fieldIndex("message")));
  }

  @Test
  void badSensorIdsFromParentDirectoriesAreQuarantinedNamingThem() throws IOException {
    Path in = Files.createDirectories(dir.resolve("bad"));
    Files.createDirectories(in.resolve("p 1"));
    Files.createDirectories(in.resolve("ok-2"));
    Files.writeString(in.resolve("p 1/2025-11-01.csv"), Csv.file(4));
    Files.writeString(in.resolve("ok-2/2025-11-01.csv"), Csv.file(3));
    String out = dir.resolve("b").toString();
    IngestReport r =
        IngestJob.run(
            TestSpark.get(), auto(in, out).withSensor(SensorIdRule.Mode.PARENT, null).validate());
    assertTrue(r.invariantHolds());
    assertEquals(3, r.rowsKept());
    assertEquals(Map.of("bad_sensor_id", 1L), r.fileRejectionsByReason());
    Row q = TestSpark.get().read().parquet(out + "/quarantine").first();
    assertTrue(q.isNullAt(q.fieldIndex("sensor")));
    assertEquals(
        "sensor id 'p 1' is not allowed: use 1 to 64 letters, digits, '.', '_' or '-', starting"
            + " with a letter or digit (rule parent)",
        q.getString(q.fieldIndex("message")));
    List<Row> sensors =
        TestSpark.get().read().parquet(out + "/frames").select("sensor").distinct().collectAsList();
    assertEquals(List.of("ok-2"), sensors.stream().map(x -> x.getString(0)).toList());
  }
}
