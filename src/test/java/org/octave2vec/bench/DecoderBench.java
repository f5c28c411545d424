package org.octave2vec.bench;

import java.util.Locale;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.octave2vec.train.Audio2VecModels;
import org.octave2vec.train.ModelConfig;

/**
 * The paper's decoder (nearest-neighbour upsampling (2,1) then a 3×3 convolution) against a
 * transposed convolution doing both at once (kernel 4×3, stride (2,1): the same receptive field,
 * two thirds of the multiply-adds), same encoder, CBoW, random data. Prints samples/s of whole
 * training steps, alternating the two graphs so both see the same machine. Usage: DecoderBench
 * small|reference [width=8] [batch=64] [steps=20]
 */
public final class DecoderBench {
  private DecoderBench() {}

  static ComputationGraph transposed(ModelConfig c) {
    var g =
        Audio2VecModels.base(c)
            .addInputs(Audio2VecModels.CONTEXT_INPUT)
            .setInputTypes(InputType.convolutional(c.bands(), c.width(), c.contextSlices()));
    String emb =
        Audio2VecModels.sharedEncoder(g, Audio2VecModels.CONTEXT_INPUT, c, c.contextSlices());
    int n = c.blocks();
    int bottleneck = c.bottleneckBands();
    g.addLayer(
        "dec_dense",
        new DenseLayer.Builder()
            .nOut((long) c.lastChannels() * bottleneck * c.width())
            .activation(Activation.RELU)
            .build(),
        emb);
    g.addVertex(
        "dec_reshape",
        new ReshapeVertex('c', new int[] {-1, c.lastChannels(), bottleneck, c.width()}, null),
        "dec_dense");
    String x = "dec_reshape";
    // same channel plan as Audio2VecModels.decoder: conv blocks n-2..1 (upsampling before the
    // pooled ones)
    for (int k = n - 2; k >= 0; k--) {
      boolean up = k < c.poolBlocks();
      int out = k > 0 ? c.channel(k - 1) : 1;
      Activation act = k > 0 ? Activation.RELU : Activation.IDENTITY;
      String name = "dec_" + (up ? "deconv" : "conv") + k;
      if (up) {
        g.addLayer(
            name,
            new Deconvolution2D.Builder()
                .kernelSize(4, 3)
                .stride(2, 1)
                .nOut(out)
                .activation(act)
                .build(),
            x);
      } else {
        g.addLayer(name, new ConvolutionLayer.Builder(3, 3).nOut(out).activation(act).build(), x);
      }
      x = name;
    }
    g.addLayer("dec_crop", new Cropping2D(0, c.padBands(), 0, 0), x);
    g.addLayer(
        Audio2VecModels.LOSS,
        new org.deeplearning4j.nn.conf.layers.CnnLossLayer.Builder(
                org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE)
            .activation(Activation.IDENTITY)
            .build(),
        "dec_crop");
    ComputationGraph graph = new ComputationGraph(g.setOutputs(Audio2VecModels.LOSS).build());
    graph.init();
    return graph;
  }

  public static void main(String[] args) {
    ModelArgs m = ModelArgs.of(args, 0, 64, 20);
    ModelConfig c = m.config();
    int w = m.width();
    int batch = m.batch();
    int steps = m.steps();
    ComputationGraph up = Audio2VecModels.cbow(c);
    ComputationGraph tr = transposed(c);
    INDArray x = Nd4j.randn(DataType.FLOAT, batch, c.contextSlices(), c.bands(), w);
    INDArray y = Nd4j.randn(DataType.FLOAT, batch, 1, c.bands(), w);
    var ds = new org.nd4j.linalg.dataset.MultiDataSet(x, y);
    if (!java.util.Arrays.equals(up.output(x)[0].shape(), tr.output(x)[0].shape())) {
      throw new IllegalStateException("the two decoders give different shapes");
    }
    for (int i = 0; i < 3; i++) {
      up.fit(ds);
      tr.fit(ds);
    }
    double tu = 0;
    double tt = 0;
    for (int i = 0; i < steps; i++) { // alternate: both see the same load
      long t0 = System.nanoTime();
      up.fit(ds);
      long t1 = System.nanoTime();
      tr.fit(ds);
      long t2 = System.nanoTime();
      tu += (t1 - t0) / 1e9;
      tt += (t2 - t1) / 1e9;
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT decoder %s W=%d batch %d: upsampling+conv %.1f samples/s (%d params), "
            + "transposed conv %.1f samples/s (%d params): %.2fx%n",
        m.preset(),
        w,
        batch,
        steps * batch / tu,
        up.numParams(),
        steps * batch / tt,
        tr.numParams(),
        tu / tt);
  }
}
