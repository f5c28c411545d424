package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.FramesMeta;
import org.octave2vec.common.Json;
import org.octave2vec.common.LevelEncoding;
import org.octave2vec.common.TableRoot;
import org.octave2vec.export.ExportCsvJob;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.SpecCenseGenerator;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;

/**
 * How {@code frames} stores levels, through the jobs on local Spark: DECIMAL(5,2) dB (centi-dB
 * integers) for two-decimal exports (lossless through export-csv), float32 when an archive carries
 * more precision, and tables of schema 1 (float32, before the encoding existed) and schema 2 (INT32
 * centi-dB, bare INT64 epoch) still read.
 */
class LevelEncodingIngestTest {
  @TempDir Path dir;

  private static FramesMeta meta(String tables) {
    return FramesMeta.read(
        TestSpark.get().sparkContext().hadoopConfiguration(), TableRoot.of(tables));
  }

  /** Every level of the exported files, by (sensor file, epoch), as the decimal its text says. */
  private static Map<Long, List<BigDecimal>> levelsOf(List<Path> csvs) throws IOException {
    Map<Long, List<BigDecimal>> out = new HashMap<>();
    for (Path p : csvs) {
      var in = Files.newInputStream(p);
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(
                  p.toString().endsWith(".gz") ? new GZIPInputStream(in) : in,
                  StandardCharsets.UTF_8))) {
        r.readLine();
        String line;
        while ((line = r.readLine()) != null) {
          String[] f = line.split(",");
          List<BigDecimal> v = new ArrayList<>();
          for (int i = 1; i < f.length; i++) {
            v.add(new BigDecimal(f[i]));
          }
          out.put(Long.parseLong(f[0]), v);
        }
      }
    }
    return out;
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (var s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void realTwoDecimalExportIsStoredAsCentiDbAndExportsToTheSameDecimals() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("s1.csv"), LayoutDetectionTest.sampleText());
    String t = dir.resolve("t").toString();
    IngestReport r =
        IngestJob.run(
            TestSpark.get(),
            IngestOptions.of(List.of(in.toString()), t).withBands(IngestOptions.AUTO_BANDS));
    assertEquals(500, r.rowsKept());
    assertEquals(LevelEncoding.DECIMAL_DB, meta(t).encoding());
    ExportCsvJob.run(TestSpark.get(), t, dir.resolve("export").toString());
    Map<Long, List<BigDecimal>> source = levelsOf(List.of(in.resolve("s1.csv")));
    assertEquals(500 * 20, sameDecimals(source, dir.resolve("export")));
  }

  /** Every level of the exported files equals the source's as a decimal; returns how many. */
  private static int sameDecimals(Map<Long, List<BigDecimal>> source, Path export)
      throws IOException {
    Map<Long, List<BigDecimal>> exported = levelsOf(files(export, ".csv.gz"));
    assertEquals(source.keySet(), exported.keySet());
    int compared = 0;
    for (var e : source.entrySet()) {
      List<BigDecimal> want = e.getValue();
      List<BigDecimal> got = exported.get(e.getKey());
      assertEquals(want.size(), got.size());
      for (int i = 0; i < want.size(); i++) {
        assertEquals(0, want.get(i).compareTo(got.get(i)), "epoch " + e.getKey() + " band " + i);
        compared++;
      }
    }
    return compared;
  }

  /** 40 frames whose levels have three or four decimals (e.g. computed, or finely calibrated). */
  private Path fineArchive() throws IOException {
    Path in = Files.createDirectories(dir.resolve("fine"));
    StringBuilder sb = new StringBuilder(Csv.header()).append('\n');
    for (int k = 0; k < 40; k++) {
      sb.append(Csv.T0 + 125L * k);
      for (int b = 0; b < 29; b++) {
        // every 4th frame has one band at 0.001 dB; the others keep two decimals
        double v = 40 + b / 10.0 + (k % 4 == 0 && b == 7 ? 0.001 : 0) + k * 0.01;
        sb.append(',').append(String.format(Locale.ROOT, k % 4 == 0 ? "%.4f" : "%.2f", v));
      }
      sb.append('\n');
    }
    Files.writeString(in.resolve("s1.csv"), sb.toString());
    return in;
  }

  @Test
  void finerLevelsMakeAutoStoreFloat32AndKeepEveryValue() throws IOException {
    Path in = fineArchive();
    String t = dir.resolve("t").toString();
    IngestReport r = IngestJob.run(TestSpark.get(), IngestOptions.of(List.of(in.toString()), t));
    assertEquals(40, r.rowsKept());
    assertEquals(0, r.rowsQuarantined());
    assertEquals(LevelEncoding.FLOAT32_UTC, meta(t).encoding());
    assertEquals(
        org.apache.spark.sql.types.DataTypes.TimestampType,
        TestSpark.get()
            .read()
            .parquet(TableRoot.of(t).frames())
            .schema()
            .apply("epoch_ms")
            .dataType(),
        "float32 tables of schema 3 have UTC timestamps too");
    Map<Long, List<BigDecimal>> source = levelsOf(List.of(in.resolve("s1.csv")));
    for (Row f : TestSpark.frames(t).collectAsList()) {
      List<BigDecimal> want = source.get(f.getLong(f.fieldIndex("epoch_ms")));
      for (int b = 0; b < 29; b++) {
        String c = BandLayout.cense29().columns().get(b);
        assertEquals(want.get(b).floatValue(), f.getFloat(f.fieldIndex(c)), c);
      }
    }
    // the float32 round trip: export-csv writes each level back as the same decimal
    ExportCsvJob.run(TestSpark.get(), t, dir.resolve("export").toString());
    assertEquals(40 * 29, sameDecimals(source, dir.resolve("export")));
  }

  @Test
  void forcedCentiQuarantinesFinerLevelsWithTheirReason() throws IOException {
    Path in = fineArchive();
    String t = dir.resolve("t").toString();
    IngestReport r =
        IngestJob.run(
            TestSpark.get(),
            IngestOptions.of(List.of(in.toString()), t)
                .withLevelEncoding(LevelEncoding.Option.CENTI));
    assertEquals(40, r.rowsRead());
    assertEquals(30, r.rowsKept());
    assertEquals(10, r.rowsQuarantined());
    assertEquals(LevelEncoding.DECIMAL_DB, meta(t).encoding());
    List<Row> q =
        TestSpark.get()
            .read()
            .parquet(TableRoot.of(t).quarantine())
            .orderBy("line")
            .collectAsList();
    assertEquals(10, q.size());
    Row first = q.get(0);
    assertEquals("level_precision", first.getString(first.fieldIndex("reason")));
    assertEquals(2, first.getLong(first.fieldIndex("line")));
    assertEquals(
        "Fast_100 = 40.701 dB does not fit the table's levels (0.01 dB steps within ±999.99 dB);"
            + " a table ingested with --level-encoding float keeps it",
        first.getString(first.fieldIndex("message")));
  }

  /**
   * Older tables still read: a schema 2 table (INT32 centi-dB levels, bare INT64 epoch_ms, {@code
   * level_encoding: centi_db}, as ingest wrote before issue 33 and a nightly run still adds to such
   * a table) and a schema 1 table (float32, no {@code level_encoding}) read and slice exactly as
   * the schema 3 table (DECIMAL(5,2) dB, TIMESTAMP epoch_ms) of the same archive.
   */
  @Test
  void schemaOneAndTwoTablesSliceExactlyAsTheDecimalTableOfTheSameArchive() throws IOException {
    SpecCenseGenerator.generate(
        GenerateOptions.defaults().withSensors(2).withHours(0.1), dir.resolve("gen"));
    SparkSession spark = TestSpark.get();
    String archive = dir.resolve("gen/archive").toString();
    String dec = dir.resolve("decimal").toString();
    String centi = dir.resolve("centi").toString();
    String old = dir.resolve("old").toString();
    IngestJob.run(spark, IngestOptions.of(List.of(archive), dec));
    IngestJob.run(
        spark,
        IngestOptions.of(List.of(archive), centi).withLevelEncoding(LevelEncoding.Option.CENTI_DB));
    IngestJob.run(
        spark,
        IngestOptions.of(List.of(archive), old).withLevelEncoding(LevelEncoding.Option.FLOAT32));
    assertEquals(LevelEncoding.DECIMAL_DB, meta(dec).encoding());
    assertEquals(3, meta(dec).schemaVersion());
    assertEquals(LevelEncoding.CENTI_DB, meta(centi).encoding());
    assertEquals(2, meta(centi).schemaVersion());
    // what each reader sees in the files
    var decSchema = spark.read().parquet(TableRoot.of(dec).frames()).schema();
    assertEquals(
        org.apache.spark.sql.types.DataTypes.createDecimalType(5, 2),
        decSchema.apply("Fast_1000").dataType());
    assertEquals(
        org.apache.spark.sql.types.DataTypes.TimestampType, decSchema.apply("epoch_ms").dataType());
    var centiSchema = spark.read().parquet(TableRoot.of(centi).frames()).schema();
    assertEquals(
        org.apache.spark.sql.types.DataTypes.IntegerType,
        centiSchema.apply("Fast_1000").dataType());
    assertEquals(
        org.apache.spark.sql.types.DataTypes.LongType, centiSchema.apply("epoch_ms").dataType());
    // what an ingest before schema 2 wrote: float32 levels, no level_encoding, schema_version 1
    Path metaFile = Path.of(TableRoot.of(old).frames(), "_octave2vec.json");
    @SuppressWarnings("unchecked")
    Map<String, Object> m = Json.MAPPER.readValue(metaFile.toFile(), Map.class);
    m.remove("level_encoding");
    m.remove("time_encoding");
    m.put("schema_version", 1);
    Files.writeString(metaFile, Json.MAPPER.writeValueAsString(m));
    Files.deleteIfExists(metaFile.resolveSibling("._octave2vec.json.crc")); // Hadoop's checksum
    assertEquals(LevelEncoding.FLOAT32, meta(old).encoding());
    assertEquals(
        org.apache.spark.sql.types.DataTypes.LongType,
        spark.read().parquet(TableRoot.of(old).frames()).schema().apply("epoch_ms").dataType());

    long decBytes = bytes(dec);
    long centiBytes = bytes(centi);
    assertTrue(decBytes < bytes(old), "decimal files are smaller than float32 ones");
    assertTrue(
        decBytes <= centiBytes * 1.05,
        "decimal " + decBytes + " bytes within 5 % of centi-dB " + centiBytes);
    Dataset<Row> a = TestSpark.frames(dec).drop("source_file");
    for (String other : List.of(centi, old)) {
      Dataset<Row> b = TestSpark.frames(other).drop("source_file");
      assertEquals(a.schema(), b.schema(), other);
      assertEquals(0, a.exceptAll(b).count(), "same frames, bit for bit: " + other);
      assertEquals(0, b.exceptAll(a).count());
    }

    SliceJob.run(spark, dec, SliceOptions.defaults());
    Dataset<Row> sa = spark.read().parquet(TableRoot.of(dec).slices());
    assertTrue(sa.count() > 100);
    for (String other : List.of(centi, old)) {
      SliceJob.run(spark, other, SliceOptions.defaults());
      Dataset<Row> sb = spark.read().parquet(TableRoot.of(other).slices());
      assertEquals(0, sa.exceptAll(sb).count(), "same slices: " + other);
      assertEquals(0, sb.exceptAll(sa).count());
    }
  }

  private static long bytes(String tables) throws IOException {
    long n = 0;
    for (Path p : files(Path.of(TableRoot.of(tables).frames()), ".parquet")) {
      n += Files.size(p);
    }
    return n;
  }
}
