package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.octave2vec.common.Task;

class Audio2VecModelsTest {

  private static final int W = 8;
  private final ModelConfig tiny = ModelConfig.tiny(W);

  @Test
  void multiscaleOutputIsEveryBlocksMeanAndMaxInBlockOrder() {
    ModelConfig c = tiny.withBatchNorm(true).withPooling(Pooling.MEANMAX, EncoderOutput.MULTISCALE);
    // a contrastive graph's encoder weights, exported with the multiscale output
    ComputationGraph enc = Audio2VecModels.encoderOnly(Audio2VecModels.contrastive(c, 0.1), c);
    assertEquals(2 * (4 + 4 + 8 + 8 + 8 + 8), c.outputSize());
    INDArray x = TrainTestData.noise(5, 3, 1, 29, W);
    INDArray out = Audio2VecModels.embed(enc, x);
    assertArrayEquals(new long[] {3, c.outputSize()}, out.shape());
    var acts = enc.feedForward(new INDArray[] {x}, false, false);
    int at = 0;
    for (int k = 0; k < c.blocks(); k++) {
      INDArray block = acts.get(Audio2VecModels.ENCODER_PREFIX + "relu" + k); // [3, ch, h, w]
      int ch = c.channel(k);
      assertEquals(block.mean(2, 3), out.get(all(), interval(at, at + ch)), "block " + k + " mean");
      assertEquals(
          block.max(2, 3), out.get(all(), interval(at + ch, at + 2 * ch)), "block " + k + " max");
      at += 2 * ch;
    }
    // its last part is what the pooled output writes
    ModelConfig pooled = c.withOutput(EncoderOutput.POOLED);
    INDArray last =
        Audio2VecModels.embed(
            Audio2VecModels.encoderOnly(Audio2VecModels.contrastive(c, 0.1), pooled), x);
    assertEquals(last, out.get(all(), interval(at - 2 * 8, at)));
  }

  @Test
  void forwardShapesOnABatchOfTwo() {
    INDArray context = TrainTestData.noise(1, 2, 4, 29, W);
    assertArrayEquals(
        new long[] {2, 1, 29, W}, Audio2VecModels.cbow(tiny).outputSingle(context).shape());
    INDArray centre = TrainTestData.noise(2, 2, 1, 29, W);
    assertArrayEquals(
        new long[] {2, 4, 29, W}, Audio2VecModels.skipGram(tiny).outputSingle(centre).shape());
    INDArray pair = TrainTestData.noise(3, 2, 2, 29, W);
    INDArray gap = Audio2VecModels.temporalGap(tiny).outputSingle(pair);
    assertArrayEquals(new long[] {2, 1}, gap.shape());
    assertTrue(gap.minNumber().doubleValue() >= 0 && gap.maxNumber().doubleValue() <= 1);
    assertArrayEquals(
        new long[] {2, 8}, Audio2VecModels.encoderGraph(tiny).outputSingle(centre).shape());
  }

  @Test
  void cbowHasOneEncoderWhoseFoldedEmbeddingsMatchTheEncoderAlone() {
    ComputationGraph cbow = Audio2VecModels.cbow(tiny);
    ComputationGraph fresh = Audio2VecModels.encoderGraph(tiny);
    long encoder = Audio2VecModels.parameterCount(cbow, Audio2VecModels.ENCODER_PREFIX);
    long decoder = Audio2VecModels.parameterCount(cbow, Audio2VecModels.DECODER_PREFIX);
    assertEquals(fresh.numParams(), encoder);
    assertEquals(encoder + decoder, cbow.numParams());

    INDArray context = TrainTestData.noise(4, 2, 4, 29, W);
    double maxDiff = maxFoldedVsAlone(cbow, tiny, context, 4);
    assertTrue(maxDiff < 1e-5, "folded vs alone max abs diff " + maxDiff);
    // the slices are not all embedded alike (the check above would be vacuous otherwise)
    INDArray folded = cbow.feedForward(new INDArray[] {context}, false).get("unfold");
    assertTrue(
        folded
                .get(point(0), interval(0, 8))
                .sub(folded.get(point(1), interval(8, 16)))
                .amaxNumber()
                .doubleValue()
            > 1e-4);
  }

  @Test
  void batchNormVariantTrainsAndExportsItsEncoderWithRunningStatistics() {
    ModelConfig bn = tiny.withBatchNorm(true);
    ComputationGraph cbow = Audio2VecModels.cbow(bn);
    assertTrue(cbow.getLayer("enc_bn0") != null && cbow.getLayer("dec_bn1") != null);
    MultiDataSet batch = TrainTestData.cbow(bn, 4, 5);
    LocalTrainer.fit(cbow, new SingletonMultiDataSetIterator(batch), null, 2);
    double maxDiff = maxFoldedVsAlone(cbow, bn, batch.getFeatures(0), 4);
    assertTrue(maxDiff < 1e-5, "folded vs alone max abs diff " + maxDiff);
    ComputationGraph gap = Audio2VecModels.temporalGap(bn);
    assertTrue(maxFoldedVsAlone(gap, bn, TrainTestData.noise(6, 2, 2, 29, W), 2) < 1e-5);
  }

