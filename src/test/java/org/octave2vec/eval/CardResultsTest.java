package org.octave2vec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The model card's evaluation section: the model's scores beside the best baseline, replaced. */
class CardResultsTest {
  private static TaskResult r(String set, double mean) {
    return new TaskResult(
        "clip",
        set,
        TaskResult.ACCURACY,
        mean,
        0.01,
        100,
        List.of("a", "b"),
        null,
        null,
        null,
        List.of(1.0));
  }

  @Test
  void aSectionIsAddedThenReplaced() {
    List<TaskResult> results =
        List.of(r("c", 0.858), r("raw_stats", 0.75), r("rich_stats", 0.792), r("c+stats", 0.86));
    String s = CardResults.section("c", results, "work/report");
    assertTrue(s.contains("| clip | accuracy | 0.858 ± 0.010 | 0.792 (rich_stats) | 0.500 |"), s);
    assertFalse(s.contains("c+stats"), s);
    String card = "# Model card\n\n- **Task**: x\n";
    String once = CardResults.replaceSection(card, s);
    assertTrue(once.startsWith(card) && once.contains(s), once);
    String again = CardResults.replaceSection(once, CardResults.section("c", results, "r2"));
    assertEquals(1, again.split(CardResults.BEGIN, -1).length - 1, again);
    assertTrue(again.contains("report: r2/report.md") && !again.contains("work/report"), again);
  }
}
