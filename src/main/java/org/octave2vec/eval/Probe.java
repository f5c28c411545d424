package org.octave2vec.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Multinomial logistic regression (softmax) on standardized features: the linear probe for class
 * labels. Minimizes the mean cross-entropy plus {@code λ/2·‖W‖²} (biases not penalized) with {@link
 * Lbfgs} until the largest gradient component is below {@link #TOLERANCE} (or the iteration budget
 * ends), so a fit is a pure function of its inputs and its start. The standardization statistics
 * come from the training rows only.
 *
 * <p>Speed: the loss is two matrix products per evaluation (logits = Z·Wᵀ, gradient = Rᵀ·Z),
 * written as loops over separate contiguous rows that the JIT vectorizes (4 terms per store, rows
 * processed in blocks that stay in cache); Z is kept row-major for the gradient and column-major
 * for the logits. A λ grid is fitted as a path from the largest λ down, each fit starting from the
 * previous solution ({@link #path}).
 */
public final class Probe {
  /** Iteration budget of one fit; fits on standardized, L2-regularized data stop well before it. */
  public static final int DEFAULT_ITERATIONS = 200;

  /**
   * Convergence: the largest gradient component of the mean loss (scikit-learn's default {@code
   * tol} for lbfgs). Predictions no longer change at this point; tighter only costs iterations.
   */
  public static final double TOLERANCE = 1e-5;

  /** Rows per block of the logits product, so the block's columns stay in the L2 cache. */
  private static final int BLOCK = 256;

  private final Standardizer standardizer;
  private final int classes;
  private final double[] w; // per class: d weights then the bias

  private Probe(Standardizer standardizer, int classes, double[] w) {
    this.standardizer = standardizer;
    this.classes = classes;
    this.w = w;
  }

  /** The standardized training rows of a fit, in both layouts the loss reads, and their labels. */
  static final class Design {
    final Standardizer standardizer;
    final int classes;
    final double[][] rows; // n × d
    final double[][] cols; // d × n
    final int[] t;

    private Design(Standardizer standardizer, int classes, double[][] rows, int[] t) {
      this.standardizer = standardizer;
      this.classes = classes;
      this.rows = rows;
      this.t = t;
      int d = rows.length == 0 ? 0 : rows[0].length;
      cols = new double[d][rows.length];
      for (int i = 0; i < rows.length; i++) {
        for (int j = 0; j < d; j++) {
          cols[j][i] = rows[i][j];
        }
      }
    }

    /**
     * Standardizes {@code x[rows]} with their own statistics; labels {@code y[rows]} in
     * 0..classes-1.
     */
    static Design of(float[][] x, int[] y, int classes, int[] rows) {
      if (classes < 1) {
        throw new IllegalArgumentException("classes must be >= 1, got " + classes);
      }
      Standardizer st = Standardizer.fit(x, rows);
      int[] t = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        t[i] = y[rows[i]];
        if (t[i] < 0 || t[i] >= classes) {
          throw new IllegalArgumentException(
              "label " + t[i] + " of row " + rows[i] + " is outside 0.." + (classes - 1));
        }
      }
      return new Design(st, classes, st.apply(x, rows), t);
    }

    /** Already standardized rows (tests). */
    static Design ofStandardized(double[][] z, int[] t, int classes) {
      return new Design(null, classes, z, t);
    }

    int n() {
      return rows.length;
    }

    int d() {
      return cols.length;
    }
  }

  /**
   * Fits on {@code x[rows]} with labels {@code y[rows]} in {@code 0..classes-1}. A class absent
   * from the rows keeps a zero weight vector and a bias pushed down by the loss.
   */
  public static Probe fit(
      float[][] x, int[] y, int classes, int[] rows, double lambda, int iterations) {
    return fit(Design.of(x, y, classes, rows), lambda, iterations, null);
  }

  /** Fits from {@code start} (weights of a probe on the same features; null: zeros). */
  static Probe fit(Design z, double lambda, int iterations, double[] start) {
    double[] w = start == null ? new double[z.classes * (z.d() + 1)] : start.clone();
    Loss loss = new Loss(z, lambda);
    Lbfgs.minimize(loss::valueAndGradient, w, iterations, TOLERANCE);
    return new Probe(z.standardizer, z.classes, w);
  }

  /**
   * One probe per λ of {@code lambdas} (same order), fitted from the largest λ down, each starting
   * from the previous solution: the strongly regularized fits converge in a few iterations and hand
   * the weaker ones a start close to their optimum.
   */
  static List<Probe> path(Design z, List<Double> lambdas, int iterations) {
    Integer[] order = new Integer[lambdas.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparing((Integer i) -> lambdas.get(i)).reversed());
    Probe[] out = new Probe[order.length];
    double[] start = null;
    for (int i : order) {
      out[i] = fit(z, lambdas.get(i), iterations, start);
      start = out[i].w;
    }
    return new ArrayList<>(Arrays.asList(out));
  }

  /**
   * Mean cross-entropy + λ/2·‖W‖² and its gradient, with scratch space reused across evaluations.
   */
  static final class Loss {
    private final Design z;
    private final double lambda;
    private final double[][] logits; // classes × n: logits, then residuals
    private final double[][] g; // classes × d

    Loss(Design z, double lambda) {
      this.z = z;
      this.lambda = lambda;
      logits = new double[z.classes][z.n()];
      g = new double[z.classes][z.d()];
    }

    double valueAndGradient(double[] p, double[] grad) {
      logits(p);
      double total = residuals();
      weightGradient();
      double penalty = gradient(p, grad);
      return total / z.n() + 0.5 * lambda * penalty;
    }

    /** {@code logits[c] = Z·w_c + b_c}, rows in blocks so the block's columns stay in cache. */
    private void logits(double[] p) {
      int n = z.n();
      int d = z.d();
      int k = z.classes;
      int stride = d + 1;
      for (int c = 0; c < k; c++) {
        Arrays.fill(logits[c], p[c * stride + d]);
      }
      for (int i0 = 0; i0 < n; i0 += BLOCK) {
        int i1 = Math.min(n, i0 + BLOCK);
        for (int c = 0; c < k; c++) {
          addProduct(logits[c], z.cols, p, c * stride, d, i0, i1);
        }
      }
    }

    /**
     * Turns the logits into residuals of the mean loss in place; returns the summed cross-entropy.
     */
    private double residuals() {
      int n = z.n();
      int k = z.classes;
      double total = 0;
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          max = Math.max(max, logits[c][i]);
        }
        double target = logits[z.t[i]][i];
        double sum = 0;
        for (int c = 0; c < k; c++) {
          double e = Math.exp(logits[c][i] - max);
          logits[c][i] = e;
          sum += e;
        }
        total += Math.log(sum) + max - target; // log-sum-exp, stable
        for (int c = 0; c < k; c++) {
          logits[c][i] =
              (logits[c][i] / sum - (c == z.t[i] ? 1 : 0)) / n; // residual of the mean loss
        }
      }
      return total;
    }

    /** {@code g = Rᵀ·Z}, four rows per pass so each store takes four terms. */
    private void weightGradient() {
      int n = z.n();
      int d = z.d();
      int k = z.classes;
      for (double[] row : g) {
        Arrays.fill(row, 0);
      }
      int i = 0;
      for (; i + 3 < n; i += 4) {
        double[] z0 = z.rows[i];
        double[] z1 = z.rows[i + 1];
        double[] z2 = z.rows[i + 2];
        double[] z3 = z.rows[i + 3];
        for (int c = 0; c < k; c++) {
          double[] r = logits[c];
          double[] gc = g[c];
          double r0 = r[i];
          double r1 = r[i + 1];
          double r2 = r[i + 2];
          double r3 = r[i + 3];
          for (int j = 0; j < d; j++) {
            gc[j] += r0 * z0[j] + r1 * z1[j] + r2 * z2[j] + r3 * z3[j];
          }
        }
      }
      for (; i < n; i++) {
        for (int c = 0; c < k; c++) {
          double r0 = logits[c][i];
          double[] gc = g[c];
          double[] z0 = z.rows[i];
          for (int j = 0; j < d; j++) {
            gc[j] += r0 * z0[j];
          }
        }
      }
    }

    /** Writes {@code grad} (g plus λ·W, biases from the residual sums); returns ‖W‖². */
    private double gradient(double[] p, double[] grad) {
      int d = z.d();
      int stride = d + 1;
      int k = z.classes;
      double penalty = 0;
      for (int c = 0; c < k; c++) {
        int o = c * stride;
        double bias = 0;
        for (double r : logits[c]) {
          bias += r;
        }
        grad[o + d] = bias;
        for (int j = 0; j < d; j++) {
          grad[o + j] = g[c][j] + lambda * p[o + j];
          penalty += p[o + j] * p[o + j];
        }
      }
      return penalty;
    }

    /** {@code out[i] += Σ_j p[o + j]·cols[j][i]} for rows i0..i1, four columns per pass. */
    private static void addProduct(
        double[] out, double[][] cols, double[] p, int o, int d, int i0, int i1) {
      int j = 0;
      for (; j + 3 < d; j += 4) {
        double w0 = p[o + j];
        double w1 = p[o + j + 1];
        double w2 = p[o + j + 2];
        double w3 = p[o + j + 3];
        double[] x0 = cols[j];
        double[] x1 = cols[j + 1];
        double[] x2 = cols[j + 2];
        double[] x3 = cols[j + 3];
        for (int i = i0; i < i1; i++) {
          out[i] += w0 * x0[i] + w1 * x1[i] + w2 * x2[i] + w3 * x3[i];
        }
      }
      for (; j < d; j++) {
        double w0 = p[o + j];
        double[] x0 = cols[j];
        for (int i = i0; i < i1; i++) {
          out[i] += w0 * x0[i];
        }
      }
    }
  }

  /** Mean cross-entropy + λ/2·‖W‖², and its gradient, on standardized rows {@code z} (tests). */
  static double loss(double[][] z, int[] t, int classes, double lambda, double[] p, double[] grad) {
    return new Loss(Design.ofStandardized(z, t, classes), lambda).valueAndGradient(p, grad);
  }

  /** Writes the logits into {@code out}; returns their maximum. */
  private static double scores(double[] z, double[] p, int classes, double[] out) {
    int d = z.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      int o = k * (d + 1);
      double s = p[o + d];
      for (int j = 0; j < d; j++) {
        s += p[o + j] * z[j];
      }
      out[k] = s;
      max = Math.max(max, s);
    }
    return max;
  }

  /** The most probable class (the lowest index on ties). */
  public int predict(float[] x) {
    double[] logits = new double[classes];
    scores(standardizer.apply(x), w, classes, logits);
    int best = 0;
    for (int k = 1; k < classes; k++) {
      if (logits[k] > logits[best]) {
        best = k;
      }
    }
    return best;
  }

  public int[] predict(float[][] x, int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = predict(x[rows[i]]);
    }
    return out;
  }

  /** A copy of the weights (per class: d weights then the bias), e.g. to start another fit. */
  double[] weights() {
    return w.clone();
  }
}
