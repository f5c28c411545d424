package org.octave2vec.cli;

import java.util.List;
import org.octave2vec.cluster.DoctorJob;

import java.util.concurrent.Callable;
import org.octave2vec.common.UserException;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code samples}: slices → samples/TASK, balanced across training workers. */
@Command(name = "samples", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Draw pretext samples (indices into slices) for cbow, skipgram, gap, triplet or contrastive, "
        + "pre-shuffled and dealt to --workers shards of whole minibatches.")
public final class SamplesCommand implements Callable<Integer> {
  @Option(names = "--tables", required = true, paramLabel = "DIR",
      description = "Table root holding slices/; samples/TASK is written there.")
  String tables;

  @Option(names = "--task", required = true, description = "cbow | skipgram | gap | triplet | contrastive")
  String task;

  @Option(names = "--context", defaultValue = "2", description = "P past and P future slices. Default: ${DEFAULT-VALUE}.")
  int context;

  @Option(names = "--max-gap-slices", defaultValue = "16", description = "TemporalGap maximum distance. Default: ${DEFAULT-VALUE}.")
  int maxGap;

  @Option(names = "--signed-gap", description = "Signed gap targets in [-1, 1].")
  boolean signedGap;

  @Option(names = "--positive-radius", defaultValue = "4",
      description = "Triplet: the positive lies within this many slices of the anchor. Default: ${DEFAULT-VALUE}.")
  int positiveRadius;

  @Option(names = "--samples-per-run", defaultValue = "0",
      description = "At most this many per run (0: every target for cbow/skipgram, one per slice for gap); "
          + "contrastive: pairs per unit of 2 × --radius-frames (0: one per slice of the unit). Default: ${DEFAULT-VALUE}.")
  int samplesPerRun;

  @Option(names = "--radius-frames", defaultValue = "64",
      description = "Contrastive: the two crops of a pair start at most this many frames apart (64 = 8 s). "
          + "Default: ${DEFAULT-VALUE}.")
  int radiusFrames;

  @Option(names = "--workers", defaultValue = "2", description = "Training workers to balance for. Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(names = "--batch-size", defaultValue = "64", description = "Minibatch per worker. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--materialize",
      description = "Also copy the slices' levels into each sample (samples/TASK_tensors): 5× the bytes, "
          + "read sequentially by training without a lookup (see docs/slices.md).")
  boolean materialize;

  @Mixin SparkOptions spark;

  SampleOptions options() {
    try {
      return SampleOptions.defaults(task).withContext(context).withGap(maxGap, signedGap)
          .withSamplesPerRun(samplesPerRun).withPositiveRadius(positiveRadius).withSeed(seed).withRadiusFrames(radiusFrames).validate();
    } catch (IllegalArgumentException e) {
      throw new UserException("samples: " + e.getMessage());
    }
  }

  @Override
  public Integer call() {
    SampleOptions o = options();
    System.out.print(SamplesJob.run(spark.session("samples",
        DoctorJob.Needs.of(List.of(tables + "/slices"), List.of(tables), false)), tables, o, workers, batchSize, materialize).summary());
    return 0;
  }
}
