package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.LevelEncoding;

/** A task's frame files: one per sensor-day, only finished attempts committed, read by others. */
class FrameFilesTest {
  @TempDir Path dir;
  final Configuration conf = new Configuration();
  final BandLayout tob = BandLayout.parse("tob20");

  private void write(String attemptDir, int partition, float base) throws Exception {
    write(attemptDir, partition, base, LevelEncoding.CENTI_DB);
  }

  private void write(String attemptDir, int partition, float base, LevelEncoding encoding)
      throws Exception {
    FrameFiles f = new FrameFiles(conf, attemptDir, partition, tob, List.of("LAeq"), encoding);
    float[] bands = new float[20];
    for (int k = 0; k < 6; k++) {
      Arrays.fill(bands, base + k * 0.01f);
      // the first three frames on one day, the rest on the next
      String date = k < 3 ? "2025-11-01" : "2025-11-02";
      float laeq = k == 1 ? Float.NaN : 50.25f;
      f.frame("s1", date, 1761955200000L + k * 125L, bands, new float[] {laeq}, "s1.csv");
    }
    f.close();
  }

  @Test
  void onlyTheCommittedAttemptLandsOneFilePerSensorDayAndReadsBackExactly() throws Exception {
    String staging = dir.resolve("staging").toString();
    write(staging + "/0-0", 0, 10f); // a failed first attempt
    write(staging + "/0-1", 0, 40f); // the retry that finished
    String frames = dir.resolve("t/frames").toString();
    assertEquals(2, FrameFiles.commit(conf, List.of(staging + "/0-1", staging + "/9-0"), frames));
    try (var s = Files.walk(Path.of(frames))) {
      assertEquals(
          List.of(
              "sensor=s1/date=2025-11-01/part-00000-0000.zstd.parquet",
              "sensor=s1/date=2025-11-02/part-00000-0001.zstd.parquet"),
          s.filter(p -> p.toString().endsWith(".parquet"))
              .map(p -> Path.of(frames).relativize(p).toString())
              .sorted()
              .toList());
    }
    List<Row> rows = TestSpark.get().read().parquet(frames).orderBy("epoch_ms").collectAsList();
    assertEquals(6, rows.size(), "the failed attempt's frames are not there");
    Row r = rows.get(4);
    assertEquals(DataTypes.IntegerType, r.schema().apply("Fast_1000").dataType());
    assertEquals(4004, r.getInt(r.fieldIndex("Fast_1000")), "40.04 dB");
    assertEquals(5025, r.getInt(r.fieldIndex("LAeq")));
    assertEquals("s1.csv", r.getString(r.fieldIndex("source_file")));
    assertEquals(true, rows.get(1).isNullAt(rows.get(1).fieldIndex("LAeq")), "NaN extra = null");
    // an independent reader sees the same values
    long[] duck =
        org.octave2vec.DuckDb.longs(
            "SELECT sum(\"Fast_125\"), count(\"LAeq\"), count(*) FROM read_parquet('"
                + frames
                + "/**/*.parquet')");
    assertEquals(6 * 4000 + 1 + 2 + 3 + 4 + 5, duck[0]);
    assertEquals(5, duck[1]);
    assertEquals(6, duck[2]);
  }

  /**
   * Schema 3: the same centi-dB integers and milliseconds, annotated so that readers see dB and UTC
   * times: INT32 DECIMAL(5,2) levels, INT64 TIMESTAMP(MILLIS, UTC) epoch.
   */
  @Test
  void decimalLevelsAndTimestampsReadAsDecibelsAndUtcTimes() throws Exception {
    String staging = dir.resolve("staging").toString();
    write(staging + "/0-0", 0, 40f, LevelEncoding.DECIMAL_DB);
    String frames = dir.resolve("t/frames").toString();
    assertEquals(2, FrameFiles.commit(conf, List.of(staging + "/0-0"), frames));
    Path file;
    try (var s = Files.walk(Path.of(frames))) {
      file = s.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
    try (var reader =
        org.apache.parquet.hadoop.ParquetFileReader.open(
            org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toString()), conf))) {
      var schema = reader.getFooter().getFileMetaData().getSchema();
      var level = schema.getType("Fast_1000").asPrimitiveType();
      assertEquals(PrimitiveTypeName.INT32, level.getPrimitiveTypeName());
      assertEquals(LogicalTypeAnnotation.decimalType(2, 5), level.getLogicalTypeAnnotation());
      var epoch = schema.getType("epoch_ms").asPrimitiveType();
      assertEquals(PrimitiveTypeName.INT64, epoch.getPrimitiveTypeName());
      assertEquals(
          LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS),
          epoch.getLogicalTypeAnnotation());
      // the pages stay delta-encoded integers
      var chunk =
          reader.getFooter().getBlocks().get(0).getColumns().stream()
              .filter(c -> c.getPath().toDotString().equals("Fast_1000"))
              .findFirst()
              .orElseThrow();
      assertTrue(
          chunk.getEncodings().contains(org.apache.parquet.column.Encoding.DELTA_BINARY_PACKED),
          "encodings " + chunk.getEncodings());
    }
    List<Row> rows = TestSpark.get().read().parquet(frames).orderBy("epoch_ms").collectAsList();
    Row r = rows.get(4);
    assertEquals(DataTypes.createDecimalType(5, 2), r.schema().apply("Fast_1000").dataType());
    assertEquals(DataTypes.TimestampType, r.schema().apply("epoch_ms").dataType());
    assertEquals(new BigDecimal("40.04"), r.getDecimal(r.fieldIndex("Fast_1000")));
    assertEquals(new BigDecimal("50.25"), r.getDecimal(r.fieldIndex("LAeq")));
    assertEquals(
        Instant.ofEpochMilli(1761955200000L + 4 * 125L),
        r.getTimestamp(r.fieldIndex("epoch_ms")).toInstant());
    // DuckDB: dB and UTC times too
    String files = "read_parquet('" + frames + "/**/*.parquet')";
    org.octave2vec.DuckDb.query(
        "SELECT sum(Fast_125), count(LAeq), epoch_ms(min(epoch_ms)),"
            + " typeof(any_value(Fast_125)) FROM "
            + files,
        rs -> {
          assertEquals(new BigDecimal("240.15"), rs.getBigDecimal(1));
          assertEquals(5, rs.getLong(2));
          assertEquals(1761955200000L, rs.getLong(3));
          assertEquals("DECIMAL(5,2)", rs.getString(4));
        });
    // and our jobs read float32 levels and long milliseconds, as from any older table
    var decoded =
        org.octave2vec.common.FramesTable.levels(
                TestSpark.get().read().parquet(frames),
                tob,
                List.of("LAeq"),
                LevelEncoding.DECIMAL_DB)
            .orderBy("epoch_ms")
            .collectAsList();
    Row d = decoded.get(4);
    assertEquals(1761955200000L + 4 * 125L, d.getLong(d.fieldIndex("epoch_ms")));
    assertEquals(40.04f, d.getFloat(d.fieldIndex("Fast_1000")));
    assertEquals(50.25f, d.getFloat(d.fieldIndex("LAeq")));
  }
}
