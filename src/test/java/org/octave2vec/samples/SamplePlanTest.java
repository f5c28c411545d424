package org.octave2vec.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.Choice;
import org.octave2vec.common.Task;

/** The samples options chosen from the task and the slices, on literal slice counts. */
class SamplePlanTest {
  static final Set<String> ALL =
      Set.of(SamplePlan.SAMPLES_PER_RUN, SamplePlan.RADIUS, SamplePlan.SAME_SENSOR);

  /** esc10-dev's shape: 308 clips of 8 slices (hop 4), 17 of them in val. */
  static List<SamplePlan.SensorSlices> clips() {
    List<SamplePlan.SensorSlices> c = new ArrayList<>();
    for (int k = 0; k < 308; k++) {
      c.add(new SamplePlan.SensorSlices("clip-" + k, k < 17 ? "val" : "train", 8));
    }
    return c;
  }

  /** 4 sensors × 2 h of 1-s slices, 80 % train, 10 % val, 10 % test. */
  static List<SamplePlan.SensorSlices> recordings() {
    List<SamplePlan.SensorSlices> c = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      c.add(new SamplePlan.SensorSlices("s" + s, "train", 5760));
      c.add(new SamplePlan.SensorSlices("s" + s, "val", 720));
      c.add(new SamplePlan.SensorSlices("s" + s, "test", 720));
    }
    return c;
  }

  static Map<String, String> values(SamplePlan.Plan p) {
    return p.chosen().stream().collect(Collectors.toMap(Choice::option, Choice::value));
  }

  @Test
  void contrastiveOnClipsTakesTheMeasuredRecipe() {
    SamplePlan.Plan p =
        SamplePlan.choose(SampleOptions.defaults(Task.CONTRASTIVE), null, null, ALL, clips(), 8, 4);
    assertEquals(1, p.workers());
    assertEquals(256, p.batchSize());
    // 308 × 8 × 4 = 9,856 crop starts: 24,576 pairs would need 2.5 per start, capped at 2
    assertEquals(2.0, p.options().pairsPerStart());
    assertFalse(p.options().sameSensorBatches());
    assertEquals(
        Map.of(
            "--workers", "1",
            "--batch-size", "256",
            "--samples-per-run", "auto (2.0 pairs per crop start)",
            "--radius-frames", "64",
            "--same-sensor-batches", "false"),
        values(p));
    assertTrue(values(p).size() == p.chosen().size());
    assertTrue(
        p.chosen().get(2).reason().contains("9,856 crop starts"), p.chosen().get(2).reason());
    // crops of a clip at any offset: 8 s is longer than a 5-s clip
    assertEquals(64, p.options().radiusFrames());
    assertTrue(
        p.chosen()
            .get(3)
            .reason()
            .startsWith("308 sensors with a median of 4 s of slices each: clip collection;"),
        p.chosen().get(3).reason());
  }

  @Test
  void contrastiveOnLongRecordingsSpreadsTheSamePairsThinlyInOneSensorPerMinibatch() {
    SamplePlan.Plan p =
        SamplePlan.choose(
            SampleOptions.defaults(Task.CONTRASTIVE), 2, null, ALL, recordings(), 8, 8);
    assertEquals(2, p.workers());
    assertEquals(128, p.batchSize(), "256 split over 2 workers");
    // 4 × 6,480 train and val slices × 8 starts each = 207,360 starts
    assertEquals(SamplePlan.round3(24_576.0 / 207_360), p.options().pairsPerStart());
    // workers given: batch, pairs, radius, same sensor chosen
    // pairs of one moment: crops at most 4 frames apart (4 sensors of 2 h: long recordings)
    assertEquals(4, p.options().radiusFrames());
    assertEquals("4", values(p).get("--radius-frames"));
    assertTrue(
        p.chosen()
            .get(2)
            .reason()
            .startsWith("4 sensors with a median of 2 h of slices each: long recordings; the two"),
        p.chosen().get(2).reason());
    // a sensor's train split holds 5,760 × 8 / 8 = 5,760 units of 2 × 4 frames: one sensor fills
    // a minibatch
    assertTrue(p.options().sameSensorBatches());
    assertTrue(values(p).get("--same-sensor-batches").equals("true"));
    assertTrue(
        p.chosen().get(3).reason().startsWith("the median sensor holds 5,760 units of 8 frames"),
        p.chosen().get(3).reason());
  }

  @Test
  void theRadiusFollowsTheShapeSliceJudges() {
    // 4 sensors × 30 min: long recordings (slice splits them by time), however few 16-s units
    List<SamplePlan.SensorSlices> halfHour = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      halfHour.add(new SamplePlan.SensorSlices("s" + s, "train", 1440));
      halfHour.add(new SamplePlan.SensorSlices("s" + s, "val", 180));
      halfHour.add(new SamplePlan.SensorSlices("s" + s, "test", 180));
    }
    SamplePlan.Plan p =
        SamplePlan.choose(
            SampleOptions.defaults(Task.CONTRASTIVE), null, null, ALL, halfHour, 8, 8);
    assertEquals(4, p.options().radiusFrames());
    // 1,440 × 8 / 8 units of one moment per sensor: one sensor fills a minibatch
    assertTrue(p.options().sameSensorBatches());
    // 12 sensors of 5 minutes (hop 4): a clip collection
    List<SamplePlan.SensorSlices> shortClips = new ArrayList<>();
    for (int s = 0; s < 12; s++) {
      shortClips.add(new SamplePlan.SensorSlices("c" + s, "train", 600));
    }
    SamplePlan.Plan c =
        SamplePlan.choose(
            SampleOptions.defaults(Task.CONTRASTIVE), null, null, ALL, shortClips, 8, 4);
    assertEquals(64, c.options().radiusFrames());
    assertEquals("64", values(c).get("--radius-frames"));
    // at 500 ms per frame the same slices hold 20 minutes each: recordings
    SamplePlan.Plan slow =
        SamplePlan.choose(
            SampleOptions.defaults(Task.CONTRASTIVE), null, null, ALL, shortClips, 8, 4, 500);
    assertEquals(4, slow.options().radiusFrames());
  }

  @Test
  void aGivenRadiusIsKeptAndSizesTheUnits() {
    SampleOptions given = SampleOptions.defaults(Task.CONTRASTIVE).withRadiusFrames(16);
    Set<String> unset = Set.of(SamplePlan.SAMPLES_PER_RUN, SamplePlan.SAME_SENSOR);
    SamplePlan.Plan p = SamplePlan.choose(given, null, null, unset, recordings(), 8, 8);
    assertEquals(16, p.options().radiusFrames());
    assertFalse(values(p).containsKey("--radius-frames"));
    // 5,760 × 8 / 32 = 1,440 units of 32 frames per sensor
    assertTrue(
        values(p).get("--same-sensor-batches").equals("true")
            && p.chosen().get(3).reason().contains("1,440 units of 32 frames"),
        p.chosen().toString());
    // a clip collection given the recordings' radius: still clips, minibatches mix
    SamplePlan.Plan c =
        SamplePlan.choose(given.withRadiusFrames(4), null, null, unset, clips(), 8, 4);
    assertEquals(4, c.options().radiusFrames());
    assertFalse(c.options().sameSensorBatches());
  }

  @Test
  void givenOptionsAndOtherTasksChooseNothing() {
    SampleOptions given = SampleOptions.defaults(Task.CONTRASTIVE).withSamplesPerRun(4);
    SamplePlan.Plan p = SamplePlan.choose(given, 1, 64, Set.of(), clips(), 8, 4);
    assertEquals(given, p.options());
    assertTrue(p.chosen().isEmpty());
    SamplePlan.Plan cbow =
        SamplePlan.choose(SampleOptions.defaults(Task.CBOW), null, null, ALL, clips(), 8, 8);
    assertEquals(2, cbow.workers());
    assertEquals(64, cbow.batchSize());
    assertTrue(cbow.chosen().isEmpty());
    assertEquals(0.0, cbow.options().pairsPerStart());
  }

  @Test
  void pairsPerCropStartAreDrawnInProportionToTheRunsLength() {
    SampleOptions o = SampleOptions.defaults(Task.CONTRASTIVE).withPairsPerStart(0.25).withSeed(3);
    // one run of 400 slices of hop 8 (3,200 frames): 25 units of 128 frames, 121 starts each
    // (the last unit shorter); 0.25 pairs per start ≈ 0.25 × 3,193 starts
    int[] idx = new int[400];
    String[] split = new String[400];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
      split[i] = "train";
    }
    int n = ContrastiveSampler.sample("s", 0, idx, split, 8, 8, o).size();
    // hop = W: crop starts are every frame of the segment's slice starts: 399 × 8 + 1
    double expected = 0.25 * (399 * 8 + 1);
    assertTrue(Math.abs(n - expected) < 30, n + " pairs, expected about " + expected);
    // twice the run, twice the pairs
    int[] idx2 = new int[800];
    String[] split2 = new String[800];
    for (int i = 0; i < idx2.length; i++) {
      idx2[i] = i;
      split2[i] = "train";
    }
    int n2 = ContrastiveSampler.sample("s", 0, idx2, split2, 8, 8, o).size();
    assertTrue(Math.abs(n2 - 2 * expected) < 45, n2 + " pairs");
  }

  @Test
  void randomRoundingIsUnbiased() {
    SplittableRandom r = new SplittableRandom(1);
    long sum = 0;
    for (int i = 0; i < 10_000; i++) {
      sum += ContrastiveSampler.randomRound(2.3, r);
    }
    assertEquals(23_000, sum, 300);
    assertEquals(3, ContrastiveSampler.randomRound(3.0, r));
  }

  @Test
  void activityWeighsSlicesByTheirPowerAboveTheRunsBackground() {
    // 20 background slices at 40 dB, one at 43 dB (twice the power), one at 50 dB
    double[] level = new double[22];
    java.util.Arrays.fill(level, 40);
    level[20] = 43;
    level[21] = 50;
    double[] w = ContrastiveSampler.activity(level, 0.1);
    assertEquals(0.1, w[0], 1e-9, "background: the floor");
    assertEquals(0.995, w[20], 0.01, "3 dB above: about 1");
    assertEquals(1.0, w[21], 1e-9, "capped at 1");
    // too short a run to know its background: uniform
    assertEquals(1.0, ContrastiveSampler.activity(new double[] {40, 50}, 0.1)[0]);
  }

  @Test
  void weightedCropsStartMostlyInTheActiveSlices() {
    SampleOptions o = SampleOptions.defaults(Task.CONTRASTIVE).withSamplesPerRun(400).withSeed(5);
    int[] idx = new int[16];
    String[] split = new String[16];
    double[] w = new double[16];
    for (int i = 0; i < 16; i++) {
      idx[i] = i;
      split[i] = "train";
      w[i] = i == 7 ? 1 : 0.05; // one active slice of 16
    }
    long active =
        ContrastiveSampler.sample("s", 0, idx, split, 8, 8, o, w).stream()
            .filter(c -> c.a() == 7)
            .count();
    long uniform =
        ContrastiveSampler.sample("s", 0, idx, split, 8, 8, o, null).stream()
            .filter(c -> c.a() == 7)
            .count();
    assertTrue(active > 4 * uniform, active + " vs " + uniform + " of 400 starting in slice 7");
  }
}
