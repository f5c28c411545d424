package org.octave2vec.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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
 *     <p>The headline metric ({@link #headline()}, in metrics.json as {@code headline}, {@code
 *     headline_mean}, {@code headline_std}) is macro-F1 for imbalanced classes ({@link
 *     Metrics#headline}), accuracy otherwise, Pearson r for regression.
 */
// pinned: the extra @JsonProperty getters came in reflection order, which varies between JVMs
@JsonPropertyOrder({
  "task",
  "featureSet",
  "metric",
  "mean",
  "std",
  "n",
  "classes",
  "confusion",
  "macroF1Mean",
  "macroF1Std",
  "lambdas",
  "headline",
  "headline_mean",
  "headline_std",
  "headline_chance"
})
public record TaskResult(
    String task,
    String featureSet,
    String metric,
    double mean,
    double std,
    int n,
    List<String> classes,
    int[][] confusion,
    Double macroF1Mean,
    Double macroF1Std,
    List<Double> lambdas) {
  public static final String ACCURACY = "accuracy";
  public static final String PEARSON_R = "pearson_r";
  public static final String MACRO_F1 = "macro_f1";

  public TaskResult {
    classes = List.copyOf(classes);
    lambdas = List.copyOf(lambdas);
    confusion = copy(confusion);
  }

  @Override
  public int[][] confusion() {
    return copy(confusion);
  }

  /** The task's headline metric: {@link #MACRO_F1}, {@link #ACCURACY} or {@link #PEARSON_R}. */
  @JsonProperty("headline")
  public String headline() {
    if (confusion == null) {
      return metric;
    }
    int[] counts = new int[confusion.length];
    for (int t = 0; t < counts.length; t++) {
      for (int v : confusion[t]) {
        counts[t] += v; // every example once per seed: the class counts times the seeds
      }
    }
    return Metrics.headline(counts);
  }

  @JsonProperty("headline_mean")
  public double headlineMean() {
    return headline().equals(MACRO_F1) ? macroF1Mean : mean;
  }

  @JsonProperty("headline_std")
  public double headlineStd() {
    return headline().equals(MACRO_F1) ? macroF1Std : std;
  }

  /** The chance level of the headline metric ({@link #chance()} or {@link #chanceMacroF1()}). */
  @JsonProperty("headline_chance")
  public double headlineChance() {
    return headline().equals(MACRO_F1) ? chanceMacroF1() : chance();
  }

  /**
   * Expected macro-F1 of a uniform random guess: the mean over classes of 2p / (1 + k·p), p the
   * class share and k the classes (1 / k for balanced classes); NaN for regression.
   */
  public double chanceMacroF1() {
    if (confusion == null) {
      return Double.NaN;
    }
    double total = 0;
    for (int[] row : confusion) {
      for (int v : row) {
        total += v;
      }
    }
    double sum = 0;
    int k = confusion.length;
    for (int[] row : confusion) {
      double p = java.util.Arrays.stream(row).sum() / total;
      sum += 2 * p / (1 + k * p);
    }
    return sum / k;
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
