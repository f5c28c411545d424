package org.octave2vec.cli;

import org.octave2vec.common.UserException;
import org.octave2vec.slices.SliceOptions;
import picocli.CommandLine.Option;

/** How runs are cut into slices and split: declared once, for {@code slice} and {@code nightly}. */
public final class SliceCutOptions {
  @Option(
      names = "--width",
      defaultValue = "" + SliceOptions.DEFAULT_WIDTH,
      description = "Frames per slice (8 = 1 s). Default: ${DEFAULT-VALUE}.")
  int width;

  @Option(names = "--hop", description = "Frames between slice starts. Default: the width.")
  Integer hop;

  @Option(
      names = "--min-run-frames",
      description = "Runs shorter than this give no slice. Default: the width.")
  Integer minRunFrames;

  @Option(
      names = "--split-by",
      defaultValue = "time",
      description =
          "time (blocks of --block-hours per sensor) or sensor (held-out sensors). Default: ${DEFAULT-VALUE}.")
  String splitBy;

  @Option(
      names = "--block-hours",
      defaultValue = "24",
      description = "Time block length. Default: ${DEFAULT-VALUE}.")
  double blockHours;

  @Option(
      names = "--val-fraction",
      defaultValue = "0.1",
      description = "Default: ${DEFAULT-VALUE}.")
  double valFraction;

  @Option(
      names = "--test-fraction",
      defaultValue = "0.1",
      description = "Default: ${DEFAULT-VALUE}.")
  double testFraction;

  @Option(
      names = "--guard-slices",
      defaultValue = "2",
      description =
          "Slices next to a block of another split that are labelled guard. Default: ${DEFAULT-VALUE}.")
  int guardSlices;

  /**
   * The slice job's options with this seed, validated (a misuse is a UserException naming the job).
   */
  SliceOptions options(long seed, String job) {
    try {
      SliceOptions o =
          SliceOptions.defaults()
              .withWidthHop(width, hop == null ? width : hop)
              .withSplit(splitBy, Math.round(blockHours * 3_600_000), guardSlices)
              .withFractions(valFraction, testFraction)
              .withSeed(seed);
      return (minRunFrames != null ? o.withMinRunFrames(minRunFrames) : o).validate();
    } catch (IllegalArgumentException e) {
      throw new UserException(job + ": " + e.getMessage());
    }
  }
}
