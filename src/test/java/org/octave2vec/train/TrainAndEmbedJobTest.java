package org.octave2vec.train;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.octave2vec.TestSpark;
import org.octave2vec.common.SlicesMeta;
import org.octave2vec.common.Task;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.SpecCenseGenerator;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.NormStats;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.SplitBy;

/**
 * train (local and Spark parameter averaging), checkpoints and resume, and embed, on tiny models.
 */
class TrainAndEmbedJobTest {
  @TempDir static Path dir;
  static String tables;

  @BeforeAll
  static void pipeline() throws Exception {
    // 10-minute blocks so that both train and val hold slices
    tables =
        TestSpark.slicedTables(
            dir,
            0.5,
            SliceOptions.defaults().withSplit(SplitBy.TIME, 600_000, 2).withFractions(0.3, 0));
    SparkSession s = TestSpark.get();
    SamplesJob.run(s, tables, SampleOptions.defaults(Task.CBOW).withSamplesPerRun(4), 2, 16);
    SamplesJob.run(s, tables, SampleOptions.defaults(Task.GAP).withSamplesPerRun(4), 2, 16);
  }

  private static TrainJob.Report train(
      String task, String model, int epochs, String mode, boolean resume) {
    return TrainJob.run(
        TestSpark.get(),
        TrainOptions.of(Task.of(task), tables, model)
            .with("tiny", epochs, mode)
            .withResume(resume));
  }

  @Test
  void localTrainingWritesACompleteModelDirectoryAndLearns() throws Exception {
    String model = dir.resolve("m-local").toString();
    TrainJob.Report r = train("cbow", model, 3, "local", false);
    assertEquals(3, r.trainLoss().size());
    for (int k = 1; k < 3; k++) { // a loss that rises in any epoch fails here
      assertTrue(r.trainLoss().get(k) < r.trainLoss().get(k - 1), "loss falls: " + r.trainLoss());
    }
    assertTrue(Double.isFinite(r.valLoss().get(2)), "validation scored: " + r.valLoss());
    for (String f : org.octave2vec.JobArgs.modelFiles(3)) {
      assertTrue(Files.size(Path.of(model, f)) > 0, f);
    }
    assertEquals(
        4, Files.readAllLines(Path.of(model, "loss_history.csv")).size(), "header + 3 epochs");
    byte[] png = Files.readAllBytes(Path.of(model, "loss.png"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));

    // embed: one embedding per slice, of the model's size
    String out = dir.resolve("emb").toString();
    long n = EmbedJob.run(TestSpark.get(), model, tables, out);
    assertEquals(TestSpark.get().read().parquet(tables + "/slices").count(), n);
    Row e = TestSpark.get().read().parquet(out).first();
    List<Float> v = e.getList(e.fieldIndex("embedding"));
    assertEquals(ModelConfig.tiny(8).embedding(), v.size());
    assertTrue(v.stream().allMatch(Float::isFinite));
    assertEquals(
        e.getLong(e.fieldIndex("start_epoch_ms")) + 500,
        e.getLong(e.fieldIndex("centre_epoch_ms")));
    assertEquals(1000, e.getLong(e.fieldIndex("hop_ms")));
    assertTrue(Files.readString(Path.of(model, "MODEL_CARD.md")).contains("Audio2Vec CBoW"));
    embeddingsAreTheTrainedEncodersOutput(model, out);
    // pooled per sensor and day: window counts add up
    long pooledWindows =
        TestSpark.get()
            .read()
            .parquet(out + "_pooled")
            .agg(org.apache.spark.sql.functions.sum("windows"))
            .first()
            .getLong(0);
    assertEquals(n, pooledWindows);
    // data the model never saw: another archive, ingested and sliced on its own
    SpecCenseGenerator.generate(
        GenerateOptions.defaults().withSensors(1).withHours(0.1).withSeed(9), dir.resolve("gen2"));
    String other = dir.resolve("tables2").toString();
    IngestJob.run(
        TestSpark.get(), IngestOptions.of(List.of(dir.resolve("gen2/archive").toString()), other));
    SliceJob.run(TestSpark.get(), other, SliceOptions.defaults());
    long unseen = EmbedJob.run(TestSpark.get(), model, other, other + "/embeddings");
    assertEquals(TestSpark.get().read().parquet(other + "/slices").count(), unseen);
    // privacy-preserving export: no ids, times on the minute
    String anon = dir.resolve("emb-anon").toString();
    EmbedJob.run(TestSpark.get(), new EmbedJob.Options(model, tables, anon, 60_000, true));
    Row a = TestSpark.get().read().parquet(anon).first();
    assertEquals(-1, a.schema().getFieldIndex("sensor").getOrElse(() -> -1));
    assertEquals(0, a.getLong(a.fieldIndex("start_epoch_ms")) % 60_000);
  }

