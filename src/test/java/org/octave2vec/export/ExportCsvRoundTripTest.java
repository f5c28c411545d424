package org.octave2vec.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.FramesMeta;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.LevelEncoding;
import org.octave2vec.common.UserException;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.SpecCenseGenerator;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.ingest.IngestReport;
import org.octave2vec.ingest.ParseSettings;
import org.octave2vec.ingest.SensorIdRule;

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
                .withSensor(SensorIdRule.Mode.PARENT, null));
    assertEquals(0, second.rowsQuarantined());
    assertEquals(first.rowsKept(), second.rowsKept());
    assertEquals(first.runs(), second.runs());
    Dataset<Row> fa = spark.read().parquet(a + "/frames").drop("source_file");
    Dataset<Row> fb = spark.read().parquet(b + "/frames").drop("source_file");
    assertEquals(0, fa.exceptAll(fb).count(), "nothing lost");
    assertEquals(0, fb.exceptAll(fa).count(), "nothing added or changed");
  }

  @Test
  void aSensorIdThatLeavesTheOutputIsRefusedBeforeAnythingIsWritten() throws Exception {
    // a frames table written directly, as an older ingest or another tool could have left it
    SparkSession spark = TestSpark.get();
    BandLayout tob = BandLayout.parse("tob20");
    String tables = dir.resolve("t").toString();
    List<Row> rows = new ArrayList<>();
    for (String sensor : List.of("ok", "..")) {
      Object[] v = new Object[3 + tob.size() + 5];
      v[0] = sensor;
      v[1] = "2025-11-01";
      v[2] = 1761955200000L;
      for (int b = 0; b < tob.size(); b++) {
        v[3 + b] = 40f;
      }
      v[v.length - 1] = "x.csv";
      rows.add(RowFactory.create(v));
    }
    spark
        .createDataFrame(rows, FramesTable.schema(tob, ParseSettings.KNOWN_EXTRAS))
        .write()
        .partitionBy(FramesTable.SENSOR, FramesTable.DATE)
        .parquet(tables + "/frames");
    FramesMeta.of(2, tob, ParseSettings.KNOWN_EXTRAS, 125, LevelEncoding.FLOAT32, null)
        .write(spark.sparkContext().hadoopConfiguration(), tables + "/frames");
    Path out = Files.createDirectories(dir.resolve("nest/out"));
    UserException e =
        assertThrows(UserException.class, () -> ExportCsvJob.run(spark, tables, out.toString()));
    assertEquals(
        "export-csv: the frames table holds a sensor-day that would be written outside --output"
            + " (sensor id '..' is not allowed: use 1 to 64 letters, digits, '.', '_' or '-',"
            + " starting with a letter or digit); nothing written",
        e.getMessage());
    try (var files = Files.walk(dir.resolve("nest"))) {
      assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "nothing written");
    }
  }
}
