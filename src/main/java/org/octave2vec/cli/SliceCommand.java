package org.octave2vec.cli;

import java.util.List;
import org.octave2vec.cluster.DoctorJob;

import java.util.concurrent.Callable;
import org.octave2vec.common.UserException;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slice}: frames + runs → slices (with split labels) and the train split's band statistics. */
@Command(name = "slice", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Cut the frames of each continuous run into slices of W frames (never across a gap), "
        + "label each train/val/test/guard, and save per-band statistics of the train split.")
public final class SliceCommand implements Callable<Integer> {
  @Option(names = "--tables", required = true, paramLabel = "DIR",
      description = "Table root holding frames/ and runs/ (an ingest's --output); slices/ and "
          + "norm_stats.json are written there.")
  String tables;

  @Option(names = "--width", defaultValue = "8", description = "Frames per slice (8 = 1 s). Default: ${DEFAULT-VALUE}.")
  int width;

  @Option(names = "--hop", description = "Frames between slice starts. Default: the width.")
  Integer hop;

  @Option(names = "--min-run-frames", description = "Runs shorter than this give no slice. Default: the width.")
  Integer minRunFrames;

  @Option(names = "--split-by", defaultValue = "time",
      description = "time (blocks of --block-hours per sensor) or sensor (held-out sensors). Default: ${DEFAULT-VALUE}.")
  String splitBy;

  @Option(names = "--block-hours", defaultValue = "24", description = "Time block length. Default: ${DEFAULT-VALUE}.")
  double blockHours;

  @Option(names = "--val-fraction", defaultValue = "0.1", description = "Default: ${DEFAULT-VALUE}.")
  double valFraction;

  @Option(names = "--test-fraction", defaultValue = "0.1", description = "Default: ${DEFAULT-VALUE}.")
  double testFraction;

  @Option(names = "--guard-slices", defaultValue = "2",
      description = "Slices next to a block of another split that are labelled guard. Default: ${DEFAULT-VALUE}.")
  int guardSlices;

  @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Mixin SparkOptions spark;

  SliceOptions options() {
    try {
      SliceOptions o = SliceOptions.defaults().withWidthHop(width, hop == null ? width : hop)
          .withSplit(splitBy, Math.round(blockHours * 3_600_000), guardSlices)
          .withFractions(valFraction, testFraction).withSeed(seed);
      if (minRunFrames != null) {
        o = o.withMinRunFrames(minRunFrames);
      }
      return o.validate();
    } catch (IllegalArgumentException e) {
      throw new UserException("slice: " + e.getMessage());
    }
  }

  @Override
  public Integer call() {
    SliceOptions o = options();
    System.out.print(SliceJob.run(spark.session("slice",
        DoctorJob.Needs.of(List.of(tables + "/frames", tables + "/runs"), List.of(tables), false)), tables, o).summary());
    return 0;
  }
}
