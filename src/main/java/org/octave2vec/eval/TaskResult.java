package org.octave2vec.eval;

import java.util.List;

/**
 * One evaluation: a task scored with one feature set over folds × seeds. Immutable (lists are
 * copied, the confusion matrix is copied in and out).
 *
 * @param task e.g. {@code sensor}, {@code hour}, {@code events}
 * @param featureSet e.g. {@code cbow}, {@code raw_stats}, {@code random}, {@code majority}
 * @param metric {@code accuracy} (classes) or {@code pearson_r} (continuous targets)
 * @param mean mean of the metric over the folds × seeds test folds
 * @param std sample standard deviation of the same values (0 for a single value)
 * @param n examples (windows) evaluated
 * @param classes class names, index = row/column of {@code confusion}; empty for regression
 * @param confusion counts [true][predicted] summed over the folds of all seeds; null for regression
 * @param macroF1Mean mean macro-F1 over the same test folds; null for regression
 * @param macroF1Std its sample standard deviation; null for regression
 * @param lambdas the L2 weight chosen for each (seed, fold), in that order; empty for baselines
 */
public record TaskResult(String task, String featureSet, String metric, double mean, double std, int n,
    List<String> classes, int[][] confusion, Double macroF1Mean, Double macroF1Std, List<Double> lambdas) {
  public static final String ACCURACY = "accuracy";
  public static final String PEARSON_R = "pearson_r";

  public TaskResult {
    classes = List.copyOf(classes);
    lambdas = List.copyOf(lambdas);
    confusion = copy(confusion);
  }

  @Override
  public int[][] confusion() {
    return copy(confusion);
  }

  /** 1 / classes: the expected accuracy of a uniform random guess; NaN for regression. */
  public double chance() {
    return classes.isEmpty() ? Double.NaN : 1.0 / classes.size();
  }

  private static int[][] copy(int[][] m) {
    if (m == null) {
      return null;
    }
    int[][] c = new int[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
