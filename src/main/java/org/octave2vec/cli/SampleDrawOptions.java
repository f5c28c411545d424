package org.octave2vec.cli;

import org.octave2vec.common.UserException;
import org.octave2vec.samples.SampleOptions;
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
      defaultValue = "0",
      description =
          "At most this many per run (0: every target for cbow/skipgram, one per slice for gap); "
              + "contrastive: pairs per unit of 2 × --radius-frames (0: one per slice of the unit). Default: ${DEFAULT-VALUE}.")
  int samplesPerRun;

  @Option(
      names = "--radius-frames",
      defaultValue = "64",
      description =
          "Contrastive: the two crops of a pair start at most this many frames apart (64 = 8 s). "
              + "Default: ${DEFAULT-VALUE}.")
  int radiusFrames;

  @Option(
      names = "--same-sensor-batches",
      description =
          "Contrastive: each minibatch from one sensor, so its negatives are other times of that "
              + "sensor (for archives of a few long recordings, where telling sensors apart would "
              + "solve the task).")
  boolean sameSensorBatches;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Training workers to balance for. Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(
      names = "--batch-size",
      defaultValue = "64",
      description = "Minibatch per worker. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  /** The samples job's options for {@code task} with this seed, validated. */
  SampleOptions options(String task, long seed, String job) {
    try {
      return SampleOptions.defaults(task.trim())
          .withContext(context)
          .withGap(maxGap, signedGap)
          .withSamplesPerRun(samplesPerRun)
          .withPositiveRadius(positiveRadius)
          .withSeed(seed)
          .withRadiusFrames(radiusFrames)
          .withSameSensorBatches(sameSensorBatches)
          .validate();
    } catch (IllegalArgumentException e) {
      throw new UserException(job + ": " + e.getMessage());
    }
  }
}
