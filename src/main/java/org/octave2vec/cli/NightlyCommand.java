package org.octave2vec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.octave2vec.common.UserException;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.nightly.NightlyJob;
import org.octave2vec.nightly.NightlyOptions;
import org.octave2vec.nightly.NightlyReport;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.slices.SliceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nightly}: keep the tables up to date with a growing archive, reading only what changed. */
@Command(name = "nightly", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Ingest only new or changed files (a manifest of path, size, time and SHA-256), "
        + "replace exactly their sensor-day partitions, cut slices again for the runs that changed "
        + "and draw the samples again. A second run with nothing new changes nothing; a run that "
        + "dies is finished by the next. Exit: 0 done or nothing to do, 1 failure, 2 misuse, "
        + "3 (--deleted-exit-code) done and deleted files' data removed (see docs/nightly.md).")
public final class NightlyCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, split = ",", paramLabel = "PATH",
      description = "The whole archive: files, directories (read recursively) or globs.")
  List<String> inputs;

  @Option(names = "--tables", required = true, paramLabel = "DIR",
      description = "Table root: frames/, quarantine/, runs/, health/, slices/, samples/, manifest/.")
  String tables;

  @Option(names = "--full", description = "Rebuild every table from every file (as the first run does).")
  boolean full;

  @Option(names = "--max-deleted-fraction", defaultValue = "0.5",
      description = "Refuse (exit 2) when more than this share of the files the tables hold is gone. "
          + "Default: ${DEFAULT-VALUE}.")
  double maxDeletedFraction;

  @Option(names = "--deleted-exit-code", defaultValue = "3",
      description = "Exit status of a run that removed the data of deleted files (0: plain success). "
          + "Default: ${DEFAULT-VALUE}.")
  int deletedExitCode;

  // how files are read: the ingest job's options
  @Option(names = "--bands", defaultValue = "cense29", description = "Default: ${DEFAULT-VALUE}.")
  String bands;

  @Option(names = "--sensor-from", defaultValue = "name", description = "name | parent | regex. Default: ${DEFAULT-VALUE}.")
  String sensorFrom;

  @Option(names = "--sensor-regex", paramLabel = "REGEX", description = "With --sensor-from regex.")
  String sensorRegex;

  @Option(names = "--calibration", paramLabel = "CSV", description = "Per-sensor dB offsets.")
  String calibration;

  @Option(names = "--gap-tolerance-ms", defaultValue = "62", description = "Default: ${DEFAULT-VALUE}.")
  long gapToleranceMs;

  @Option(names = "--min-level-db", defaultValue = "-10", description = "Default: ${DEFAULT-VALUE}.")
  double minLevelDb;

  @Option(names = "--max-level-db", defaultValue = "150", description = "Default: ${DEFAULT-VALUE}.")
  double maxLevelDb;

  @Option(names = "--min-epoch", defaultValue = "2000-01-01", description = "Default: ${DEFAULT-VALUE}.")
  String minEpoch;

  @Option(names = "--max-epoch", defaultValue = "2100-01-01", description = "Default: ${DEFAULT-VALUE}.")
  String maxEpoch;

  @Option(names = "--max-line-bytes", defaultValue = "65536", description = "Default: ${DEFAULT-VALUE}.")
  int maxLineBytes;

  @Option(names = "--max-source-bytes", defaultValue = "17179869184", description = "Default: ${DEFAULT-VALUE}.")
  long maxSourceBytes;

  @Option(names = "--min-slice-frames", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
  int minSliceFrames;

  // how runs are cut: the slice job's options
  @Option(names = "--width", defaultValue = "8", description = "Frames per slice. Default: ${DEFAULT-VALUE}.")
  int width;

  @Option(names = "--hop", description = "Frames between slice starts. Default: the width.")
  Integer hop;

  @Option(names = "--min-run-frames", description = "Runs shorter give no slice. Default: the width.")
  Integer minRunFrames;

  @Option(names = "--split-by", defaultValue = "time", description = "time | sensor. Default: ${DEFAULT-VALUE}.")
  String splitBy;

  @Option(names = "--block-hours", defaultValue = "24", description = "Default: ${DEFAULT-VALUE}.")
  double blockHours;

  @Option(names = "--val-fraction", defaultValue = "0.1", description = "Default: ${DEFAULT-VALUE}.")
  double valFraction;

  @Option(names = "--test-fraction", defaultValue = "0.1", description = "Default: ${DEFAULT-VALUE}.")
  double testFraction;

  @Option(names = "--guard-slices", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
  int guardSlices;

  // which samples are kept up to date: the samples job's options
  @Option(names = "--samples", defaultValue = "cbow,gap", split = ",", paramLabel = "TASK",
      description = "Sample tables to draw again after a change (cbow, skipgram, gap, triplet). "
          + "Default: ${DEFAULT-VALUE}.")
  List<String> samples;

  @Option(names = "--context", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
  int context;

  @Option(names = "--max-gap-slices", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
  int maxGap;

  @Option(names = "--signed-gap", description = "Signed gap targets in [-1, 1].")
  boolean signedGap;

  @Option(names = "--positive-radius", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}.")
  int positiveRadius;

  @Option(names = "--samples-per-run", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}.")
  int samplesPerRun;

  @Option(names = "--workers", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(names = "--batch-size", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(names = "--seed", defaultValue = "42", description = "Split and sample seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Mixin SparkOptions spark;

  NightlyOptions options() {
    IngestOptions ingest = new IngestOptions(inputs, tables, bands, sensorFrom, sensorRegex, calibration,
        gapToleranceMs, minLevelDb, maxLevelDb, minEpoch, maxEpoch, maxLineBytes, maxSourceBytes,
        minSliceFrames, null);
    SliceOptions slice;
    List<SampleOptions> sample = new ArrayList<>();
    try {
      slice = SliceOptions.defaults().withWidthHop(width, hop == null ? width : hop)
          .withSplit(splitBy, Math.round(blockHours * 3_600_000), guardSlices)
          .withFractions(valFraction, testFraction).withSeed(seed);
      if (minRunFrames != null) {
        slice = slice.withMinRunFrames(minRunFrames);
      }
      for (String task : samples) {
        sample.add(SampleOptions.defaults(task.trim()).withContext(context).withGap(maxGap, signedGap)
            .withSamplesPerRun(samplesPerRun).withPositiveRadius(positiveRadius).withSeed(seed));
      }
    } catch (IllegalArgumentException e) {
      throw new UserException("nightly: " + e.getMessage());
    }
    return NightlyOptions.of(inputs, tables).withIngest(ingest).withSlice(slice)
        .withSamples(sample, workers, batchSize).withFull(full)
        .withDeletions(maxDeletedFraction, deletedExitCode).validate();
  }

  @Override
  public Integer call() {
    NightlyOptions o = options(); // checked before Spark starts
    NightlyReport r = NightlyJob.run(spark.session("nightly"), o);
    System.out.print(r.summary());
    if (!r.mode().equals(NightlyReport.NOTHING)) {
      System.out.println("  report: " + o.tables() + "/reports/nightly-" + r.runId() + ".json");
    }
    return r.exitCode();
  }
}