  /** Max |embedding of slice j of sample i inside the graph - encoderOnly(slice alone)|. */
  private static double maxFoldedVsAlone(
      ComputationGraph g, ModelConfig c, INDArray input, int slices) {
    INDArray folded = g.feedForward(new INDArray[] {input}, false).get("unfold");
    int e = c.embedding();
    assertArrayEquals(new long[] {input.size(0), (long) slices * e}, folded.shape());
    ComputationGraph enc = Audio2VecModels.encoderOnly(g, c);
    double maxDiff = 0;
    for (int i = 0; i < input.size(0); i++) {
      for (int j = 0; j < slices; j++) {
        INDArray slice =
            input
                .get(point(i), interval(j, j + 1), all(), all())
                .reshape(1, 1, c.bands(), c.width());
        INDArray alone = Audio2VecModels.embed(enc, slice);
        INDArray inGraph = folded.get(interval(i, i + 1), interval(j * e, (j + 1) * e));
        maxDiff = Math.max(maxDiff, alone.sub(inGraph).amaxNumber().doubleValue());
      }
    }
    return maxDiff;
  }

  @Test
  void signedGapHeadIsTanhAndReachesNegativeTargets() {
    INDArray pair = TrainTestData.noise(7, 3, 2, 29, W);
    ComputationGraph signed = Audio2VecModels.temporalGap(tiny, true);
    assertEquals(Activation.TANH.getActivationFunction(), gapActivation(signed));
    assertEquals(
        Activation.SIGMOID.getActivationFunction(),
        gapActivation(Audio2VecModels.temporalGap(tiny)));
    // a head pushed towards "b well before a": tanh answers below 0, where a sigmoid cannot
    headBias(signed, -3);
    INDArray out = signed.outputSingle(pair);
    assertEquals(-Math.tanh(3), out.maxNumber().doubleValue(), 1e-5);
    ComputationGraph unsigned = Audio2VecModels.temporalGap(tiny, false);
    headBias(unsigned, -3);
    assertTrue(unsigned.outputSingle(pair).minNumber().doubleValue() > 0);
  }

  /** Zero weights and bias {@code b} on the gap head: its output is activation(b). */
  private static void headBias(ComputationGraph g, double b) {
    org.deeplearning4j.nn.api.Layer head = g.getLayer(Audio2VecModels.LOSS);
    head.getParam("W").assign(0);
    head.getParam("b").assign(b);
  }

  static org.nd4j.linalg.activations.IActivation gapActivation(ComputationGraph g) {
    return ((org.deeplearning4j.nn.conf.layers.BaseLayer)
            g.getLayer(Audio2VecModels.LOSS).conf().getLayer())
        .getActivationFn();
  }

  @Test
  void temporalGapSharesItsEncoderToo() {
    ComputationGraph gap = Audio2VecModels.temporalGap(tiny);
    assertEquals(
        Audio2VecModels.encoderGraph(tiny).numParams(),
        Audio2VecModels.parameterCount(gap, Audio2VecModels.ENCODER_PREFIX));
    assertEquals(0, Audio2VecModels.parameterCount(gap, Audio2VecModels.DECODER_PREFIX));
  }

  @Test
  void sameSeedSameWeights() {
    assertEquals(
        Audio2VecModels.build(Task.SKIPGRAM, tiny).params(),
        Audio2VecModels.build(Task.SKIPGRAM, tiny).params());
  }

  @Test
  void referenceAndSmallParameterCounts() {
    StringBuilder report = new StringBuilder("parameter counts (encoder / whole graph):\n");
    for (int w : new int[] {8, 32}) {
      for (ModelConfig c : new ModelConfig[] {ModelConfig.reference(w), ModelConfig.small(w)}) {
        for (Task t : java.util.List.of(Task.CBOW, Task.SKIPGRAM, Task.GAP, Task.CONTRASTIVE)) {
          ComputationGraph g = Audio2VecModels.build(t, c);
          report.append(
              String.format(
                  "  %-9s W=%-2d %-12s enc %,11d  total %,11d%n",
                  c.channel(0) == 64 ? "reference" : "small",
                  w,
                  t,
                  Audio2VecModels.parameterCount(g, Audio2VecModels.ENCODER_PREFIX),
                  g.numParams()));
          if (w == 8 && t == Task.CBOW) {
            assertEquals(expectedCbow(c), g.numParams());
          }
        }
      }
    }
    System.out.print(report);
    long reference = expectedCbow(ModelConfig.reference(8));
    assertEquals(10_907_265L, reference);
    assertTrue(Math.abs(reference - 10.9e6) < 0.15 * 10.9e6);
  }

  @Test
  void validateRejectsBadConfigs() {
    ModelConfig ok = ModelConfig.tiny(W);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ModelConfig(
                    29, 0, ok.channels(), 4, 8, 2, false, 1e-3, 1, Pooling.MAX, EncoderOutput.DENSE)
                .validate());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ModelConfig(
                    29,
                    W,
                    new int[] {4, 4},
                    3,
                    8,
                    2,
                    false,
                    1e-3,
                    1,
                    Pooling.MAX,
                    EncoderOutput.DENSE)
                .validate());
    assertEquals(32, ok.paddedBands());
    assertEquals(2, ok.bottleneckBands());
  }

  /** Closed form of the CBoW graph: encoder, Dense to the last feature map, mirrored decoder. */
  private static long expectedCbow(ModelConfig c) {
    int n = c.blocks();
    long p = 0;
    int in = 1;
    for (int k = 0; k < n; k++) {
      p += conv(in, c.channel(k));
      in = c.channel(k);
    }
    p += (long) in * c.embedding() + c.embedding();
    long map = (long) c.lastChannels() * c.bottleneckBands() * c.width();
    p += (long) c.contextSlices() * c.embedding() * map + map;
    for (int k = n - 2; k >= 0; k--) {
      int out = k > 0 ? c.channel(k - 1) : 1;
      p += conv(in, out);
      in = out;
    }
    return p;
  }

  private static long conv(int in, int out) {
    return 9L * in * out + out;
  }
}
