package org.octave2vec.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.SpecCenseGenerator;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.ingest.IngestReport;

/** ingest(export(frames)) = frames: every sensor, epoch, band and extra, exactly. */
class ExportCsvRoundTripTest {
  @TempDir Path dir;

  @Test
  void exportedArchiveIngestsToTheSameFrames() throws Exception {
    SpecCenseGenerator.generate(
        GenerateOptions.defaults().withSensors(2).withHours(0.25), dir.resolve("gen"));
    SparkSession spark = TestSpark.get();
    String a = dir.resolve("a").toString();
    IngestReport first =
        IngestJob.run(spark, IngestOptions.of(List.of(dir.resolve("gen/archive").toString()), a));
    ExportCsvJob.Report ex = ExportCsvJob.run(spark, a, dir.resolve("export").toString());
    assertEquals(first.rowsKept(), ex.rows());
    assertTrue(Files.exists(dir.resolve("export/p0001/2025-11-01.csv.gz")));
    String b = dir.resolve("b").toString();
    IngestReport second =
        IngestJob.run(
            spark,
            IngestOptions.of(List.of(dir.resolve("export").toString()), b)
                .withSensor("parent", null));
    assertEquals(0, second.rowsQuarantined());
    assertEquals(first.rowsKept(), second.rowsKept());
    assertEquals(first.runs(), second.runs());
    Dataset<Row> fa = spark.read().parquet(a + "/frames").drop("source_file");
    Dataset<Row> fb = spark.read().parquet(b + "/frames").drop("source_file");
    assertEquals(0, fa.exceptAll(fb).count(), "nothing lost");
    assertEquals(0, fb.exceptAll(fa).count(), "nothing added or changed");
  }
}
