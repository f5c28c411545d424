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
 * How {@code frames} stores levels, through the jobs on local Spark: centi-dB for two-decimal
 * exports (lossless through export-csv), float32 when an archive carries more precision, and tables
 * of schema 1 (float32, before the encoding existed) still read.
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
    assertEquals(LevelEncoding.CENTI_DB, meta(t).encoding());
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
    assertEquals(LevelEncoding.FLOAT32, meta(t).encoding());
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
            IngestOptions.of(List.of(in.toString()), t).withLevelEncoding("centi"));
    assertEquals(40, r.rowsRead());
    assertEquals(30, r.rowsKept());
    assertEquals(10, r.rowsQuarantined());
    assertEquals(LevelEncoding.CENTI_DB, meta(t).encoding());
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
        "Fast_100 = 40.701 dB has more precision than the table's centi-dB levels (0.01 dB); a"
            + " table ingested with --level-encoding float keeps it",
        first.getString(first.fieldIndex("message")));
  }

  @Test
  void aSchemaOneFloatTableSlicesExactlyAsTheCentiTableOfTheSameArchive() throws IOException {
    SpecCenseGenerator.generate(
        GenerateOptions.defaults().withSensors(2).withHours(0.1), dir.resolve("gen"));
    SparkSession spark = TestSpark.get();
    String archive = dir.resolve("gen/archive").toString();
    String centi = dir.resolve("centi").toString();
    String old = dir.resolve("old").toString();
    IngestJob.run(spark, IngestOptions.of(List.of(archive), centi));
    IngestJob.run(spark, IngestOptions.of(List.of(archive), old).withLevelEncoding("float"));
    assertEquals(LevelEncoding.CENTI_DB, meta(centi).encoding());
    // what an ingest before schema 2 wrote: float32 levels, no level_encoding, schema_version 1
    Path metaFile = Path.of(TableRoot.of(old).frames(), "_octave2vec.json");
    @SuppressWarnings("unchecked")
    Map<String, Object> m = Json.MAPPER.readValue(metaFile.toFile(), Map.class);
    m.remove("level_encoding");
    m.put("schema_version", 1);
    Files.writeString(metaFile, Json.MAPPER.writeValueAsString(m));
    Files.deleteIfExists(metaFile.resolveSibling("._octave2vec.json.crc")); // Hadoop's checksum
    assertEquals(LevelEncoding.FLOAT32, meta(old).encoding());

    assertTrue(
        Files.size(files(Path.of(TableRoot.of(centi).frames()), ".parquet").get(0))
            < Files.size(files(Path.of(TableRoot.of(old).frames()), ".parquet").get(0)),
        "centi-dB files are smaller");
    Dataset<Row> a = TestSpark.frames(centi).drop("source_file");
    Dataset<Row> b = TestSpark.frames(old).drop("source_file");
    assertEquals(0, a.exceptAll(b).count(), "same frames, bit for bit");
    assertEquals(0, b.exceptAll(a).count());

    SliceJob.run(spark, centi, SliceOptions.defaults());
    SliceJob.run(spark, old, SliceOptions.defaults());
    Dataset<Row> sa = spark.read().parquet(TableRoot.of(centi).slices());
    Dataset<Row> sb = spark.read().parquet(TableRoot.of(old).slices());
    assertTrue(sa.count() > 100);
    assertEquals(0, sa.exceptAll(sb).count(), "same slices");
    assertEquals(0, sb.exceptAll(sa).count());
  }
}
