package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.Json;
import org.octave2vec.common.SamplesMeta;
import org.octave2vec.common.Task;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;

/**
 * Short clips, one file each (as ESC-style data sets come): splits smaller than one minibatch per
 * worker give empty tables with their schema, not Spark's UNABLE_TO_INFER_SCHEMA; validation keeps
 * every sample; training runs (and says so) when there is no validation split.
 */
class SmallDataSetsTest {
  static final long T0 = 1761955200000L; // 2025-11-01T00:00:00Z
  @TempDir Path dir;

  /** {@code clips} files of 40 frames (5 s), all at the same time, one sensor each. */
  private String tables(int clips, int width) throws IOException {
    Path archive = dir.resolve("a" + clips + "-" + width);
    Files.createDirectories(archive);
    Random rng = new Random(clips);
    for (int c = 0; c < clips; c++) {
      StringBuilder sb = new StringBuilder("epoch,");
      sb.append(String.join(",", BandLayout.cense29().headers())).append('\n');
      for (int k = 0; k < 40; k++) {
        sb.append(T0 + 125L * k);
        for (int b = 0; b < 29; b++) {
          sb.append(',').append(String.format(Locale.ROOT, "%.2f", 50 + 10 * rng.nextGaussian()));
        }
        sb.append('\n');
      }
      Files.writeString(archive.resolve(String.format("clip%02d.csv", c)), sb);
    }
    String tables = dir.resolve("t" + clips + "-" + width).toString();
    SparkSession spark = TestSpark.get();
    IngestJob.run(spark, IngestOptions.of(List.of(archive.toString()), tables).validate());
    SliceJob.run(spark, tables, SliceOptions.defaults().withWidthHop(width, width));
    return tables;
  }

  @Test
  void tinySplitsGiveEmptyTablesAndValidationKeepsEverySample() throws IOException {
    for (int[] c : new int[][] {{1, 4}, {3, 8}, {30, 8}}) {
      String tables = tables(c[0], c[1]);
      SamplesJob.Report r =
          SamplesJob.run(TestSpark.get(), tables, SampleOptions.defaults(Task.CBOW), 2, 64);
      long drawnTrain = r.drawn().getOrDefault("train", 0L);
      assertEquals(
          drawnTrain / 128 * 128, r.kept().getOrDefault("train", 0L), "whole batches: " + r);
      for (String split : List.of("val", "test")) {
        assertEquals(r.drawn().getOrDefault(split, 0L), r.kept().getOrDefault(split, 0L), split);
      }
      SamplesMeta meta =
          SamplesMeta.read(
              TestSpark.get().sparkContext().hadoopConfiguration(), tables + "/samples/cbow");
      assertEquals(r.kept().values().stream().mapToLong(Long::longValue).sum(), meta.rows());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void trainingRunsWithWhateverValidationThereIs() throws IOException {
    String tables = tables(30, 4);
    SamplesJob.Report r =
        SamplesJob.run(TestSpark.get(), tables, SampleOptions.defaults(Task.CBOW), 1, 8);
    long val = r.kept().getOrDefault("val", 0L);
    String model = dir.resolve("m").toString();
    TrainJob.Report t =
        TrainJob.run(
            TestSpark.get(), TrainOptions.of(Task.CBOW, tables, model).with("tiny", 1, "local"));
    assertEquals(1, t.trainLoss().size());
    assertEquals(val > 0, Double.isFinite(t.valLoss().get(0)), "val " + val + ": " + t.valLoss());
    Map<String, Object> prov =
        Json.read(TestSpark.get().sparkContext().hadoopConfiguration(), model + "/provenance.json");
    assertEquals((int) ((val + 7) / 8), prov.get("validation_batches"), "a last, smaller batch");
  }
}
