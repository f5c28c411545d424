package org.octave2vec.bench;

import java.util.Locale;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.octave2vec.train.ModelConfig;

/**
 * NCHW vs NHWC for the encoder (the part every task trains): pad, 6 conv 3×3 blocks with (2,1)
 * pooling after the first 4, global max pool, embedding, a 1-unit MSE head; training steps of the
 * two layouts alternated in one JVM on the same random slices. Usage: LayoutBench small|reference
 * [width=8] [batch=256] [steps=10]
 */
public final class LayoutBench {
  private LayoutBench() {}

  static ComputationGraph encoder(ModelConfig c, CNN2DFormat f) {
    var g =
        new NeuralNetConfiguration.Builder()
            .seed(1)
            .updater(new Adam(1e-3))
            .weightInit(WeightInit.RELU)
            .convolutionMode(ConvolutionMode.Same)
            .trainingWorkspaceMode(WorkspaceMode.ENABLED)
            .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
            .graphBuilder()
            .addInputs("x")
            .setInputTypes(InputType.convolutional(c.bands(), c.width(), 1, f));
    g.addLayer(
        "pad", new ZeroPaddingLayer.Builder(0, c.padBands(), 0, 0).dataFormat(f).build(), "x");
    String x = "pad";
    for (int k = 0; k < c.blocks(); k++) {
      g.addLayer(
          "conv" + k,
          new ConvolutionLayer.Builder(3, 3)
              .nOut(c.channel(k))
              .dataFormat(f)
              .activation(Activation.RELU)
              .build(),
          x);
      x = "conv" + k;
      if (k < c.poolBlocks()) {
        g.addLayer(
            "pool" + k,
            new SubsamplingLayer.Builder(PoolingType.MAX)
                .kernelSize(2, 1)
                .stride(2, 1)
                .dataFormat(f)
                .build(),
            x);
        x = "pool" + k;
      }
    }
    g.addLayer("gpool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), x);
    g.addLayer(
        "embed",
        new DenseLayer.Builder().nOut(c.embedding()).activation(Activation.IDENTITY).build(),
        "gpool");
    g.addLayer(
        "out",
        new OutputLayer.Builder(LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build(),
        "embed");
    ComputationGraph graph = new ComputationGraph(g.setOutputs("out").build());
    graph.init();
    return graph;
  }

  public static void main(String[] args) {
    ModelArgs m = ModelArgs.of(args, 0, 256, 10);
    ModelConfig c = m.config();
    int w = m.width();
    int batch = m.batch();
    int steps = m.steps();
    ComputationGraph nchw = encoder(c, CNN2DFormat.NCHW);
    ComputationGraph nhwc = encoder(c, CNN2DFormat.NHWC);
    INDArray x = Nd4j.randn(DataType.FLOAT, batch, 1, c.bands(), w);
    INDArray y = Nd4j.randn(DataType.FLOAT, batch, 1);
    var a = new org.nd4j.linalg.dataset.MultiDataSet(x, y);
    var b = new org.nd4j.linalg.dataset.MultiDataSet(x.permute(0, 2, 3, 1).dup('c'), y);
    for (int i = 0; i < 3; i++) {
      nchw.fit(a);
      nhwc.fit(b);
    }
    double ta = 0;
    double tb = 0;
    for (int i = 0; i < steps; i++) {
      long t0 = System.nanoTime();
      nchw.fit(a);
      long t1 = System.nanoTime();
      nhwc.fit(b);
      long t2 = System.nanoTime();
      ta += (t1 - t0) / 1e9;
      tb += (t2 - t1) / 1e9;
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT layout encoder %s W=%d batch %d: NCHW %.1f slices/s, NHWC %.1f slices/s: %.2fx%n",
        m.preset(),
        w,
        batch,
        steps * batch / ta,
        steps * batch / tb,
        ta / tb);
  }
}
