package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final Evaluator.Config CONFIG = Evaluator.Config.defaults();

  @Test
  void separableFeaturesScorePerfectly() {
    Synthetic s = Synthetic.of(3, 30, 10, 5, 3.0, 11);
    TaskResult r = Evaluator.classify("t", "emb", s.x, s.labels, s.groups, CONFIG);
    assertEquals(1.0, r.mean());
    assertEquals(0.0, r.std());
    assertEquals(1.0, r.macroF1Mean());
    assertEquals(List.of("c0", "c1", "c2"), r.classes());
    int[][] m = r.confusion();
    int diagonal = 0;
    for (int i = 0; i < 3; i++) {
      diagonal += m[i][i];
    }
    assertEquals(300 * CONFIG.seeds(), diagonal, "every window once per seed, all on the diagonal");
    assertEquals(15, r.lambdas().size());
  }

  /**
   * Labels shuffled across groups: features carry no information, so accuracy stays near chance
   * (1/4). 3 seeds × 800 test predictions: the binomial std of one seed's accuracy is
   * √(0.25·0.75/800) ≈ 0.015; ±0.08 is over 5 σ, yet far from the 1.0 of separable data.
   */
  @Test
  void shuffledLabelsScoreNearChance() {
    Synthetic s = Synthetic.of(4, 80, 10, 6, 3.0, 12);
    List<String> perGroup = new ArrayList<>();
    for (int g = 0; g < 80; g++) {
      perGroup.add(s.labels[g * 10]);
    }
    Collections.shuffle(perGroup, new Random(99));
    String[] shuffled = new String[s.labels.length];
    for (int i = 0; i < shuffled.length; i++) {
      shuffled[i] = perGroup.get(i / 10);
    }
    TaskResult r = Evaluator.classify("t", "emb", s.x, shuffled, s.groups, CONFIG);
    assertEquals(0.25, r.chance());
    assertEquals(0.25, r.mean(), 0.08, "accuracy " + r.mean());
  }

  @Test
  void lambdaIsChosenOnTrainingFoldsOnly() {
    Synthetic s = Synthetic.of(3, 40, 5, 4, 1.0, 13);
    List<Evaluator.Split> seen = Collections.synchronizedList(new ArrayList<>());
    Evaluator.classify("t", "emb", s.x, s.labels, s.groups, null, CONFIG, seen::add);
    assertEquals(CONFIG.folds() * CONFIG.seeds(), seen.size());
    for (Evaluator.Split sp : seen) {
      Set<Integer> train = ids(sp.train());
      Set<Integer> test = ids(sp.test());
      Set<Integer> fit = ids(sp.innerFit());
      Set<Integer> val = ids(sp.innerVal());
      assertTrue(Collections.disjoint(train, test));
      assertEquals(s.x.length, train.size() + test.size());
      assertTrue(!fit.isEmpty() && !val.isEmpty());
      assertTrue(
          Collections.disjoint(fit, test) && Collections.disjoint(val, test),
          "inner split saw test rows");
      assertTrue(Collections.disjoint(fit, val));
      Set<Integer> union = new HashSet<>(fit);
      union.addAll(val);
      assertEquals(train, union, "the inner split covers exactly the training folds");
      Set<String> fitGroups = fit.stream().map(i -> s.groups[i]).collect(Collectors.toSet());
      assertTrue(
          val.stream().noneMatch(i -> fitGroups.contains(s.groups[i])),
          "inner split is grouped too");
      assertTrue(Evaluator.LAMBDAS.contains(sp.lambda()));
    }
  }

  /**
   * 4 given folds over 80 groups: every seed tests exactly the examples of one given fold, in fold
   * order, and λ is chosen on an inner split that keeps whole given folds.
   */
  @Test
  void givenFoldsAreUsedExactly() {
    Synthetic s = Synthetic.of(3, 80, 5, 4, 1.0, 14);
    String[] folds = new String[s.x.length];
    for (int i = 0; i < folds.length; i++) {
      folds[i] = "f" + (i / 5 * 7 % 4 + 1); // groups scattered over f1..f4
    }
    List<Evaluator.Split> seen = Collections.synchronizedList(new ArrayList<>());
    TaskResult r =
        Evaluator.classify("t", "emb", s.x, s.labels, s.groups, folds, CONFIG, seen::add);
    assertEquals(
        4 * CONFIG.seeds(), seen.size(), "given folds × seeds, whatever Config.folds says");
    assertEquals(4 * CONFIG.seeds(), r.lambdas().size());
    for (Evaluator.Split sp : seen) {
      String f = "f" + (sp.fold() + 1);
      Set<Integer> expected =
          java.util.stream.IntStream.range(0, folds.length)
              .filter(i -> folds[i].equals(f))
              .boxed()
              .collect(Collectors.toSet());
      assertEquals(expected, ids(sp.test()), "seed " + sp.seed() + " fold " + sp.fold());
      Set<String> valFolds =
          Arrays.stream(sp.innerVal()).mapToObj(i -> folds[i]).collect(Collectors.toSet());
      assertTrue(
          Arrays.stream(sp.innerFit()).noneMatch(i -> valFolds.contains(folds[i])),
          "the inner split keeps given folds whole");
    }
    assertEquals(
        r.n(), Arrays.stream(r.confusion()).flatMapToInt(Arrays::stream).sum() / CONFIG.seeds());
  }

  @Test
  void tasksThatCannotBeTestedAreNamed() {
    String[] sensors = {"s1", "s2", "s3", "s4", "s5", "s6"};
    assertTrue(
        Evaluator.untestable(sensors, sensors, null, 5)
            .contains("0 of 6 classes occur in two or more groups"),
        "one clip per sensor: each class is one group");
    String[] labels = {"a", "a", "b", "b", "c", "c"};
    String[] groups = {"g1", "g2", "g3", "g4", "g5", "g6"};
    assertNull(Evaluator.untestable(labels, groups, null, 3));
    assertEquals("only 6 groups for 7 folds", Evaluator.untestable(labels, groups, null, 7));
    assertEquals(
        "one class only",
        Evaluator.untestable(new String[] {"a", "a"}, new String[] {"g", "h"}, null, 2));
    String[] given = {"1", "2", "1", "1", "2", "2"};
    assertTrue(
        Evaluator.untestable(labels, groups, given, 5)
            .startsWith("1 of 3 classes occur in two or more " + "given folds"),
        "only a spans both given folds");
    assertEquals(
        "only 1 given folds for 1 folds",
        Evaluator.untestable(labels, groups, new String[] {"1", "1", "1", "1", "1", "1"}, 5));
  }

  @Test
  void majorityBaselinePredictsTheFrequentClass() {
    String[] labels = new String[200];
    String[] groups = new String[200];
    for (int i = 0; i < 200; i++) {
      groups[i] = "g" + i / 4;
      labels[i] = (i / 4) % 10 < 7 ? "traffic" : "bird";
    }
    TaskResult r = Evaluator.majority("events", labels, groups, CONFIG);
    assertEquals("majority", r.featureSet());
    assertEquals(0.7, r.mean(), 0.05);
    assertEquals(0, r.confusion()[0][0], "bird is never predicted");
    assertTrue(r.lambdas().isEmpty());
  }

  @Test
  void trainingRowsAreCappedDeterministically() {
    Evaluator.Config c = new Evaluator.Config(5, 1, 1, 10, 10, Evaluator.LAMBDAS);
    int[] rows = java.util.stream.IntStream.range(0, 100).toArray();
    int[] a = Evaluator.cap(rows, c, 3);
    assertEquals(10, a.length);
    assertTrue(Arrays.equals(a, Evaluator.cap(rows, c, 3)));
    assertEquals(10, Arrays.stream(a).distinct().count());
  }

  private static Set<Integer> ids(int[] a) {
    return Arrays.stream(a).boxed().collect(Collectors.toSet());
  }
}
