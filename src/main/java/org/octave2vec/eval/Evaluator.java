package org.octave2vec.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Linear-probe evaluation over grouped, stratified folds ({@link Folds}) repeated with several
 * seeds, or over folds given with the data (a {@code fold} column: the same outer folds for every
 * seed). For each (seed, outer fold) the L2 weight λ is chosen from {@link Config#lambdas} on an
 * inner grouped split of the TRAINING folds only (inner fold 0 of {@link #INNER_FOLDS} validates,
 * the rest fit; with given folds the inner split keeps whole given folds), by the task's headline
 * metric ({@link Metrics#headline}), then the probe is refit on all training folds and scored on
 * the test fold. Folds depend only on (labels, groups, seed), so every feature set of a task and
 * the majority baseline share them. The (seed, fold) fits run in parallel; each is deterministic,
 * so results do not depend on timing.
 */
public final class Evaluator {
  /** λ grid, per example (mean loss + λ/2·‖W‖²) on standardized features. */
  public static final List<Double> LAMBDAS = List.of(1e-4, 1e-3, 1e-2, 1e-1, 1.0);

  public static final int INNER_FOLDS = 4;

  /** Used when the training folds hold fewer than 2 groups, so no inner split exists. */
  public static final double FALLBACK_LAMBDA = 1e-2;

  private Evaluator() {}

  /**
   * @param maxTrain probes are fit on at most this many training rows (a seeded random subset of
   *     the training folds) to bound cost; test folds are always scored in full
   */
  public record Config(
      int folds, int seeds, long seed, int iterations, int maxTrain, List<Double> lambdas) {
    public Config {
      if (folds < 2 || seeds < 1 || maxTrain < 2 || lambdas.isEmpty()) {
        throw new IllegalArgumentException(
            "need folds >= 2, seeds >= 1, maxTrain >= 2 and a λ grid");
      }
      lambdas = List.copyOf(lambdas);
    }

    public static Config defaults() {
      return new Config(Folds.DEFAULT_K, 3, 42L, Probe.DEFAULT_ITERATIONS, 5000, LAMBDAS);
    }

    public Config with(int folds, int seeds) {
      return new Config(folds, seeds, seed, iterations, maxTrain, lambdas);
    }
  }

  /** One outer split, the inner split λ was chosen on, and the λ chosen (NaN for baselines). */
  public record Split(
      int seed, int fold, int[] train, int[] test, int[] innerFit, int[] innerVal, double lambda) {}

  /** Class labels as sorted class names and an index per example. */
  public record Encoded(List<String> classes, int[] y) {
    public static Encoded of(String[] labels) {
      List<String> classes = new ArrayList<>(new TreeSet<>(Arrays.asList(labels)));
      int[] y = new int[labels.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = java.util.Collections.binarySearch(classes, labels[i]);
      }
      return new Encoded(classes, y);
    }
  }

  public static TaskResult classify(
      String task, String featureSet, float[][] x, String[] labels, String[] groups, Config c) {
    return classify(task, featureSet, x, labels, groups, null, c, s -> {});
  }

  /**
   * As above with the outer folds given per example ({@code folds} null: grouped folds by seed);
   * {@code trace} sees every split (called from worker threads).
   */
  static TaskResult classify(
      String task,
      String featureSet,
      float[][] x,
      String[] labels,
      String[] groups,
      String[] folds,
      Config c,
      Consumer<Split> trace) {
    Encoded e = Encoded.of(labels);
    int k = e.classes().size();
    boolean f1 = Metrics.headline(Metrics.counts(e.y(), k)).equals(TaskResult.MACRO_F1);
    List<Split> splits =
        splits(
            e.y(),
            groups,
            folds,
            c,
            (fit, val) -> {
              List<Probe> path =
                  Probe.path(Probe.Design.of(x, e.y(), k, fit), c.lambdas(), c.iterations());
              double best = Double.NEGATIVE_INFINITY;
              double chosen = FALLBACK_LAMBDA;
              int[] truth = pick(e.y(), val);
              for (int i = 0; i < path.size(); i++) {
                int[] predicted = path.get(i).predict(x, val);
                double score =
                    f1 ? Metrics.macroF1(truth, predicted, k) : Metrics.accuracy(truth, predicted);
                if (score > best) { // ties: the first λ of the grid (the smallest, in LAMBDAS)
                  best = score;
                  chosen = c.lambdas().get(i);
                }
              }
              return chosen;
            },
            trace);
    return score(
        task,
        featureSet,
        e,
        splits,
        s ->
            Probe.fit(x, e.y(), k, cap(s.train(), c, s), s.lambda(), c.iterations())
                .predict(x, s.test()));
  }

  /** Majority baseline: each test fold gets its training folds' most frequent class. */
  public static TaskResult majority(String task, String[] labels, String[] groups, Config c) {
    return majority(task, labels, groups, null, c);
  }

  /**
   * As above with the outer folds given per example ({@code folds} null: grouped folds by seed).
   */
  public static TaskResult majority(
      String task, String[] labels, String[] groups, String[] folds, Config c) {
    Encoded e = Encoded.of(labels);
    List<Split> splits = splits(e.y(), groups, folds, c, null, s -> {});
    return score(
        task,
        "majority",
        e,
        splits,
        s -> {
          int[] counts = new int[e.classes().size()];
          for (int r : s.train()) {
            counts[e.y()[r]]++;
          }
          int best = 0;
          for (int i = 1; i < counts.length; i++) {
            best = counts[i] > counts[best] ? i : best;
          }
          int[] out = new int[s.test().length];
          Arrays.fill(out, best);
          return out;
        });
  }

  /**
   * Ridge probe for a continuous target; folds stratified by target quartile; λ by validation MSE.
   */
  public static TaskResult regress(
      String task, String featureSet, float[][] x, double[] y, String[] groups, Config c) {
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    int[] strata = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      int pos = Arrays.binarySearch(sorted, y[i]);
      strata[i] = Math.min(3, 4 * Math.max(0, pos) / y.length);
    }
    List<Split> splits =
        splits(
            strata,
            groups,
            null,
            c,
            (fit, val) -> {
              double best = Double.POSITIVE_INFINITY;
              double chosen = FALLBACK_LAMBDA;
              for (double lambda : c.lambdas()) {
                double[] p = RidgeProbe.fit(x, y, fit, lambda).predict(x, val);
                double mse = 0;
                for (int i = 0; i < val.length; i++) {
                  mse += (p[i] - y[val[i]]) * (p[i] - y[val[i]]);
                }
                if (mse < best) {
                  best = mse;
                  chosen = lambda;
                }
              }
              return chosen;
            },
            s -> {});
    List<Double> r = new ArrayList<>();
    List<Double> lambdas = new ArrayList<>();
    for (Split s : splits) {
      double[] p = RidgeProbe.fit(x, y, cap(s.train(), c, s), s.lambda()).predict(x, s.test());
      r.add(Metrics.pearson(pick(y, s.test()), p));
      lambdas.add(s.lambda());
    }
    double[] ms = Metrics.meanStd(r);
    return new TaskResult(
        task,
        featureSet,
        TaskResult.PEARSON_R,
        ms[0],
        ms[1],
        y.length,
        List.of(),
        null,
        null,
        null,
        lambdas);
  }

  interface LambdaChooser {
    double choose(int[] innerFit, int[] innerVal);
  }

  interface Predictor {
    int[] predict(Split s);
  }

  /**
   * All (seed, fold) splits in order; λ chosen per split unless {@code chooser} is null. With
   * {@code given} folds (a label per example), their sorted distinct values are the outer folds for
   * every seed and the inner split keeps whole given folds; the seed then varies the inner split.
   */
  static List<Split> splits(
      int[] strata,
      String[] groups,
      String[] given,
      Config c,
      LambdaChooser chooser,
      Consumer<Split> trace) {
    int[] fixed = given == null ? null : Encoded.of(given).y();
    String[] innerGroups = given == null ? groups : given;
    int k = given == null ? c.folds() : Encoded.of(given).classes().size();
    if (k < 2) {
      throw new IllegalArgumentException("only " + k + " given fold for an outer split");
    }
    return IntStream.range(0, c.seeds() * k)
        .parallel()
        .mapToObj(
            u -> {
              int seed = u / k;
              int fold = u % k;
              int[] fAll = fixed != null ? fixed : Folds.assign(strata, groups, k, c.seed() + seed);
              int[] all = IntStream.range(0, strata.length).toArray();
              int[] train = Folds.select(all, fAll, fold, false);
              int[] test = Folds.select(all, fAll, fold, true);
              int[] innerFit = new int[0];
              int[] innerVal = new int[0];
              double lambda = Double.NaN;
              if (chooser != null) {
                long groupsInTrain =
                    Arrays.stream(train).mapToObj(i -> innerGroups[i]).distinct().count();
                lambda = FALLBACK_LAMBDA;
                if (groupsInTrain >= 2) {
                  int innerK = (int) Math.min(INNER_FOLDS, groupsInTrain);
                  int[] inner =
                      Folds.assign(
                          strata, innerGroups, train, innerK, c.seed() + 1000L * (seed + 1) + fold);
                  innerFit = Folds.select(train, inner, 0, false);
                  innerVal = Folds.select(train, inner, 0, true);
                  lambda = chooser.choose(cap(innerFit, c, u), innerVal);
                }
              }
              Split s = new Split(seed, fold, train, test, innerFit, innerVal, lambda);
              trace.accept(s);
              return s;
            })
        .toList();
  }

  /**
   * Why a classification task cannot be tested, or null when it can. Under grouped folds a class
   * whose examples all lie in one group (one fold, with given folds) is never in the training folds
   * when it is tested, so it scores 0 by construction; with fewer than two classes seen in two or
   * more groups (e.g. the sensor task where each sensor is one clip) the task measures nothing.
   */
  static String untestable(String[] labels, String[] groups, String[] given, int folds) {
    String[] units = given == null ? groups : given;
    String what = given == null ? "groups" : "given folds";
    long distinct = Arrays.stream(units).distinct().count();
    int k = given == null ? folds : (int) distinct;
    if (Arrays.stream(labels).distinct().count() < 2) {
      return "one class only";
    }
    if (distinct < Math.max(2, k)) {
      return "only " + distinct + " " + what + " for " + k + " folds";
    }
    java.util.Map<String, java.util.Set<String>> spans = new java.util.HashMap<>();
    for (int i = 0; i < labels.length; i++) {
      spans.computeIfAbsent(labels[i], l -> new java.util.HashSet<>()).add(units[i]);
    }
    long spanning = spans.values().stream().filter(u -> u.size() >= 2).count();
    if (spanning < 2) {
      return spanning
          + " of "
          + spans.size()
          + " classes occur in two or more "
          + what
          + ": a test fold's classes are (almost) never in its training folds, so the score is 0 by construction";
    }
    return null;
  }

  private static TaskResult score(
      String task, String featureSet, Encoded e, List<Split> splits, Predictor p) {
    int k = e.classes().size();
    int[][] confusion = new int[k][k];
    List<Double> acc = new ArrayList<>();
    List<Double> f1 = new ArrayList<>();
    List<Double> lambdas = new ArrayList<>();
    List<int[]> predictions = splits.parallelStream().map(p::predict).toList();
    for (int i = 0; i < splits.size(); i++) {
      int[] truth = pick(e.y(), splits.get(i).test());
      acc.add(Metrics.accuracy(truth, predictions.get(i)));
      f1.add(Metrics.macroF1(truth, predictions.get(i), k));
      Metrics.addConfusion(confusion, truth, predictions.get(i));
      if (!Double.isNaN(splits.get(i).lambda())) {
        lambdas.add(splits.get(i).lambda());
      }
    }
    double[] a = Metrics.meanStd(acc);
    double[] f = Metrics.meanStd(f1);
    return new TaskResult(
        task,
        featureSet,
        TaskResult.ACCURACY,
        a[0],
        a[1],
        e.y().length,
        e.classes(),
        confusion,
        f[0],
        f[1],
        lambdas);
  }

  private static int[] cap(int[] rows, Config c, Split s) {
    return cap(rows, c, s.seed() * 7919L + s.fold());
  }

  /** At most {@code maxTrain} of {@code rows}: a seeded random subset, kept in row order. */
  static int[] cap(int[] rows, Config c, long salt) {
    if (rows.length <= c.maxTrain()) {
      return rows;
    }
    int[] r = rows.clone();
    Random rng = new Random(c.seed() ^ (salt * 0x9E3779B97F4A7C15L));
    for (int i = r.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = r[i];
      r[i] = r[j];
      r[j] = t;
    }
    int[] out = Arrays.copyOf(r, c.maxTrain());
    Arrays.sort(out);
    return out;
  }

  private static int[] pick(int[] v, int[] rows) {
    return Arrays.stream(rows).map(i -> v[i]).toArray();
  }

  private static double[] pick(double[] v, int[] rows) {
    return Arrays.stream(rows).mapToDouble(i -> v[i]).toArray();
  }
}
