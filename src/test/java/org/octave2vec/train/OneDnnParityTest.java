package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The oneDNN path (native build + helpers enabled by the Nd4jCpu shim) computes what the default
 * im2col path computes: same parameters, same batch → outputs and gradients agree.
 */
class OneDnnParityTest {
  private static ComputationGraph build(boolean helpers) {
    boolean before = Nd4j.getEnvironment().helpersAllowed();
    Nd4j.getEnvironment().allowHelpers(helpers);
    try {
      return Audio2VecModels.cbow(
          ModelConfig.small(8)); // helpers are attached when layers are built
    } finally {
      Nd4j.getEnvironment().allowHelpers(before);
    }
  }

  private static Object convHelper(ComputationGraph g) {
    for (Layer l : g.getLayers()) {
      if (l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer c) {
        return c.getHelper();
      }
    }
    return null;
  }

  @Test
  void oneDnnAndDefaultPathsAgree() {
    ComputationGraph fast = build(true);
    ComputationGraph plain = build(false);
    assertNotNull(convHelper(fast), "the oneDNN helper is attached (native build + shim + flag)");
    assertNull(convHelper(plain), "the comparison path really is the default one");
    plain.setParams(fast.params().dup());
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.randn(DataType.FLOAT, 4, 4, 29, 8);
    INDArray y = Nd4j.randn(DataType.FLOAT, 4, 1, 29, 8);
    INDArray outFast = fast.outputSingle(x);
    INDArray outPlain = plain.outputSingle(x);
    double maxDiff = outFast.sub(outPlain).amaxNumber().doubleValue();
    assertTrue(maxDiff < 1e-4, "outputs differ by " + maxDiff);
    MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(x, y);
    fast.setInputs(x);
    fast.setLabels(y);
    fast.computeGradientAndScore();
    plain.setInputs(x);
    plain.setLabels(y);
    plain.computeGradientAndScore();
    INDArray gFast = fast.gradient().gradient();
    INDArray gPlain = plain.gradient().gradient();
    double rel = gFast.sub(gPlain).norm2Number().doubleValue() / gPlain.norm2Number().doubleValue();
    assertTrue(rel < 0.01, "gradients differ by " + rel + " (relative L2)");
    assertTrue(Math.abs(fast.score(batch) - plain.score(batch)) < 1e-3 * plain.score(batch));
  }
}
