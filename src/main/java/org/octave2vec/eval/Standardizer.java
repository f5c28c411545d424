package org.octave2vec.eval;

/**
 * Per-feature mean and standard deviation, computed on the rows a probe is trained on and applied
 * unchanged to every other row. A constant feature gets a scale of 1 (it becomes 0, not NaN).
 */
final class Standardizer {
  final double[] mean;
  final double[] scale;

  private Standardizer(double[] mean, double[] scale) {
    this.mean = mean;
    this.scale = scale;
  }

  static Standardizer fit(float[][] x, int[] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no training rows");
    }
    int d = x[rows[0]].length;
    double[] mean = new double[d];
    double[] sq = new double[d];
    for (int r : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[r][j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= rows.length;
    }
    for (int r : rows) {
      for (int j = 0; j < d; j++) {
        double c = x[r][j] - mean[j];
        sq[j] += c * c;
      }
    }
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      double s = Math.sqrt(sq[j] / rows.length);
      scale[j] = s > 1e-12 ? s : 1.0;
    }
    return new Standardizer(mean, scale);
  }

  double[] apply(float[] v) {
    double[] z = new double[mean.length];
    for (int j = 0; j < z.length; j++) {
      z[j] = (v[j] - mean[j]) / scale[j];
    }
    return z;
  }

  double[][] apply(float[][] x, int[] rows) {
    double[][] z = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      z[i] = apply(x[rows[i]]);
    }
    return z;
  }
}
