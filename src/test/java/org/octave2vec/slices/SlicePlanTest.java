package org.octave2vec.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.Choice;

/** The slice options chosen from the runs' shape, on literal runs. */
class SlicePlanTest {
  static final Set<String> ALL =
      Set.of(SlicePlan.HOP, SlicePlan.SPLIT_BY, SlicePlan.BLOCK, SlicePlan.VAL, SlicePlan.TEST);
  static final long T0 = 1_577_836_800_000L;

  /** {@code n} clips of {@code frames} frames, one per sensor, an hour apart (as esc10-dev). */
  static List<SlicePlan.RunSpan> clips(int n, long frames) {
    List<SlicePlan.RunSpan> runs = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      long first = T0 + k * 3_600_000L;
      runs.add(new SlicePlan.RunSpan("clip-" + k, first, first + (frames - 1) * 125, frames));
    }
    return runs;
  }

  /** {@code sensors} recordings of {@code hours} each, every one cut in two runs by a gap. */
  static List<SlicePlan.RunSpan> recordings(int sensors, double hours) {
    List<SlicePlan.RunSpan> runs = new ArrayList<>();
    long frames = (long) (hours * 3600 * 8);
    for (int s = 0; s < sensors; s++) {
      long half = frames / 2;
      runs.add(new SlicePlan.RunSpan("s" + s, T0, T0 + (half - 1) * 125, half));
      long second = T0 + (half + 10) * 125;
      runs.add(new SlicePlan.RunSpan("s" + s, second, second + (half - 11) * 125, half - 10));
    }
    return runs;
  }

  static Map<String, String> values(SlicePlan.Plan p) {
    return p.chosen().stream().collect(Collectors.toMap(Choice::option, Choice::value));
  }

  @Test
  void aClipCollectionIsSplitBySensorWithOverlappingSlicesAndNoTestShare() {
    SlicePlan.Plan p = SlicePlan.choose(SliceOptions.defaults(), ALL, clips(308, 39));
    assertEquals(SlicePlan.Shape.CLIPS, p.shape());
    SliceOptions o = p.options();
    assertEquals(SplitBy.SENSOR, o.splitBy());
    assertEquals(4, o.hop());
    assertEquals(0.05, o.valFraction());
    assertEquals(0.0, o.testFraction());
    // every choice is recorded with its value and a reason that names the shape
    assertEquals(
        Map.of(
            "--hop", "4", "--split-by", "sensor", "--val-fraction", "0.05", "--test-fraction", "0"),
        values(p));
    for (Choice c : p.chosen()) {
      assertTrue(
          c.reason().contains("308 sensors") && c.reason().contains("clip collection"), c.reason());
    }
    assertTrue(
        p.chosen().get(0).reason().contains("8 windows instead of 4"), p.chosen().get(0).reason());
    assertTrue(p.chosen().get(0).line("slice").startsWith("slice: --hop 4 (chosen: "));
  }

  @Test
  void longRecordingsAreSplitInTheLongestTimeBlockThatGivesEverySplitTwoBlocks() {
    SlicePlan.Plan p = SlicePlan.choose(SliceOptions.defaults(), ALL, recordings(4, 2));
    assertEquals(SlicePlan.Shape.RECORDINGS, p.shape());
    SliceOptions o = p.options();
    assertEquals(SplitBy.TIME, o.splitBy());
    assertEquals(8, o.hop());
    assertEquals(0.1, o.valFraction());
    assertEquals(0.1, o.testFraction());
    // 2 h of 4 sensors cannot give 24-h blocks to three splits: a block of at most an hour
    assertTrue(o.blockMs() <= 3_600_000L && o.blockMs() >= 60_000L, "block " + o.blockMs());
    assertEquals(
        SlicePlan.blockMs(
            List.of("s0", "s1", "s2", "s3"),
            new long[][] {
              {T0, T0 + 2 * 3_600_000L}, {T0, T0 + 2 * 3_600_000L},
              {T0, T0 + 2 * 3_600_000L}, {T0, T0 + 2 * 3_600_000L}
            },
            o),
        o.blockMs());
    // each split holds at least two whole blocks of the archive, and the next longer does not
    assertTrue(p.chosen().stream().anyMatch(c -> c.option().equals("--block-hours")));
    assertEquals("time", values(p).get("--split-by"));
    // a year of one sensor keeps whole days
    assertEquals(
        SliceOptions.DAY_MS,
        SlicePlan.choose(SliceOptions.defaults(), ALL, recordings(1, 24 * 365))
            .options()
            .blockMs());
  }

  @Test
  void whatTheUserGaveIsKeptAndNotReportedAsChosen() {
    SliceOptions given =
        SliceOptions.defaults()
            .withWidthHop(8, 2)
            .withSplit(SplitBy.TIME, 600_000, 2)
            .withFractions(0.2, 0);
    SlicePlan.Plan p = SlicePlan.choose(given, Set.of(), clips(308, 39));
    assertEquals(given, p.options());
    assertTrue(p.chosen().isEmpty());
    // only the block left unset: chosen for the split the user asked for
    SlicePlan.Plan q =
        SlicePlan.choose(
            given.withSplitBy(SplitBy.TIME), Set.of(SlicePlan.BLOCK), recordings(4, 2));
    assertEquals(List.of("--block-hours"), q.chosen().stream().map(Choice::option).toList());
    assertEquals(2, q.options().hop());
  }

  @Test
  void aFewShortRecordingsAreNotAClipCollection() {
    // 3 sensors of 5 minutes: too few sensors to split by sensor
    assertEquals(
        SlicePlan.Shape.RECORDINGS,
        SlicePlan.choose(SliceOptions.defaults(), ALL, clips(3, 2400)).shape());
    // 50 sensors of 2 hours: recordings
    assertEquals(
        SlicePlan.Shape.RECORDINGS,
        SlicePlan.choose(SliceOptions.defaults(), ALL, recordings(50, 2)).shape());
  }
}
