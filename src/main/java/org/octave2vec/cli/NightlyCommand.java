package org.octave2vec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.Task;
import org.octave2vec.nightly.EmbedRefresh;
import org.octave2vec.nightly.NightlyJob;
import org.octave2vec.nightly.NightlyOptions;
import org.octave2vec.nightly.NightlyReport;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplePlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nightly}: keep the tables up to date with a growing archive, reading only what changed.
 */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Ingest only new or changed files (a manifest of path, size, time and SHA-256), "
            + "replace exactly their sensor-day partitions, cut slices again for the runs that changed "
            + "and draw the samples again. A second run with nothing new changes nothing; a run that "
            + "dies is finished by the next. Exit: 0 done or nothing to do, 1 failure, 2 misuse, "
            + "3 (--deleted-exit-code) done and deleted files' data removed (see docs/nightly.md).")
public final class NightlyCommand implements Callable<Integer> {
  @Mixin IngestReadOptions read;
  @Mixin TablesOption tables;

  @Option(
      names = "--full",
      description = "Rebuild every table from every file (as the first run does).")
  boolean full;

  @Option(
      names = "--max-deleted-fraction",
      defaultValue = "0.5",
      description =
          "Refuse (exit 2) when more than this share of the files the tables hold is gone. "
              + "Default: ${DEFAULT-VALUE}.")
  double maxDeletedFraction;

  @Option(
      names = "--deleted-exit-code",
      defaultValue = "3",
      description =
          "Exit status of a run that removed the data of deleted files (0: plain success). "
              + "Default: ${DEFAULT-VALUE}.")
  int deletedExitCode;

  @Mixin SliceCutOptions cut;

  @Option(
      names = "--samples",
      defaultValue = "contrastive",
      split = ",",
      paramLabel = "TASK",
      converter = ChoiceConverters.TaskChoice.class,
      description =
          "Sample tables to draw again after a change (cbow, skipgram, gap, triplet, contrastive). "
              + "Contrastive (train's default objective) is drawn as the samples job draws it: the "
              + "options not given chosen from the data. Default: ${DEFAULT-VALUE}.")
  List<Task> samples;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description =
          "Also keep TABLES/embeddings (and embeddings_pooled) the embedding of the current slices "
              + "by this trained model: written again when the slices or the model are newer, "
              + "left alone otherwise.")
  String model;

  @Mixin SampleDrawOptions draw;
  @Mixin SeedOption seed;
  @Mixin SparkOptions spark;

  NightlyOptions options() {
    List<SampleOptions> sample = new ArrayList<>();
    for (Task task : samples) {
      sample.add(draw.options(task, seed.seed, "nightly"));
    }
    return NightlyOptions.of(read.inputs, tables.tables)
        .withIngest(read.options(tables.tables))
        .withSlice(cut.options(seed.seed, "nightly"))
        .withSamples(sample, draw.workers(), draw.batchSize())
        .withFull(full)
        .withDeletions(maxDeletedFraction, deletedExitCode)
        .withUnset(unset())
        .validate();
  }

  @Override
  public Integer call() {
    NightlyOptions o = options(); // checked before Spark starts
    read.checkPaths();
    Preflight.output("--tables", tables.tables);
    if (model != null) {
      Preflight.model("--model", model);
    }
    org.apache.spark.sql.SparkSession session =
        spark.session("nightly", DoctorJob.Needs.of(read.inputs, List.of(tables.tables), false));
    NightlyReport r = NightlyJob.run(session, o);
    System.out.print(r.summary());
    if (!r.mode().equals(NightlyReport.NOTHING)) {
      System.out.println("  report: " + o.tables() + "/reports/nightly-" + r.runId() + ".json");
    }
    if (model != null) {
      EmbedRefresh.Result e = EmbedRefresh.run(session, o.tables(), model);
      System.out.println(
          e.current()
              ? "  embeddings: current (" + e.output() + ")"
              : String.format(
                  java.util.Locale.ROOT, "  embeddings: %,d rows → %s", e.rows(), e.output()));
    }
    return r.exitCode();
  }

  /** The samples options not given, which the samples job chooses for contrastive. */
  private java.util.Set<String> unset() {
    java.util.Set<String> u = new java.util.LinkedHashSet<>(draw.unset());
    if (draw.workers == null) {
      u.add(SamplePlan.WORKERS);
    }
    if (draw.batchSize == null) {
      u.add(SamplePlan.BATCH);
    }
    return u;
  }
}
