package org.octave2vec.samples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.octave2vec.common.Choice;
import org.octave2vec.common.Task;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.SlicePlan;
import org.octave2vec.slices.Splitter;

/**
 * The samples options a user left unset, chosen from the task and the slices. For the default
 * objective (contrastive) this is the recipe measured on real clips (docs/results.md): minibatches
 * of {@link #CONTRASTIVE_BATCH} pairs, about {@link #TARGET_PAIRS} distinct pairs in all spread
 * over the runs in proportion to their length, and, on an archive of a few long recordings,
 * minibatches of one sensor each whose pairs are crops of one moment. Plain Java: the samples job
 * passes slice counts, tests pass literals.
 */
public final class SamplePlan {
  public static final String SAMPLES_PER_RUN = "--samples-per-run";
  public static final String WORKERS = "--workers";
  public static final String BATCH = "--batch-size";
  public static final String SAME_SENSOR = "--same-sensor-batches";
  public static final String RADIUS = "--radius-frames";

  /**
   * Clip collections: crops of a clip at any offset (8 s, longer than an ESC clip), as the recipe
   * measured on esc10-dev.
   */
  public static final int CLIP_RADIUS = SampleOptions.DEFAULT_RADIUS_FRAMES;

  /**
   * Long recordings ({@link SlicePlan#shapeOf}): the two crops of a pair start at most half a
   * second apart, so they hear the same moment and its events; crops seconds apart mostly hear two
   * stretches of one background. Measured on the demo archive (docs/results.md).
   */
  public static final int RECORDING_RADIUS = 4;

  /** The options this plan chooses from the data when unset, besides the workers and batch. */
  public static final Set<String> FROM_DATA = Set.of(SAMPLES_PER_RUN, RADIUS, SAME_SENSOR);

  /** {@link #FROM_DATA} and the workers and minibatch to deal for. */
  public static final Set<String> FROM_DATA_AND_DEALING =
      Set.of(SAMPLES_PER_RUN, RADIUS, SAME_SENSOR, WORKERS, BATCH);

  /** Pairs per optimizer step that NT-Xent was measured best with: 255 negatives per view pair. */
  public static final int CONTRASTIVE_BATCH = 256;

  /** Pairs to draw in all: 96 minibatches of 256, the measured recipe's epoch on esc10-dev. */
  public static final long TARGET_PAIRS = 96L * CONTRASTIVE_BATCH;

  /** At most this many pairs per crop start: beyond, pairs repeat more than they add. */
  static final double MAX_PAIRS_PER_START = 2;

  /** Other tasks: two workers of 64, as before the recipe. */
  static final int OTHER_WORKERS = 2;

  static final int OTHER_BATCH = 64;

  /** Slices of one sensor in one split (guards excluded). */
  public record SensorSlices(String sensor, String split, long slices) {}

  /** The options to draw with, the workers and minibatch to deal for, and what was chosen. */
  public record Plan(SampleOptions options, int workers, int batchSize, List<Choice> chosen) {}

  private SamplePlan() {}

  /**
   * {@code requested} (and the given {@code workers} / {@code batchSize}, null when unset) with
   * every option named in {@code unset} chosen; {@code counts} are the slices table's non-guard
   * slices per sensor and split, {@code width} and {@code hop} its geometry.
   */
  public static Plan choose(
      SampleOptions requested,
      Integer workers,
      Integer batchSize,
      Set<String> unset,
      List<SensorSlices> counts,
      int width,
      int hop) {
    return choose(
        requested,
        workers,
        batchSize,
        unset,
        counts,
        width,
        hop,
        SliceOptions.defaults().framePeriodMs());
  }

