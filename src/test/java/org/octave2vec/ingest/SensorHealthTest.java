package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.BandLayout;

/** What an operator reads first: coverage, gaps by length, stuck and constant bands. */
class SensorHealthTest {
  @Test
  void coverageGapsStuckAndConstantBands() {
    BandLayout layout = BandLayout.parse("Fast_100,Fast_125,Fast_160");
    SensorHealth.DayCounter day = new SensorHealth.DayCounter(3);
    // band 0 varies, band 1 repeats its value 3 times out of 4 comparisons, band 2 never changes
    float[][] frames = {{1, 5, 9}, {2, 5, 9}, {3, 5, 9}, {4, 6, 9}, {5, 6, 9}};
    for (int i = 0; i < frames.length; i++) {
      day.add(frames[i], i == 0);
    }
    SensorHealth.Builder b = new SensorHealth.Builder(layout, 8);
    b.day("s", day.longs(), day.floats());
    b.run("s", 5, -1, 0, 500); // 5 frames, too short for a slice of 8
    b.rejections("s", "level_out_of_range", false, 2);
    b.rejections("s", "duplicate", false, 1);
    b.rejections("s", "bad_header", true, 1); // whole files are not rows of the sensor
    b.source("s", 3, 1);
    SensorHealth h = b.build().get(0);
    assertEquals(5, h.frames());
    assertEquals(
        List.of("Fast_125"), h.stuckBands(), "3 of 4 steps inside the run repeat (≥ half)");
    assertEquals(List.of("Fast_160"), h.constantBands());
    assertEquals(3, h.quarantinedRows());
    assertEquals(2, h.outOfRangeRows());
    assertEquals(1, h.duplicates());
    assertEquals(3, h.outOfOrderRows());
    assertEquals(1, h.clockJumps());
    assertEquals(5, h.framesInShortRuns());
    assertEquals(5, h.calendarFrames(), "0 … 500 ms is 5 frame slots");
    assertEquals(1.0, h.coverage());
  }

  @Test
  void gapHistogramBuckets() {
    SensorHealth.Builder b = new SensorHealth.Builder(BandLayout.cense29(), 8);
    long t = 0;
    long[] gaps = {250, 1000, 1001, 60_000, 3_600_001};
    b.run("s", 10, -1, t, t + 1125);
    t += 1125;
    for (long g : gaps) {
      t += g;
      b.run("s", 10, g, t, t + 1125);
      t += 1125;
    }
    SensorHealth h = b.build().get(0);
    assertEquals(
        List.of(2L, 1L, 1L, 0L, 0L, 1L),
        java.util.Arrays.stream(h.gapHistogram()).boxed().toList());
    assertEquals(3_600_001, h.longestGapMs());
    assertEquals(6, h.runs());
    assertEquals(0, h.framesInShortRuns());
  }
}