  /**
   * Four slices, normalized with the model's statistics, through the trained CBoW graph itself as
   * one context: each slice's encoder output (the "unfold" vertex) is its row of the embeddings.
   */
  private static void embeddingsAreTheTrainedEncodersOutput(String model, String embeddings)
      throws Exception {
    ModelDir dir = new ModelDir(TestSpark.get().sparkContext().hadoopConfiguration(), model);
    ComputationGraph trained = dir.load(ModelDir.MODEL);
    NormStats stats = NormStats.StatsFile.read(dir.conf(), dir.path(ModelDir.NORM)).stats();
    List<Row> four =
        TestSpark.get()
            .read()
            .parquet(tables + "/slices")
            .orderBy("sensor", "run_index", "slice_index")
            .limit(4)
            .collectAsList();
    int cells = 29 * 8;
    float[] x = new float[4 * cells];
    for (int i = 0; i < 4; i++) {
      float[] v = org.octave2vec.common.Rows.floats(four.get(i).getList(5));
      stats.normalize(v, 29, 8);
      System.arraycopy(v, 0, x, i * cells, cells);
    }
    INDArray unfold =
        trained
            .feedForward(new INDArray[] {Nd4j.create(x, new long[] {1, 4, 29, 8})}, false)
            .get("unfold");
    int emb = ModelConfig.tiny(8).embedding();
    for (int i = 0; i < 4; i++) {
      Row s = four.get(i);
      Row e =
          TestSpark.get()
              .read()
              .parquet(embeddings)
              .where(
                  col("sensor")
                      .equalTo(s.getString(0))
                      .and(col("run_index").equalTo(s.getInt(1)))
                      .and(col("slice_index").equalTo(s.getInt(2))))
              .first();
      float[] got = org.octave2vec.common.Rows.floats(e.getList(e.fieldIndex("embedding")));
      float[] want =
          unfold
              .get(NDArrayIndex.point(0), NDArrayIndex.interval(i * emb, (i + 1) * emb))
              .toFloatVector();
      assertArrayEquals(want, got, 1e-4f, "slice " + s.getInt(2) + " of run " + s.getInt(1));
    }
  }

