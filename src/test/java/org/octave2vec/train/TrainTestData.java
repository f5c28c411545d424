package org.octave2vec.train;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small learnable batches: each sample has a smooth random spectral profile; its slices are the
 * profile plus noise, so a CBoW target is predictable from its context, and a TemporalGap pair's
 * second slice is shifted in level by an amount proportional to the gap target.
 */
final class TrainTestData {

  private TrainTestData() {}

  /** CBoW: features [n, 2P, bands, W], labels [n, 1, bands, W]. */
  static MultiDataSet cbow(ModelConfig c, int n, long seed) {
    INDArray[] s = slices(c, n, c.contextSlices() + 1, new double[n], seed);
    return new MultiDataSet(s[0], s[1]);
  }

  /** SkipGram: features [n, 1, bands, W], labels [n, 2P, bands, W]. */
  static MultiDataSet skipGram(ModelConfig c, int n, long seed) {
    INDArray[] s = slices(c, n, c.contextSlices() + 1, new double[n], seed);
    return new MultiDataSet(s[1], s[0]);
  }

  /** TemporalGap: features [n, 2, bands, W], labels [n, 1] in [0, 1]. */
  static MultiDataSet gap(ModelConfig c, int n, long seed) {
    Random r = new Random(seed ^ 0x5EED);
    double[] gaps = new double[n];
    for (int i = 0; i < n; i++) {
      gaps[i] = r.nextDouble();
    }
    INDArray[] s = slices(c, n, 2, gaps, seed);
    INDArray pair = Nd4j.concat(1, s[0], s[1]);
    return new MultiDataSet(pair, Nd4j.createFromArray(gaps).reshape(n, 1).castTo(DataType.FLOAT));
  }

  /** Random normal features of the given shape (for forward passes). */
  static INDArray noise(long seed, long... shape) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.FLOAT, shape);
  }

  /**
   * k slices per sample; the last is returned apart ([n, 1, bands, W]) from the first k-1 ([n, k-1,
   * bands, W]). Slice j of sample i is shifted by shift[i] · j.
   */
  private static INDArray[] slices(ModelConfig c, int n, int k, double[] shift, long seed) {
    Random r = new Random(seed);
    float[][][][] all = new float[n][k][c.bands()][c.width()];
    for (int i = 0; i < n; i++) {
      double level = r.nextGaussian();
      double slope = r.nextGaussian();
      double phase = r.nextDouble() * Math.PI * 2;
      for (int j = 0; j < k; j++) {
        for (int b = 0; b < c.bands(); b++) {
          double x = b / (double) c.bands();
          double profile = level + slope * (x - 0.5) + 0.5 * Math.sin(6 * x + phase);
          for (int w = 0; w < c.width(); w++) {
            all[i][j][b][w] = (float) (profile + shift[i] * 2 * j + 0.1 * r.nextGaussian());
          }
        }
      }
    }
    INDArray a = Nd4j.create(all);
    INDArray first =
        a.get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k - 1))
            .dup();
    INDArray last =
        a.get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(k - 1, k))
            .dup();
    return new INDArray[] {first, last};
  }
}
