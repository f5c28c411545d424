package org.octave2vec.eval;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Principal components of a feature matrix (eigenvectors of the covariance, commons-math3 {@link
 * EigenDecomposition}), for 2-D scatter plots. Features are centred, not scaled.
 *
 * @param components the first two principal directions, [2][d]
 * @param explained share of the total variance along each of them
 * @param projection every row projected on them, [n][2]
 */
public record Pca(double[][] components, double[] explained, double[][] projection) {
  public static Pca of(float[][] x) {
    int n = x.length;
    int d = x[0].length;
    if (n < 2) {
      throw new IllegalArgumentException("PCA needs at least 2 rows, got " + n);
    }
    double[] mean = new double[d];
    for (float[] r : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j] / (double) n;
      }
    }
    double[][] cov = new double[d][d];
    for (float[] r : x) {
      for (int a = 0; a < d; a++) {
        double ca = r[a] - mean[a];
        for (int b = a; b < d; b++) {
          cov[a][b] += ca * (r[b] - mean[b]) / (n - 1);
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        cov[a][b] = cov[b][a];
      }
    }
    RealMatrix c = new Array2DRowRealMatrix(cov, false);
    EigenDecomposition eig = new EigenDecomposition(c);
    double[] values = eig.getRealEigenvalues();
    Integer[] order = new Integer[d];
    double total = 0;
    for (int i = 0; i < d; i++) {
      order[i] = i;
      total += Math.max(0, values[i]);
    }
    java.util.Arrays.sort(order, (i, j) -> Double.compare(values[j], values[i]));
    int k = Math.min(2, d);
    double[][] comps = new double[2][d];
    double[] explained = new double[2];
    for (int i = 0; i < k; i++) {
      comps[i] = eig.getEigenvector(order[i]).toArray();
      explained[i] = total > 0 ? Math.max(0, values[order[i]]) / total : 0;
    }
    double[][] proj = new double[n][2];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < k; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (x[r][j] - mean[j]) * comps[i][j];
        }
        proj[r][i] = s;
      }
    }
    return new Pca(comps, explained, proj);
  }
}
