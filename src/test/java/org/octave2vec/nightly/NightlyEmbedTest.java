package org.octave2vec.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.Task;
import org.octave2vec.train.TrainJob;
import org.octave2vec.train.TrainOptions;

/** {@code nightly --model}: the embeddings follow the slices night after night, and only then. */
class NightlyEmbedTest {
  @TempDir Path dir;

  @Test
  void embeddingsAreWrittenWhenTheSlicesChangeAndLeftAloneOtherwise() throws Exception {
    SparkSession spark = TestSpark.get();
    Path archive = NightlyFixtures.archive(dir.resolve("gen"), 2, 1.0, NightlyFixtures.START, 5);
    Path tables = dir.resolve("tables");
    NightlyOptions o = NightlyFixtures.options(archive, tables);
    NightlyJob.run(spark, o);
    String model = dir.resolve("model").toString();
    TrainJob.run(
        spark, TrainOptions.of(Task.CBOW, tables.toString(), model).with("tiny", 0, "local"));

    EmbedRefresh.Result first = EmbedRefresh.run(spark, tables.toString(), model);
    long slices = spark.read().parquet(tables + "/slices").count();
    assertFalse(first.current());
    assertEquals(slices, first.rows());
    assertEquals(slices, spark.read().parquet(first.output()).count());

    // nothing changed: the table is not touched
    Map<String, String> before = NightlyFixtures.files(tables, "embeddings");
    assertEquals("nothing-to-do", NightlyJob.run(spark, o).mode());
    assertTrue(EmbedRefresh.run(spark, tables.toString(), model).current());
    assertEquals(before, NightlyFixtures.files(tables, "embeddings"));

    // a file changed overnight: new slices, so new embeddings of every slice
    Path csv;
    try (var s = Files.walk(archive)) {
      csv = s.filter(p -> p.toString().endsWith(".csv")).sorted().findFirst().orElseThrow();
    }
    NightlyFixtures.louder(csv, 3);
    Thread.sleep(1100); // a later modification time than the embeddings, on any file system
    assertEquals("incremental", NightlyJob.run(spark, o).mode());
    EmbedRefresh.Result again = EmbedRefresh.run(spark, tables.toString(), model);
    assertFalse(again.current());
    assertEquals(spark.read().parquet(tables + "/slices").count(), again.rows());
  }
}