  @Test
  void embedRefusesSlicesOfAnotherLayout() {
    ModelMeta model =
        new ModelMeta(
            2,
            "cbow",
            ModelConfig.tiny(8),
            new org.octave2vec.common.SliceGeometry(layout("a", "b"), 8, 8, 125),
            8,
            1,
            "slice",
            0,
            null);
    SlicesMeta slices = slices(layout("a", "c"), 8, 125);
    org.octave2vec.common.UserException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.octave2vec.common.UserException.class,
            () -> EmbedJob.checkCompatible(model, slices, "T"));
    assertTrue(
        e.getMessage().contains("have bands [a, c] but the model was trained on [a, b]"),
        e.getMessage());
    SlicesMeta mel = slices(layout("a", "b"), 8, 10);
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.octave2vec.common.UserException.class,
            () -> EmbedJob.checkCompatible(model, mel, "T"));
    assertTrue(e.getMessage().contains("frame period of 10 ms"), e.getMessage());
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.octave2vec.common.UserException.class,
            () -> EmbedJob.checkCompatible(model, slices(layout("a", "b"), 4, 125), "T"));
    assertTrue(e.getMessage().contains("are 4 frames wide but the model takes 8"), e.getMessage());
    EmbedJob.checkCompatible(model, slices(layout("a", "b"), 8, 125), "T");
  }

  private static org.octave2vec.common.BandLayout layout(String... headers) {
    return org.octave2vec.common.BandLayout.of("custom", List.of(headers));
  }

  private static SlicesMeta slices(
      org.octave2vec.common.BandLayout layout, int width, long periodMs) {
    return new SlicesMeta(
        "slices",
        1,
        10,
        new org.octave2vec.common.SliceGeometry(layout, width, width, periodMs),
        SlicesMeta.BAND_MAJOR,
        null,
        null,
        null);
  }

  @Test
  void resumeContinuesToTheSameLossAsAnUninterruptedRun() {
    String a = dir.resolve("m-a").toString();
    train("gap", a, 1, "local", false); // "killed" after epoch 1
    TrainJob.Report resumed = train("gap", a, 2, "local", true);
    TrainJob.Report straight = train("gap", dir.resolve("m-b").toString(), 2, "local", false);
    assertEquals(2, resumed.trainLoss().size());
    assertEquals(straight.trainLoss().get(0), resumed.trainLoss().get(0), 1e-9);
    assertEquals(
        straight.trainLoss().get(1),
        resumed.trainLoss().get(1),
        1e-6 * Math.abs(straight.trainLoss().get(1)));
    assertEquals(
        straight.valLoss().get(1),
        resumed.valLoss().get(1),
        1e-6 * Math.abs(straight.valLoss().get(1)));
  }

  @Test
  void killedInsideAnEpochResumesFromTheTimedCheckpointToTheSameLoss() {
    String a = dir.resolve("m-kill").toString();
    TrainOptions o =
        TrainOptions.of(Task.CBOW, tables, a).with("tiny", 1, "local").withCheckpointMinutes(1e-9);
    // "killed" right after the checkpoint that follows step 5
    Trainer.Listener kill =
        new Trainer.Listener() {
          @Override
          public boolean afterStep(
              org.deeplearning4j.nn.graph.ComputationGraph g,
              int epoch,
              int done,
              int steps,
              double lossSum) {
            if (done == 5) {
              throw new IllegalStateException("stopped for a test after a checkpoint");
            }
            return true;
          }
        };
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class, () -> TrainJob.run(TestSpark.get(), o, kill));
    assertTrue(Files.exists(Path.of(a, "checkpoints/epoch-0001-step-000005.zip")));
    TrainJob.Report resumed =
        TrainJob.run(TestSpark.get(), o.withCheckpointMinutes(0).withResume(true));
    TrainJob.Report straight = train("cbow", dir.resolve("m-nokill").toString(), 1, "local", false);
    assertEquals(1, resumed.trainLoss().size());
    assertEquals(
        straight.trainLoss().get(0),
        resumed.trainLoss().get(0),
        1e-6 * straight.trainLoss().get(0));
    assertEquals(
        straight.valLoss().get(0), resumed.valLoss().get(0), 1e-6 * straight.valLoss().get(0));
  }

  @Test
  void sparkParameterAveragingReachesALossComparableToOneJvm() {
    TrainJob.Report local = train("cbow", dir.resolve("p-local").toString(), 2, "local", false);
    TrainJob.Report spark = train("cbow", dir.resolve("p-spark").toString(), 2, "spark", false);
    double l = local.valLoss().get(1);
    double s = spark.valLoss().get(1);
    assertTrue(Double.isFinite(s) && s < 1.5 * l + 0.05, "spark " + s + " vs local " + l);
    assertTrue(
        spark.valLoss().get(1) < spark.valLoss().get(0) + 0.05,
        "spark training progresses: " + spark.valLoss());
    int perWorker = spark.minibatchesPerWorker();
    assertEquals(local.trainSamples(), spark.trainSamples());
    assertEquals(
        (perWorker + 4) / 5,
        spark.lossPerAveragingRound().get(0).size(),
        "one loss per averaging round");
    assertTrue(spark.samplesPerSecond() > 0);
  }

  @Test
  void maxStepsStopsAfterThatManyMinibatchesPerWorker() {
    TrainOptions o = TrainOptions.of(Task.CBOW, tables, "").with("tiny", 3, "spark");
    // spark, averaging every 2: 3 minibatches per worker are 2 rounds (2 + 1), then it stops
    TrainJob.Report spark =
        TrainJob.run(
            TestSpark.get(),
            o.withModel(dir.resolve("s-spark").toString())
                .withAveragingFrequency(2)
                .withMaxSteps(3));
    assertEquals(1, spark.trainLoss().size(), "stopped in epoch 1");
    assertEquals(3, spark.minibatchesPerWorker(), "only 3 per worker read");
    assertEquals(List.of(2), spark.lossPerAveragingRound().stream().map(List::size).toList());
    // one JVM: 3 steps of 2 workers' minibatches read 2 per worker, the epoch ends at step 3
    TrainJob.Report local =
        TrainJob.run(
            TestSpark.get(),
            o.withModel(dir.resolve("s-local").toString())
                .withMode(TrainOptions.Mode.LOCAL)
                .withMaxSteps(3));
    assertEquals(1, local.trainLoss().size(), "stopped in epoch 1");
    assertEquals(4L * 16, local.trainSamples(), "2 per worker read");
  }
}
