package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.octave2vec.common.SamplesMeta;
import org.octave2vec.common.Task;

/** --batch-norm / --keep-best reach the model; P comes from the samples table. Spark-free. */
class TrainOptionsTest {
  @Test
  void batchNormOverridesThePreset() {
    TrainOptions o = TrainOptions.of(Task.CBOW, "t", "m");
    assertFalse(o.config(29, 8).batchNorm());
    assertFalse(o.keepBest());
    TrainOptions r = o.withRegularization(true, true).validate();
    assertTrue(r.config(29, 8).batchNorm());
    assertTrue(r.keepBest());
    assertEquals(o.config(29, 8).withBatchNorm(true), r.config(29, 8));
  }

  /**
   * config.json and provenance.json write the options as JSON: the temperature and every
   * augmentation must be there (a boolean isContrastive() once replaced them with "true").
   */
  @Test
  void theWrittenOptionsRecordTemperatureAndAugmentations() throws Exception {
    TrainOptions o =
        TrainOptions.of(Task.CONTRASTIVE, "t", "m")
            .withContrastive(
                new TrainOptions.Contrastive(0.2, new Augmentations(9, 8, 0.9, 0.3, 7, 2)));
    com.fasterxml.jackson.databind.JsonNode c =
        org.octave2vec.common.Json.MAPPER
            .readTree(org.octave2vec.common.Json.write(o))
            .get("contrastive");
    assertEquals(0.2, c.get("temperature").asDouble());
    com.fasterxml.jackson.databind.JsonNode a = c.get("augment");
    assertEquals(9, a.get("gainDb").asDouble());
    assertEquals(8, a.get("tiltDb").asDouble());
    assertEquals(0.9, a.get("mixProbability").asDouble());
    assertEquals(0.3, a.get("mixMax").asDouble());
    assertEquals(7, a.get("maskBands").asInt());
    assertEquals(2, a.get("maskFrames").asInt());
  }

  @Test
  void contextComesFromTheSamplesTable() {
    ModelConfig mc = TrainOptions.of(Task.CBOW, "t", "m").config(29, 8);
    assertEquals(2, mc.context());
    SamplesMeta p1 = samples(1);
    assertEquals(1, TrainData.contextOf(mc, p1).context());
    assertEquals(2, TrainData.contextOf(mc, p1).withContext(2).context());
    assertEquals(mc, TrainData.contextOf(mc, samples(0)), "a task without context: the preset's P");
  }

  @Test
  void gapHeadFollowsTheSamplesTablesSign() {
    TrainOptions o = TrainOptions.of(Task.GAP, "t", "m");
    ModelConfig mc = ModelConfig.tiny(8);
    assertEquals(
        Activation.TANH.getActivationFunction(),
        Audio2VecModelsTest.gapActivation(TrainJob.newGraph(o, mc, samples("gap", 0, true))));
    assertEquals(
        Activation.SIGMOID.getActivationFunction(),
        Audio2VecModelsTest.gapActivation(TrainJob.newGraph(o, mc, samples("gap", 0, false))));
  }

  private static SamplesMeta samples(int context) {
    return samples("cbow", context, false);
  }

  private static SamplesMeta samples(String task, int context, boolean signedGap) {
    return new SamplesMeta(
        "samples/" + task,
        SamplesMeta.SCHEMA_VERSION,
        64,
        task,
        1,
        32,
        context,
        signedGap,
        null,
        "t/slices",
        null);
  }
}
