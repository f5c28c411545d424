package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;

class LocalTrainerTest {

  private static final int STEPS = 30;
  private final ModelConfig tiny = ModelConfig.tiny(8);

  @TempDir Path dir;

  @Test
  void cbowLossFallsOnAFixedBatch() {
    assertLossFalls("cbow", Audio2VecModels.cbow(tiny), TrainTestData.cbow(tiny, 8, 11));
  }

  @Test
  void skipGramLossFallsOnAFixedBatch() {
    assertLossFalls(
        "skipgram", Audio2VecModels.skipGram(tiny), TrainTestData.skipGram(tiny, 8, 12));
  }

  @Test
  void temporalGapLossFallsOnAFixedBatch() {
    assertLossFalls("gap", Audio2VecModels.temporalGap(tiny), TrainTestData.gap(tiny, 8, 13));
  }

  @Test
  void saveAndRestoreWithUpdaterGivesTheSameModel() throws Exception {
    ComputationGraph g = Audio2VecModels.cbow(tiny);
    MultiDataSet batch = TrainTestData.cbow(tiny, 4, 21);
    LocalTrainer.fit(g, new SingletonMultiDataSetIterator(batch), null, 3);
    File file = dir.resolve("cbow.zip").toFile();
    ModelSerializer.writeModel(g, file, true);
    ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);

    assertEquals(g.params(), restored.params());
    assertEquals(g.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
    INDArray x = batch.getFeatures(0);
    assertEquals(0.0, g.outputSingle(x).sub(restored.outputSingle(x)).amaxNumber().doubleValue());
    // the restored Adam state continues the run exactly
    g.fit(batch);
    restored.fit(batch);
    assertEquals(g.params(), restored.params());
    INDArray first =
        x.get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1))
            .dup();
    INDArray e1 = Audio2VecModels.embed(Audio2VecModels.encoderOnly(g, tiny), first);
    INDArray e2 = Audio2VecModels.embed(Audio2VecModels.encoderOnly(restored, tiny), first);
    assertEquals(e1, e2);
  }

  @Test
  void reportsPerEpochTrainAndValidationLoss() {
    ComputationGraph g = Audio2VecModels.cbow(tiny);
    MultiDataSet batch = TrainTestData.cbow(tiny, 2, 31);
    double before = LocalTrainer.evaluate(g, new SingletonMultiDataSetIterator(batch));
    TrainResult r =
        LocalTrainer.fit(
            g,
            new SingletonMultiDataSetIterator(batch),
            new SingletonMultiDataSetIterator(batch),
            2);
    assertEquals(2, r.trainLoss().size());
    assertEquals(2, r.valLoss().size());
    assertEquals(2, r.steps());
    assertEquals(4, r.examples());
    // the first training loss is measured before the first update: the untrained per-cell loss
    assertEquals(before, r.trainLoss().get(0), 1e-4 * before);
    // per-cell units: close to the mean squared target for an untrained model, not 29 × 8 times it
    double meanSquare = batch.getLabels(0).mul(batch.getLabels(0)).meanNumber().doubleValue();
    assertTrue(before < 5 * meanSquare + 1, before + " vs " + meanSquare);
  }

  private static void assertLossFalls(String name, ComputationGraph g, MultiDataSet batch) {
    SingletonMultiDataSetIterator it = new SingletonMultiDataSetIterator(batch);
    double initial = LocalTrainer.evaluate(g, it);
    TrainResult r = LocalTrainer.fit(g, it, null, STEPS);
    double last = LocalTrainer.evaluate(g, it);
    System.out.printf(
        "%s: loss %.4f -> %.4f after %d Adam steps (%.2f s)%n",
        name, initial, last, r.steps(), r.seconds());
    assertEquals(STEPS, r.steps());
    assertTrue(last < 0.7 * initial, name + ": " + initial + " -> " + last);
  }
}
