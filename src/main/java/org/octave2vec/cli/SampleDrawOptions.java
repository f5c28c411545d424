package org.octave2vec.cli;

import org.octave2vec.common.Task;
import org.octave2vec.common.UserException;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplePlan;
import picocli.CommandLine.Option;

/** How samples are drawn and dealt: declared once, for {@code samples} and {@code nightly}. */
public final class SampleDrawOptions {
  @Option(
      names = "--context",
      defaultValue = "2",
      description = "P past and P future slices. Default: ${DEFAULT-VALUE}.")
  int context;

  @Option(
      names = "--max-gap-slices",
      defaultValue = "16",
      description = "TemporalGap maximum distance. Default: ${DEFAULT-VALUE}.")
  int maxGap;

  @Option(names = "--signed-gap", description = "Signed gap targets in [-1, 1].")
  boolean signedGap;

  @Option(
      names = "--positive-radius",
      defaultValue = "4",
      description =
          "Triplet: the positive lies within this many slices of the anchor. Default: ${DEFAULT-VALUE}.")
  int positiveRadius;

  @Option(
      names = "--samples-per-run",
      description =
          "At most this many per run (0, the default: every target for cbow/skipgram, one per slice "
              + "for gap); contrastive: pairs per unit of 2 × --radius-frames (0: one per slice of the "
              + "unit). Contrastive default: chosen from the data: about 24,576 pairs in all, spread "
              + "over the runs by length, at most 2 per crop start.")
  Integer samplesPerRun;

  @Option(
      names = "--radius-frames",
      description =
          "Contrastive: the two crops of a pair start at most this many frames apart. Default: "
              + "chosen from the data: 4 (half a second: two views of one moment) on long "
              + "recordings, 64 (8 s: a clip at any offset) on a clip collection.")
  Integer radiusFrames;

  @Option(
      names = "--same-sensor-batches",
      negatable = true,
      description =
          "Contrastive: each minibatch from one sensor, so its negatives are other times of that "
              + "sensor (for archives of a few long recordings, where telling sensors apart would "
              + "solve the task). Default: chosen from the data: on when a sensor's train split "
              + "alone fills a minibatch with distinct units.")
  Boolean sameSensorBatches;

  @Option(
      names = "--activity-floor",
      paramLabel = "F",
      defaultValue = "0",
      description =
          "Contrastive: a pair's first crop starts in a slice with a chance that grows with its "
              + "power above the run's background, a background slice keeping F of it (0: "
              + "anywhere; 0.1 measured no gain on the demo archive, docs/results.md). "
              + "Default: ${DEFAULT-VALUE}.")
  double activityFloor;

  @Option(
      names = "--workers",
      description =
          "Training workers to balance for. Default: 1 for contrastive (trained in one JVM), 2 "
              + "otherwise.")
  Integer workers;

  @Option(
      names = "--batch-size",
      description =
          "Minibatch per worker. Default: 256 / --workers for contrastive (the NT-Xent minibatch "
              + "measured best), 64 otherwise.")
  Integer batchSize;

  /** Workers as given, else the fixed default of a run that chooses nothing (nightly). */
  int workers() {
    return workers != null ? workers : 2;
  }

  /** Minibatch as given, else the fixed default of a run that chooses nothing (nightly). */
  int batchSize() {
    return batchSize != null ? batchSize : 64;
  }

  /** The options left unset, which the samples job chooses ({@link SamplePlan}). */
  java.util.Set<String> unset() {
    java.util.Set<String> u = new java.util.LinkedHashSet<>();
    if (samplesPerRun == null) {
      u.add(SamplePlan.SAMPLES_PER_RUN);
    }
    if (radiusFrames == null) {
      u.add(SamplePlan.RADIUS);
    }
    if (sameSensorBatches == null) {
      u.add(SamplePlan.SAME_SENSOR);
    }
    return u;
  }

  /** The samples job's options for {@code task} with this seed, validated. */
  SampleOptions options(Task task, long seed, String job) {
    try {
      return SampleOptions.defaults(task)
          .withContext(context)
          .withGap(maxGap, signedGap)
          .withSamplesPerRun(samplesPerRun == null ? 0 : samplesPerRun)
          .withPositiveRadius(positiveRadius)
          .withSeed(seed)
          .withRadiusFrames(
              radiusFrames == null ? SampleOptions.DEFAULT_RADIUS_FRAMES : radiusFrames)
          .withSameSensorBatches(Boolean.TRUE.equals(sameSensorBatches))
          .withActivityFloor(activityFloor)
          .validate();
    } catch (IllegalArgumentException e) {
      throw new UserException(job + ": " + e.getMessage());
    }
  }
}
