package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress line of a long training run: steps of the total, rate, loss, time left. */
class ProgressTest {
  @Test
  void aLineAtMostEveryIntervalWithStepsRateLossAndTimeLeft() throws Exception {
    List<String> lines = new ArrayList<>();
    Trainer.Listener p = Trainer.Listener.progress(1200, 256, 0, lines::add);
    assertTrue(p.afterStep(null, 1, 1, 65, 5.5));
    assertTrue(p.afterStep(null, 1, 2, 65, 11.0));
    assertEquals(2, lines.size(), "every step when the interval is 0");
    String l = lines.get(1);
    assertTrue(l.startsWith("train: step 2/1,200 (epoch 1, 2/65), "), l);
    assertTrue(l.contains("samples/s, loss 5.500, ≈ "), l);
    assertTrue(l.endsWith(" min left"), l);
    List<String> quiet = new ArrayList<>();
    Trainer.Listener q = Trainer.Listener.progress(0, 256, 3600, quiet::add);
    for (int i = 1; i <= 100; i++) {
      q.afterStep(null, 1, i, 100, i);
    }
    assertEquals(List.of(), quiet, "nothing within the interval");
  }
}
