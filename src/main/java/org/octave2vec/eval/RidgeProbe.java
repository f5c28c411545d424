package org.octave2vec.eval;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Ridge regression, the linear probe for continuous targets, in closed form: {@code w = (ZᵀZ +
 * λ·n·I)⁻¹ Zᵀ(y − ȳ)} with Z the standardized training rows and the intercept {@code ȳ}
 * unpenalized. λ is scaled by n so that it means the same per example as in {@link Probe}. Solved
 * with commons-math3's Cholesky decomposition (the matrix is symmetric positive definite for λ >
 * 0).
 */
public final class RidgeProbe {
  private final Standardizer standardizer;
  private final double[] w;
  private final double intercept;

  private RidgeProbe(Standardizer standardizer, double[] w, double intercept) {
    this.standardizer = standardizer;
    this.w = w;
    this.intercept = intercept;
  }

  public static RidgeProbe fit(float[][] x, double[] y, int[] rows, double lambda) {
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("lambda must be > 0, got " + lambda);
    }
    Standardizer st = Standardizer.fit(x, rows);
    double[][] z = st.apply(x, rows);
    int d = z[0].length;
    double mean = 0;
    for (int r : rows) {
      mean += y[r];
    }
    mean /= rows.length;
    double[][] gram = new double[d][d];
    double[] rhs = new double[d];
    for (int i = 0; i < z.length; i++) {
      double c = y[rows[i]] - mean;
      for (int a = 0; a < d; a++) {
        rhs[a] += z[i][a] * c;
        for (int b = a; b < d; b++) {
          gram[a][b] += z[i][a] * z[i][b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      gram[a][a] += lambda * rows.length;
      for (int b = 0; b < a; b++) {
        gram[a][b] = gram[b][a];
      }
    }
    RealMatrix m = new Array2DRowRealMatrix(gram, false);
    RealVector sol =
        new CholeskyDecomposition(m).getSolver().solve(new ArrayRealVector(rhs, false));
    return new RidgeProbe(st, sol.toArray(), mean);
  }

  public double predict(float[] x) {
    double[] z = standardizer.apply(x);
    return intercept + Lbfgs.dot(z, w);
  }

  public double[] predict(float[][] x, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = predict(x[rows[i]]);
    }
    return out;
  }
}
