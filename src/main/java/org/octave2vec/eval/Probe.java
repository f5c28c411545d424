package org.octave2vec.eval;

/**
 * Multinomial logistic regression (softmax) on standardized features: the linear probe for class
 * labels. Minimizes the mean cross-entropy plus {@code λ/2·‖W‖²} (biases not penalized) with
 * {@link Lbfgs} from zero weights for a fixed iteration budget, so a fit is a pure function of its
 * inputs. The standardization statistics come from the training rows only.
 */
public final class Probe {
  /** Iteration budget of one fit: enough for convergence on standardized, L2-regularized data. */
  public static final int DEFAULT_ITERATIONS = 200;

  private final Standardizer standardizer;
  private final int classes;
  private final double[] w; // per class: d weights then the bias

  private Probe(Standardizer standardizer, int classes, double[] w) {
    this.standardizer = standardizer;
    this.classes = classes;
    this.w = w;
  }

  /**
   * Fits on {@code x[rows]} with labels {@code y[rows]} in {@code 0..classes-1}. A class absent from
   * the rows keeps a zero weight vector and a bias pushed down by the loss.
   */
  public static Probe fit(float[][] x, int[] y, int classes, int[] rows, double lambda, int iterations) {
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be >= 1, got " + classes);
    }
    Standardizer st = Standardizer.fit(x, rows);
    double[][] z = st.apply(x, rows);
    int[] t = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      t[i] = y[rows[i]];
      if (t[i] < 0 || t[i] >= classes) {
        throw new IllegalArgumentException("label " + t[i] + " of row " + rows[i] + " is outside 0.." + (classes - 1));
      }
    }
    int d = z[0].length;
    double[] w = new double[classes * (d + 1)];
    Lbfgs.minimize((p, g) -> loss(z, t, classes, lambda, p, g), w, iterations, 1e-6);
    return new Probe(st, classes, w);
  }

  /** Mean cross-entropy + λ/2·‖W‖², and its gradient. */
  static double loss(double[][] z, int[] t, int classes, double lambda, double[] p, double[] grad) {
    int d = z[0].length;
    int stride = d + 1;
    java.util.Arrays.fill(grad, 0);
    double[] logits = new double[classes];
    double total = 0;
    for (int i = 0; i < z.length; i++) {
      double max = scores(z[i], p, classes, logits);
      double target = logits[t[i]] - max;
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        logits[k] = Math.exp(logits[k] - max);
        sum += logits[k];
      }
      total += Math.log(sum) - target; // log-sum-exp, stable
      for (int k = 0; k < classes; k++) {
        double r = logits[k] / sum - (k == t[i] ? 1 : 0);
        int o = k * stride;
        for (int j = 0; j < d; j++) {
          grad[o + j] += r * z[i][j];
        }
        grad[o + d] += r;
      }
    }
    int n = z.length;
    double penalty = 0;
    for (int k = 0; k < classes; k++) {
      int o = k * stride;
      grad[o + d] /= n;
      for (int j = 0; j < d; j++) {
        grad[o + j] = grad[o + j] / n + lambda * p[o + j];
        penalty += p[o + j] * p[o + j];
      }
    }
    return total / n + 0.5 * lambda * penalty;
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
}
