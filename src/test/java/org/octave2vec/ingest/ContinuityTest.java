package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.octave2vec.ingest.Continuity.Run;
import org.octave2vec.ingest.Continuity.Segment;

class ContinuityTest {
  @Test
  void gapIsAStepBeyondPeriodPlusTolerance() {
    assertFalse(Continuity.isGap(125, 125, 0));
    assertTrue(Continuity.isGap(126, 125, 0));
    assertFalse(Continuity.isGap(187, 125, 62));
    assertTrue(Continuity.isGap(250, 125, 62), "one dropped frame is a gap");
  }

  @Test
  void segmenterCutsAtGapsAndFlagsDuplicates() {
    Continuity.Segmenter s = new Continuity.Segmenter(125, 62);
    long[] epochs = {0, 125, 250, 250, 375, 130 + 375, 1000, 1125, 1125};
    List<Boolean> kept = new ArrayList<>();
    for (long e : epochs) {
      kept.add(s.offer("a", e));
    }
    assertEquals(List.of(true, true, true, false, true, true, true, true, false), kept);
    assertEquals(List.of(new Segment("a", 0, 505, 5), new Segment("a", 1000, 1125, 2)), s.drain());
  }

  @Test
  void runsJoinAcrossDaysAndNumberPerSensor() {
    List<Segment> segs =
        List.of(
            new Segment("a", 0, 875, 8), // day 1 ends
            new Segment("a", 1000, 2000, 9), // day 2 starts one period later: same run
            new Segment("a", 5000, 5000, 1), // gap of 3000 ms
            new Segment("b", 0, 125, 2));
    List<Run> runs = Continuity.RunMerger.mergeAll(segs, 125, 62);
    assertEquals(
        List.of(
            new Run("a", 0, 0, 2000, 17, -1),
            new Run("a", 1, 5000, 5000, 1, 3000),
            new Run("b", 0, 0, 125, 2, -1)),
        runs);
  }
}
