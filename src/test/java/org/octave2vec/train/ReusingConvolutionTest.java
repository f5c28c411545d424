package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The convolution that reuses its forward output in the backward pass trains exactly like DL4J's:
 * the same graph with the plain layer (same parameters, same batches) gives the same gradients and
 * the same parameters after several Adam steps.
 */
class ReusingConvolutionTest {
  private static final String OURS = ReusingConvolution.class.getName();

  @TempDir Path dir;

  /** The same graph with DL4J's own convolution layer and the same parameters. */
  private static ComputationGraph plainTwin(ComputationGraph g) {
    assertTrue(g.getConfiguration().toJson().contains(OURS), "the models use the reusing layer");
    ComputationGraph twin =
        new ComputationGraph(ReusingConvolution.withDl4jLayers(g.getConfiguration()));
    twin.init(g.params().dup(), true);
    for (Layer l : twin.getLayers()) {
      assertTrue(!(l instanceof ReusingConvolution.Impl), "twin uses DL4J's layer");
    }
    return twin;
  }

  private static void assertSameTraining(ComputationGraph g, MultiDataSet batch) {
    ComputationGraph twin = plainTwin(g);
    g.setInputs(batch.getFeatures());
    g.setLabels(batch.getLabels());
    g.computeGradientAndScore();
    twin.setInputs(batch.getFeatures());
    twin.setLabels(batch.getLabels());
    twin.computeGradientAndScore();
    INDArray a = g.gradient().gradient();
    INDArray b = twin.gradient().gradient();
    double rel = a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    assertTrue(rel < 1e-5, "gradients differ: relative L2 " + rel);
    assertTrue(b.norm2Number().doubleValue() > 0, "the gradient is not trivially zero");
    assertEquals(twin.score(), g.score(), 1e-6 * Math.abs(twin.score()));
    for (int i = 0; i < 5; i++) {
      g.fit(batch);
      twin.fit(batch);
    }
    double p =
        g.params().sub(twin.params()).norm2Number().doubleValue()
            / twin.params().norm2Number().doubleValue();
    assertTrue(p < 1e-5, "parameters after 5 steps differ: relative L2 " + p);
  }

  @Test
  void cbowTrainsLikeTheDl4jLayer() {
    ModelConfig c = ModelConfig.tiny(8);
    assertSameTraining(Audio2VecModels.cbow(c), TrainTestData.cbow(c, 6, 21));
  }

  @Test
  void temporalGapTrainsLikeTheDl4jLayer() {
    ModelConfig c = ModelConfig.tiny(8);
    assertSameTraining(Audio2VecModels.temporalGap(c), TrainTestData.gap(c, 6, 22));
  }

  @Test
  void batchNormVariantWithIdentityConvolutionsTrainsLikeTheDl4jLayer() {
    ModelConfig c = ModelConfig.tiny(8).withBatchNorm(true);
    assertSameTraining(Audio2VecModels.cbow(c), TrainTestData.cbow(c, 6, 23));
  }

  @Test
  void savedModelsKeepTheLayerAndItsOutputs() throws Exception {
    ModelConfig c = ModelConfig.tiny(8);
    ComputationGraph g = Audio2VecModels.cbow(c);
    MultiDataSet batch = TrainTestData.cbow(c, 4, 24);
    g.fit(batch);
    File f = dir.resolve("m.zip").toFile();
    ModelSerializer.writeModel(g, f, true);
    ComputationGraph back = ModelSerializer.restoreComputationGraph(f, true);
    assertInstanceOf(ReusingConvolution.Impl.class, back.getLayer("enc_conv0"));
    INDArray x = batch.getFeatures(0);
    assertEquals(0, g.outputSingle(x).sub(back.outputSingle(x)).amaxNumber().doubleValue(), 1e-6);
  }
}
