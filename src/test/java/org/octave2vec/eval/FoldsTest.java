package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FoldsTest {
  /** 120 groups of 1..30 windows; 3 classes with shares 0.6 / 0.3 / 0.1, one class per group. */
  private static Object[] data(long seed) {
    Random rng = new Random(seed);
    List<Integer> strata = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    for (int g = 0; g < 120; g++) {
      double u = rng.nextDouble();
      int c = u < 0.6 ? 0 : u < 0.9 ? 1 : 2;
      int size = 1 + rng.nextInt(30);
      for (int i = 0; i < size; i++) {
        strata.add(c);
        groups.add("sensor-" + g);
      }
    }
    return new Object[] {
      strata.stream().mapToInt(Integer::intValue).toArray(), groups.toArray(String[]::new)
    };
  }

  @Test
  void groupsNeverSpanTwoFoldsAndFoldsAreRoughlyStratified() {
    Object[] d = data(1);
    int[] strata = (int[]) d[0];
    String[] groups = (String[]) d[1];
    int[] fold = Folds.assign(strata, groups, 5, 42);
    Folds.check(fold, groups, 5);
    Map<String, Integer> foldOf = new HashMap<>();
    for (int i = 0; i < fold.length; i++) {
      Integer prev = foldOf.putIfAbsent(groups[i], fold[i]);
      assertTrue(
          prev == null || prev == fold[i],
          "group " + groups[i] + " in folds " + prev + " and " + fold[i]);
    }
    int n = strata.length;
    for (int c = 0; c < 3; c++) {
      int cc = c;
      long total = Arrays.stream(strata).filter(s -> s == cc).count();
      for (int f = 0; f < 5; f++) {
        int ff = f;
        long inFold =
            java.util.stream.IntStream.range(0, n)
                .filter(i -> fold[i] == ff && strata[i] == cc)
                .count();
        double share = inFold / (double) total;
        assertTrue(Math.abs(share - 0.2) < 0.06, "class " + c + " fold " + f + " share " + share);
      }
    }
  }

  @Test
  void deterministicPerSeedAndDifferentAcrossSeeds() {
    Object[] d = data(2);
    int[] a = Folds.assign((int[]) d[0], (String[]) d[1], 5, 7);
    assertArrayEquals(a, Folds.assign((int[]) d[0], (String[]) d[1], 5, 7));
    assertFalse(Arrays.equals(a, Folds.assign((int[]) d[0], (String[]) d[1], 5, 8)));
  }

  @Test
  void checkRejectsLeaksAndEmptyFolds() {
    String[] groups = {"a", "a", "b", "c"};
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Folds.check(new int[] {0, 1, 1, 0}, groups, 2));
    assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> Folds.check(new int[] {0, 0, 0, 0}, groups, 2));
    assertThrows(IllegalArgumentException.class, () -> Folds.assign(new int[4], groups, 5, 1));
  }
}
