package org.octave2vec.eval;

import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/** Scores of one test fold, mean ± sample standard deviation over folds, and the headline rule. */
final class Metrics {
  /**
   * Class imbalance (largest / smallest class count) above which a task's headline metric is
   * macro-F1: accuracy there mostly counts the frequent classes (the demo's events task: 95 % of
   * windows are {@code none}, so every feature set, the majority class included, scores 0.95-0.99).
   */
  static final double IMBALANCE = 1.5;

  private Metrics() {}

  /** Examples per class 0..classes-1. */
  static int[] counts(int[] y, int classes) {
    int[] n = new int[classes];
    for (int v : y) {
      n[v]++;
    }
    return n;
  }

  /**
   * The headline metric of a classification task from its class counts: macro-F1 when the largest
   * class outnumbers the smallest (present) one by more than {@link #IMBALANCE}, else accuracy.
   */
  static String headline(int[] classCounts) {
    int max = 0;
    int min = Integer.MAX_VALUE;
    for (int n : classCounts) {
      if (n > 0) {
        max = Math.max(max, n);
        min = Math.min(min, n);
      }
    }
    return max > IMBALANCE * min ? TaskResult.MACRO_F1 : TaskResult.ACCURACY;
  }

  static double accuracy(int[] truth, int[] predicted) {
    int ok = 0;
    for (int i = 0; i < truth.length; i++) {
      ok += truth[i] == predicted[i] ? 1 : 0;
    }
    return truth.length == 0 ? Double.NaN : (double) ok / truth.length;
  }

  /**
   * Mean F1 over the classes that occur in {@code truth} or {@code predicted} (as scikit-learn).
   */
  static double macroF1(int[] truth, int[] predicted, int classes) {
    int[] tp = new int[classes];
    int[] fp = new int[classes];
    int[] fn = new int[classes];
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] == predicted[i]) {
        tp[truth[i]]++;
      } else {
        fp[predicted[i]]++;
        fn[truth[i]]++;
      }
    }
    double sum = 0;
    int present = 0;
    for (int c = 0; c < classes; c++) {
      if (tp[c] + fp[c] + fn[c] > 0) {
        present++;
        sum += 2.0 * tp[c] / (2.0 * tp[c] + fp[c] + fn[c]);
      }
    }
    return present == 0 ? Double.NaN : sum / present;
  }

  static void addConfusion(int[][] confusion, int[] truth, int[] predicted) {
    for (int i = 0; i < truth.length; i++) {
      confusion[truth[i]][predicted[i]]++;
    }
  }

  /** Pearson r; 0 when either side is constant (no linear relation can be shown). */
  static double pearson(double[] a, double[] b) {
    if (a.length < 2) {
      return Double.NaN;
    }
    double r = new PearsonsCorrelation().correlation(a, b);
    return Double.isNaN(r) ? 0.0 : r;
  }

  /** {mean, sample std} of the finite values (std 0 for one value; NaN, NaN for none). */
  static double[] meanStd(List<Double> values) {
    DescriptiveStatistics s = new DescriptiveStatistics();
    values.stream().filter(Double::isFinite).forEach(s::addValue);
    if (s.getN() == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return new double[] {s.getMean(), s.getN() == 1 ? 0.0 : s.getStandardDeviation()};
  }
}
