package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class NtXentLossTest {

  /** The loss written out with plain loops, in double: the reference for the ND4J version. */
  private static double plainLoss(double[][] h, double tau) {
    int n = h.length;
    double[][] z = new double[n][];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (double v : h[i]) {
        norm += v * v;
      }
      norm = Math.sqrt(norm) + 1e-8;
      z[i] = new double[h[i].length];
      for (int k = 0; k < h[i].length; k++) {
        z[i][k] = h[i][k] / norm;
      }
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double sum = 0;
      double pos = 0;
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < z[i].length; k++) {
          s += z[i][k] * z[j][k];
        }
        s /= tau;
        if (j != i) {
          sum += Math.exp(s);
        }
        if (j == (i ^ 1)) {
          pos = s;
        }
      }
      total += Math.log(sum) - pos;
    }
    return total;
  }

  private static double[][] random(long seed, int n, int d) {
    java.util.Random r = new java.util.Random(seed);
    double[][] h = new double[n][d];
    for (double[] row : h) {
      for (int k = 0; k < d; k++) {
        row[k] = r.nextGaussian();
      }
    }
    return h;
  }

  @Test
  void scoreEqualsTheLoopedDefinition() {
    double[][] h = random(1, 6, 5);
    INDArray pre = Nd4j.create(h);
    NtXentLoss loss = new NtXentLoss(0.5);
    double s = loss.computeScore(null, pre, new ActivationIdentity(), null, false);
    assertEquals(plainLoss(h, 0.5), s, 1e-9);
    assertEquals(s / 6, loss.computeScore(null, pre, new ActivationIdentity(), null, true), 1e-9);
    INDArray rows = loss.computeScoreArray(null, pre, new ActivationIdentity(), null);
    assertArrayEquals(new long[] {6, 1}, rows.shape());
  }

  @Test
  void pairsThatAreIdenticalAndFarFromOthersScoreNearZeroAndChanceIsLogOf2nMinus1() {
    // 3 pairs on orthogonal axes: each row's pair is itself, negatives are orthogonal
    double[][] h = {{1, 0, 0}, {2, 0, 0}, {0, 1, 0}, {0, 3, 0}, {0, 0, 1}, {0, 0, 1}};
    NtXentLoss loss = new NtXentLoss(0.05);
    double perRow = loss.computeScore(null, Nd4j.create(h), new ActivationIdentity(), null, true);
    assertTrue(perRow < 1e-6, "aligned pairs: " + perRow);
    // all rows equal: every candidate alike, the loss is log(2n - 1)
    double[][] same = {{1, 1}, {1, 1}, {1, 1}, {1, 1}};
    double chance =
        loss.computeScore(null, Nd4j.create(same), new ActivationIdentity(), null, true);
    assertEquals(Math.log(3), chance, 1e-9);
  }

  @Test
  void gradientMatchesFiniteDifferencesInDoublePrecision() {
    for (var act :
        new org.nd4j.linalg.activations.IActivation[] {
          new ActivationIdentity(), new ActivationTanH()
        }) {
      double[][] h = random(7, 8, 4);
      INDArray pre = Nd4j.create(h);
      assertEquals(DataType.DOUBLE, pre.dataType());
      NtXentLoss loss = new NtXentLoss(0.1);
      INDArray grad = loss.computeGradient(null, pre, act, null);
      var both = loss.computeGradientAndScore(null, pre, act, null, false);
      double eps = 1e-6;
      double worst = 0;
      for (int i = 0; i < h.length; i++) {
        for (int k = 0; k < h[i].length; k++) {
          INDArray plus = pre.dup();
          plus.putScalar(i, k, h[i][k] + eps);
          INDArray minus = pre.dup();
          minus.putScalar(i, k, h[i][k] - eps);
          double numeric =
              (loss.computeScore(null, plus, act, null, false)
                      - loss.computeScore(null, minus, act, null, false))
                  / (2 * eps);
          double analytic = grad.getDouble(i, k);
          assertEquals(analytic, both.getSecond().getDouble(i, k), 1e-12);
          worst = Math.max(worst, Math.abs(numeric - analytic) / Math.max(1, Math.abs(numeric)));
        }
      }
      assertTrue(worst < 1e-6, act + ": worst relative difference " + worst);
      assertEquals(loss.computeScore(null, pre, act, null, false), both.getFirst(), 1e-12);
    }
  }

  @Test
  void refusesAnOddBatchAndAMask() {
    NtXentLoss loss = new NtXentLoss();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            loss.computeScore(
                null, Nd4j.create(random(2, 3, 4)), new ActivationIdentity(), null, false));
    assertThrows(
        UnsupportedOperationException.class,
        () ->
            loss.computeGradient(
                null, Nd4j.create(random(2, 4, 4)), new ActivationIdentity(), Nd4j.ones(4, 1)));
    assertThrows(IllegalArgumentException.class, () -> new NtXentLoss(0));
  }

  @Test
  void contrastiveGraphLearnsToPairViewsAndSurvivesJsonAndSaving(@TempDir Path dir)
      throws Exception {
    ModelConfig c =
        ModelConfig.tiny(8)
            .withPooling(Pooling.MEANMAX, EncoderOutput.POOLED)
            .withLearningRate(3e-3);
    ComputationGraph g = Audio2VecModels.contrastive(c, 0.2);
    // the loss's temperature survives the configuration's JSON
    ComputationGraphConfiguration back =
        ComputationGraphConfiguration.fromJson(g.getConfiguration().toJson());
    assertEquals(g.getConfiguration(), back);
    // 16 items, two noisy views each: learnable, since a view's pair shares its item's pattern
    java.util.Random r = new java.util.Random(3);
    float[][] items = new float[16][29 * 8];
    for (float[] it : items) {
      for (int k = 0; k < it.length; k++) {
        it[k] = (float) r.nextGaussian();
      }
    }
    double first = Double.NaN;
    double last = Double.NaN;
    for (int step = 0; step < 60; step++) {
      float[] x = new float[32 * 29 * 8];
      for (int i = 0; i < 32; i++) {
        for (int k = 0; k < 29 * 8; k++) {
          x[i * 29 * 8 + k] = items[i / 2][k] + 0.3f * (float) r.nextGaussian();
        }
      }
      INDArray in = Nd4j.create(x, new long[] {32, 1, 29, 8});
      g.fit(new MultiDataSet(in, Nd4j.zeros(DataType.FLOAT, 32, c.embedding())));
      if (step == 0) {
        first = g.score();
      }
      last = g.score();
    }
    assertEquals(Math.log(31), first, 0.6, "an untrained encoder scores about chance");
    assertTrue(last < first - 1.0, "loss " + first + " -> " + last);
    File f = dir.resolve("m.zip").toFile();
    ModelSerializer.writeModel(g, f, true);
    ComputationGraph restored = ModelSerializer.restoreComputationGraph(f, true);
    assertEquals(g.params(), restored.params());
    INDArray probe = Nd4j.rand(DataType.FLOAT, 4, 1, 29, 8);
    assertEquals(g.outputSingle(false, probe), restored.outputSingle(false, probe));
    // the encoder exported for embed writes the pooled 2 × 8 channels
    ComputationGraph enc = Audio2VecModels.encoderOnly(restored, c);
    assertArrayEquals(new long[] {4, 16}, Audio2VecModels.embed(enc, probe).shape());
  }
}