  /** As above, for slices of frames {@code framePeriodMs} apart. */
  public static Plan choose(
      SampleOptions requested,
      Integer workers,
      Integer batchSize,
      Set<String> unset,
      List<SensorSlices> counts,
      int width,
      int hop,
      long framePeriodMs) {
    boolean contrastive = requested.task() == Task.CONTRASTIVE;
    List<Choice> chosen = new ArrayList<>();
    int w = workers != null ? workers : contrastive ? 1 : OTHER_WORKERS;
    if (workers == null && contrastive) {
      chosen.add(
          new Choice(
              WORKERS,
              "1",
              "contrastive trains in one JVM by default (train --mode local), and NT-Xent's "
                  + "negatives are the rest of a worker's minibatch"));
    }
    int b =
        batchSize != null
            ? batchSize
            : contrastive ? Math.max(1, CONTRASTIVE_BATCH / w) : OTHER_BATCH;
    if (batchSize == null && contrastive) {
      chosen.add(
          new Choice(
              BATCH,
              Integer.toString(b),
              String.format(
                  Locale.ROOT,
                  "NT-Xent learned best with %d pairs per step on real clips (docs/results.md), "
                      + "split over %d worker%s",
                  CONTRASTIVE_BATCH,
                  w,
                  w == 1 ? "" : "s")));
    }
    SampleOptions o = requested;
    if (contrastive) {
      // crop starts: every frame of a segment when slices overlap or touch, slice starts otherwise
      long perSlice = hop <= width ? hop : 1;
      long starts = 0;
      Map<String, Long> trainStarts = new HashMap<>();
      for (SensorSlices c : counts) {
        if (Splitter.TRAIN.equals(c.split()) || Splitter.VAL.equals(c.split())) {
          starts += c.slices() * perSlice;
        }
        if (Splitter.TRAIN.equals(c.split())) {
          trainStarts.merge(c.sensor(), c.slices() * perSlice, Long::sum);
        }
      }
      if (unset.contains(SAMPLES_PER_RUN) && requested.samplesPerRun() == 0) {
        double p =
            starts == 0
                ? MAX_PAIRS_PER_START
                : Math.min(MAX_PAIRS_PER_START, round3((double) TARGET_PAIRS / starts));
        o = o.withPairsPerStart(p);
        chosen.add(
            new Choice(
                SAMPLES_PER_RUN,
                "auto (" + p + " pairs per crop start)",
                String.format(
                    Locale.ROOT,
                    "%,d crop starts in the train and val splits; about %,d distinct pairs (96 "
                        + "minibatches of %d, the epoch measured on real clips) spread over every "
                        + "run in proportion to its length, at most %.0f per start: ≈ %,d pairs",
                    starts,
                    TARGET_PAIRS,
                    CONTRASTIVE_BATCH,
                    MAX_PAIRS_PER_START,
                    Math.round(p * starts))));
      }
      if (unset.contains(RADIUS)) {
        // the data's shape as slice judges it, from the sound each sensor's slices cover
        Map<String, Long> sound = new HashMap<>();
        for (SensorSlices c : counts) {
          sound.merge(c.sensor(), c.slices() * Math.min(hop, width), Long::sum);
        }
        long[] frames = sound.values().stream().mapToLong(Long::longValue).sorted().toArray();
        long medianMs = frames.length == 0 ? 0 : frames[frames.length / 2] * framePeriodMs;
        boolean clips = SlicePlan.shapeOf(sound.size(), medianMs) == SlicePlan.Shape.CLIPS;
        o = o.withRadiusFrames(clips ? CLIP_RADIUS : RECORDING_RADIUS);
        String why = SlicePlan.describe(sound.size(), medianMs, "of slices");
        chosen.add(
            new Choice(
                RADIUS,
                Integer.toString(o.radiusFrames()),
                clips
                    ? why + "; crops of a clip at any offset"
                    : why
                        + String.format(
                            Locale.ROOT,
                            "; the two crops of a pair start within %d frames, so they hear the "
                                + "same moment rather than two stretches of one background",
                            RECORDING_RADIUS)));
      }
      long unitFrames = 2L * o.radiusFrames();
      // a few long recordings: a sensor's train split alone fills a minibatch with distinct units
      long median = medianUnits(trainStarts, unitFrames);
      boolean recordings = median >= b;
      if (unset.contains(SAME_SENSOR)) {
        o = o.withSameSensorBatches(recordings);
        chosen.add(
            new Choice(
                SAME_SENSOR,
                Boolean.toString(recordings),
                recordings
                    ? String.format(
                        Locale.ROOT,
                        "the median sensor holds %,d units of %d frames in train, enough for a "
                            + "minibatch of %d alone: each minibatch comes from one sensor, so "
                            + "telling %d sensors apart cannot solve the task",
                        median,
                        unitFrames,
                        b,
                        trainStarts.size())
                    : String.format(
                        Locale.ROOT,
                        "the median sensor holds %,d units of %d frames in train, fewer than a "
                            + "minibatch of %d: minibatches mix sensors (a clip collection)",
                        median,
                        unitFrames,
                        b)));
      }
    }
    return new Plan(o.validate(), w, b, List.copyOf(chosen));
  }

  /** The median over sensors of how many units of {@code unitFrames} their crop starts fill. */
  static long medianUnits(Map<String, Long> startsPerSensor, long unitFrames) {
    long[] units =
        startsPerSensor.values().stream()
            .mapToLong(s -> s / Math.max(1, unitFrames))
            .sorted()
            .toArray();
    return units.length == 0 ? 0 : units[units.length / 2];
  }

  /** Three significant digits: a readable value in the provenance. */
  static double round3(double x) {
    if (x <= 0) {
      return 0;
    }
    double scale = Math.pow(10, 2 - Math.floor(Math.log10(x)));
    return Math.round(x * scale) / scale;
  }
}
