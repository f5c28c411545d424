package org.octave2vec.cli;

import org.octave2vec.common.UserException;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.SlicePlan;
import org.octave2vec.slices.SplitBy;
import picocli.CommandLine.Option;

/** How runs are cut into slices and split: declared once, for {@code slice} and {@code nightly}. */
public final class SliceCutOptions {
  @Option(
      names = "--width",
      defaultValue = "" + SliceOptions.DEFAULT_WIDTH,
      description = "Frames per slice (8 = 1 s). Default: ${DEFAULT-VALUE}.")
  int width;

  @Option(
      names = "--hop",
      description =
          "Frames between slice starts. Default: chosen from the data: half the width for a clip "
              + "collection (more windows per clip), the width for long recordings.")
  Integer hop;

  @Option(
      names = "--min-run-frames",
      description = "Runs shorter than this give no slice. Default: the width.")
  Integer minRunFrames;

  @Option(
      names = "--split-by",
      converter = ChoiceConverters.SplitByChoice.class,
      description =
          "time (blocks of --block-hours per sensor) or sensor (held-out sensors). Default: chosen "
              + "from the data: sensor for a clip collection (many sensors of a few minutes or "
              + "less each), time for long recordings.")
  SplitBy splitBy;

  @Option(
      names = "--block-hours",
      description =
          "Time block length. Default: chosen from the data: the longest of 24 h down to 1 min "
              + "that gives every split at least two blocks.")
  Double blockHours;

  @Option(
      names = "--val-fraction",
      description =
          "Share of blocks (or sensors) held out for validation. Default: 0.05 for a clip "
              + "collection, 0.1 for long recordings.")
  Double valFraction;

  @Option(
      names = "--test-fraction",
      description =
          "Share held out for test. Default: 0 for a clip collection (evaluation draws its own "
              + "folds), 0.1 for long recordings.")
  Double testFraction;

  @Option(
      names = "--guard-slices",
      defaultValue = "2",
      description =
          "Slices next to a block of another split that are labelled guard. Default: ${DEFAULT-VALUE}.")
  int guardSlices;

  /**
   * The options left unset, which the slice job chooses from the data ({@link SlicePlan}). Nightly
   * does not: its archive grows night after night, and its slices must keep one recipe.
   */
  java.util.Set<String> unset() {
    java.util.Set<String> u = new java.util.LinkedHashSet<>();
    if (hop == null) {
      u.add(SlicePlan.HOP);
    }
    if (splitBy == null) {
      u.add(SlicePlan.SPLIT_BY);
    }
    if (blockHours == null) {
      u.add(SlicePlan.BLOCK);
    }
    if (valFraction == null) {
      u.add(SlicePlan.VAL);
    }
    if (testFraction == null) {
      u.add(SlicePlan.TEST);
    }
    return u;
  }

  /**
   * The slice job's options with this seed, validated (a misuse is a UserException naming the job);
   * an option left unset takes its fixed default (hop = width, time blocks of 24 h, 0.1 and 0.1).
   */
  SliceOptions options(long seed, String job) {
    try {
      SliceOptions o =
          SliceOptions.defaults()
              .withWidthHop(width, hop == null ? width : hop)
              .withSplit(
                  splitBy == null ? SplitBy.TIME : splitBy,
                  Math.round((blockHours == null ? 24 : blockHours) * 3_600_000),
                  guardSlices)
              .withFractions(
                  valFraction == null ? 0.1 : valFraction,
                  testFraction == null ? 0.1 : testFraction)
              .withSeed(seed);
      return (minRunFrames != null ? o.withMinRunFrames(minRunFrames) : o).validate();
    } catch (IllegalArgumentException e) {
      throw new UserException(job + ": " + e.getMessage());
    }
  }
}
