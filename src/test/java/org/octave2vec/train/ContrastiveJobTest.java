package org.octave2vec.train;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.octave2vec.TestSpark;
import org.octave2vec.common.Rows;
import org.octave2vec.common.Task;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.NormStats;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.SplitBy;

/** samples → train → embed for the contrastive task, on local Spark with a tiny encoder. */
class ContrastiveJobTest {
  @TempDir static Path dir;
  static String tables;
  static final int BATCH = 16;

  @BeforeAll
  static void pipeline() throws Exception {
    tables =
        TestSpark.slicedTables(
            dir,
            0.2,
            SliceOptions.defaults()
                .withWidthHop(8, 4)
                .withSplit(SplitBy.TIME, 600_000, 2)
                .withFractions(0.3, 0));
    SparkSession s = TestSpark.get();
    SamplesJob.run(
        s,
        tables,
        SampleOptions.defaults(Task.CONTRASTIVE).withSamplesPerRun(2).withRadiusFrames(16),
        2,
        BATCH);
  }

  private static TrainOptions options(String model, int epochs, String mode) {
    // the prototype's mild views (±3 dB, 1-3 bands): the tiny encoder must beat chance in one epoch
    return TrainOptions.of(Task.CONTRASTIVE, tables, model)
        .with("tiny", epochs, mode)
        .withContrastive(
            new TrainOptions.Contrastive(
                NtXentLoss.DEFAULT_TEMPERATURE, new Augmentations(3, 3, 0.5, 0.3, 3, 0)));
  }

  @Test
  void everyMinibatchHoldsDistinctUnitsAndEveryCropLiesInItsRun() {
    List<Row> rows =
        TestSpark.get()
            .read()
            .parquet(tables + "/samples/contrastive")
            .filter(col("split").equalTo("train"))
            .orderBy("worker", "position")
            .collectAsList();
    assertTrue(rows.size() >= 4 * BATCH, "enough samples: " + rows.size());
    long units =
        rows.stream()
            .map(
                r ->
                    r.getString(r.fieldIndex("sensor"))
                        + "/"
                        + r.getInt(r.fieldIndex("run_index"))
                        + "/"
                        + r.getInt(r.fieldIndex("unit")))
            .distinct()
            .count();
    assertTrue(units >= BATCH, "units " + units);
    for (int from = 0; from + BATCH <= rows.size(); from += BATCH) {
      Set<String> seen = new HashSet<>();
      for (Row r : rows.subList(from, from + BATCH)) {
        assertEquals(
            rows.get(from).getInt(r.fieldIndex("worker")), r.getInt(r.fieldIndex("worker")));
        seen.add(
            r.getString(r.fieldIndex("sensor"))
                + "/"
                + r.getInt(r.fieldIndex("run_index"))
                + "/"
                + r.getInt(r.fieldIndex("unit")));
        int fa = r.getInt(r.fieldIndex("a")) * 4 + r.getInt(r.fieldIndex("a_shift"));
        int fb = r.getInt(r.fieldIndex("b")) * 4 + r.getInt(r.fieldIndex("b_shift"));
        assertTrue(Math.abs(fa - fb) <= 16, "radius: " + r);
      }
      assertEquals(BATCH, seen.size(), "minibatch at " + from + " repeats a unit");
    }
  }

  @Test
  void trainsLocallyAndOnSparkResumesAndEmbedsThePooledEncoderOutput() throws Exception {
    String model = dir.resolve("m").toString();
    TrainJob.Report r = TrainJob.run(TestSpark.get(), options(model, 1, "local"));
    double chance = Math.log(2.0 * BATCH - 1);
    assertTrue(r.trainLoss().get(0) < chance, "below chance after an epoch: " + r.trainLoss());
    assertTrue(Double.isFinite(r.valLoss().get(0)));
    TrainJob.Report resumed =
        TrainJob.run(TestSpark.get(), options(model, 3, "local").withResume(true));
    assertEquals(3, resumed.trainLoss().size());
    assertEquals(
        r.trainLoss().get(0), resumed.trainLoss().get(0), 0.0, "epoch 1 kept from the checkpoint");
    assertTrue(
        resumed.trainLoss().get(2) < resumed.trainLoss().get(0),
        "loss falls: " + resumed.trainLoss());
    ModelMeta config = ModelMeta.read(TestSpark.get().sparkContext().hadoopConfiguration(), model);
    ModelConfig mc = config.model();
    assertEquals(8, config.geometry().width());
    assertEquals(125, config.geometry().framePeriodMs());
    assertEquals(Pooling.MEANMAX, mc.pooling());
    assertEquals(EncoderOutput.MULTISCALE, mc.output());
    assertTrue(mc.batchNorm());
    String card = Files.readString(Path.of(model, "MODEL_CARD.md"));
    assertTrue(card.contains("NT-Xent") && card.contains("bands zeroed"), card);
    // a catalogue's metadata block, the right credit, how to use it
    assertTrue(card.startsWith("---\nlibrary_name: octave2vec\nlicense: apache-2.0\n"), card);
    assertTrue(card.contains("task: contrastive\n"), card);
    assertTrue(card.contains("SimCLR") && card.contains("COLA"), card);
    assertFalse(card.contains("Tagliasacchi"), card);
    assertTrue(card.contains("./submit.sh export-model --model MODEL_DIR"), card);
    assertFalse(card.contains(" 1 workers"), card);

    // embed writes every block's pooled output: recompute one slice's by hand
    String out = dir.resolve("emb").toString();
    long n = EmbedJob.run(TestSpark.get(), model, tables, out);
    assertEquals(TestSpark.get().read().parquet(tables + "/slices").count(), n);
    Row e =
        TestSpark.get().read().parquet(out).orderBy("sensor", "run_index", "slice_index").first();
    Row s =
        TestSpark.get()
            .read()
            .parquet(tables + "/slices")
            .orderBy("sensor", "run_index", "slice_index")
            .first();
    float[] levels = Rows.floats(s.getList(s.fieldIndex("levels")));
    NormStats.StatsFile.read(
            TestSpark.get().sparkContext().hadoopConfiguration(), model + "/norm_stats.json")
        .stats()
        .normalize(levels, 29, 8);
    ComputationGraph enc =
        Audio2VecModels.encoderOnly(
            new ModelDir(TestSpark.get().sparkContext().hadoopConfiguration(), model)
                .load(ModelDir.MODEL),
            mc);
    float[] expected =
        Audio2VecModels.embed(enc, Nd4j.create(levels, new long[] {1, 1, 29, 8})).toFloatVector();
    float[] got = Rows.floats(e.getList(e.fieldIndex("embedding")));
    assertEquals(2 * (4 + 4 + 8 + 8 + 8 + 8), got.length, "tiny: mean and max of each block");
    for (int i = 0; i < got.length; i++) {
      assertEquals(expected[i], got[i], 1e-4, "embedding[" + i + "]");
    }

    // parameter averaging over 2 local workers: each worker's minibatch gives its own negatives
    TrainJob.Report spark =
        TrainJob.run(TestSpark.get(), options(dir.resolve("ms").toString(), 1, "spark"));
    assertTrue(
        Double.isFinite(spark.trainLoss().get(0)) && spark.trainLoss().get(0) < chance + 0.5,
        "spark: " + spark.trainLoss());
  }
}
