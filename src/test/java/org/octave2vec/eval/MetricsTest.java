package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void macroF1KnownAnswer() {
    int[] truth = {0, 0, 0, 1, 1, 2};
    int[] predicted = {0, 0, 1, 1, 2, 2};
    // F1 = 2tp / (2tp + fp + fn): class 0 → 4/5, class 1 → 2/4, class 2 → 2/3
    assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, Metrics.macroF1(truth, predicted, 3), 1e-12);
    assertEquals(4.0 / 6, Metrics.accuracy(truth, predicted), 1e-12);
    assertEquals(
        1.0,
        Metrics.macroF1(new int[] {1, 1}, new int[] {1, 1}, 3),
        1e-12,
        "absent classes do not count");
  }

  @Test
  void headlineIsMacroF1AboveTheImbalanceRatio() {
    assertEquals(
        TaskResult.ACCURACY,
        Metrics.headline(new int[] {10, 10, 15}),
        "ratio 1.5 is not above 1.5");
    assertEquals(TaskResult.MACRO_F1, Metrics.headline(new int[] {10, 16}));
    assertEquals(
        TaskResult.ACCURACY, Metrics.headline(new int[] {0, 24, 32}), "esc10-dev: 32 / 24 = 1.33");
    assertEquals(
        TaskResult.MACRO_F1, Metrics.headline(new int[] {950, 30, 20}), "events: mostly none");
  }

  @Test
  void theResultCarriesItsHeadlineAndItsChance() {
    List<String> classes = List.of("a", "b");
    int[][] balanced = {{8, 2}, {4, 6}};
    TaskResult r =
        new TaskResult(
            "t", "x", TaskResult.ACCURACY, 0.7, 0.1, 20, classes, balanced, 0.6, 0.2, List.of());
    assertEquals(TaskResult.ACCURACY, r.headline());
    assertEquals(0.7, r.headlineMean());
    assertEquals(0.5, r.headlineChance(), 1e-12);
    int[][] skewed = {{14, 1}, {3, 2}}; // 15 vs 5 examples
    TaskResult s =
        new TaskResult(
            "t", "x", TaskResult.ACCURACY, 0.8, 0.1, 20, classes, skewed, 0.6, 0.2, List.of());
    assertEquals(TaskResult.MACRO_F1, s.headline());
    assertEquals(0.6, s.headlineMean());
    assertEquals(0.2, s.headlineStd());
    // shares 0.75 and 0.25: 2p / (1 + 2p) = 0.6 and 1/3
    assertEquals((0.6 + 1.0 / 3) / 2, s.headlineChance(), 1e-12);
  }
}
