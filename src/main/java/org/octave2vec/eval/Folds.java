package org.octave2vec.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Stratified k-fold assignment with whole groups (a clip, a sensor-day, a block of one recording)
 * per fold, so windows of one group never sit on both sides of a split.
 *
 * <p>Stratification under grouping is approximate and greedy: groups are taken largest first (by
 * size class ⌊log₂ size⌋; within a size class in an order shuffled by the seed), and each goes to
 * the fold where it least increases the squared distance of that fold's per-class share (count /
 * class total) and its size share from 1/k. Ties go to the smaller fold, then the lower index. The
 * first k groups go to distinct folds, so no fold is empty. The result is a pure function of
 * (strata, groups, rows, k, seed).
 */
public final class Folds {
  public static final int DEFAULT_K = 5;

  private Folds() {}

  /** Fold (0..k-1) of every example. */
  public static int[] assign(int[] strata, String[] groups, int k, long seed) {
    int[] all = new int[strata.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return assign(strata, groups, all, k, seed);
  }

  /** Fold of each of {@code rows} (result[i] is the fold of example rows[i]). */
  public static int[] assign(int[] strata, String[] groups, int[] rows, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("k must be >= 2, got " + k);
    }
    int maxStratum = -1;
    for (int r : rows) {
      if (strata[r] < 0) {
        throw new IllegalArgumentException(
            "stratum of example " + r + " is negative: " + strata[r]);
      }
      maxStratum = Math.max(maxStratum, strata[r]);
    }
    final int classes = maxStratum + 1;
    Map<String, int[]> hist = new TreeMap<>(); // sorted: independent of input order
    int[] total = new int[classes];
    for (int r : rows) {
      hist.computeIfAbsent(groups[r], g -> new int[classes + 1])[strata[r]]++;
      hist.get(groups[r])[classes]++; // last slot: group size
      total[strata[r]]++;
    }
    if (hist.size() < k) {
      throw new IllegalArgumentException("only " + hist.size() + " groups for " + k + " folds");
    }
    List<String> order = new ArrayList<>(hist.keySet());
    Collections.shuffle(order, new Random(seed));
    order.sort(Comparator.comparingInt((String g) -> -sizeClass(hist.get(g)[classes]))); // stable
    double[][] count = new double[k][classes + 1];
    Map<String, Integer> foldOf = new HashMap<>();
    for (int gi = 0; gi < order.size(); gi++) {
      int[] h = hist.get(order.get(gi));
      int best = bestFold(count, h, total, rows.length, gi < k);
      for (int c = 0; c <= classes; c++) {
        count[best][c] += h[c];
      }
      foldOf.put(order.get(gi), best);
    }
    int[] fold = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      fold[i] = foldOf.get(groups[rows[i]]);
    }
    return fold;
  }

  /**
   * The fold where group histogram {@code h} least increases the squared distance of the per-class
   * and size shares from 1/k; ties to the smaller fold, then the lower index. {@code opening}: only
   * empty folds qualify (the first k groups open the k folds).
   */
  private static int bestFold(double[][] count, int[] h, int[] total, int rows, boolean opening) {
    int k = count.length;
    int classes = total.length;
    int best = -1;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int f = 0; f < k; f++) {
      if (opening && count[f][classes] > 0) {
        continue;
      }
      double cost = 0;
      for (int c = 0; c <= classes; c++) {
        double t = c < classes ? total[c] : rows;
        if (t > 0) {
          double before = count[f][c] / t - 1.0 / k;
          double after = (count[f][c] + h[c]) / t - 1.0 / k;
          cost += after * after - before * before;
        }
      }
      if (cost < bestCost - 1e-12
          || (Math.abs(cost - bestCost) <= 1e-12 && count[f][classes] < count[best][classes])) {
        best = f;
        bestCost = cost;
      }
    }
    return best;
  }

  private static int sizeClass(int size) {
    return 31 - Integer.numberOfLeadingZeros(size);
  }

  /**
   * Throws IllegalStateException unless every fold 0..k-1 holds an example and every group sits in
   * exactly one fold. {@code fold[i]} and {@code groups[i]} describe the same example.
   */
  public static void check(int[] fold, String[] groups, int k) {
    Map<String, Integer> seen = new HashMap<>();
    boolean[] used = new boolean[k];
    for (int i = 0; i < fold.length; i++) {
      if (fold[i] < 0 || fold[i] >= k) {
        throw new IllegalStateException(
            "example " + i + " has fold " + fold[i] + " outside 0.." + (k - 1));
      }
      used[fold[i]] = true;
      Integer prev = seen.putIfAbsent(groups[i], fold[i]);
      if (prev != null && prev != fold[i]) {
        throw new IllegalStateException(
            "group '" + groups[i] + "' is in folds " + prev + " and " + fold[i]);
      }
    }
    for (int f = 0; f < k; f++) {
      if (!used[f]) {
        throw new IllegalStateException("fold " + f + " is empty");
      }
    }
  }

  /** The entries of {@code rows} whose fold is (inside = true) or is not (false) {@code f}. */
  public static int[] select(int[] rows, int[] fold, int f, boolean inside) {
    return java.util.stream.IntStream.range(0, rows.length)
        .filter(i -> (fold[i] == f) == inside)
        .map(i -> rows[i])
        .toArray();
  }
}
