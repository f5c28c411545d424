package org.octave2vec.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.RunsTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.pretrain.PretrainJob;
import org.octave2vec.train.TrainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pretrain}: frames → slices → samples → model → embeddings, the user path in one job. */
@Command(
    name = "pretrain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Pre-train an encoder on a table root that holds frames (ingest's output) and embed it: "
            + "slice → samples → train → embed, each with the defaults chosen from the data "
            + "(printed, and recorded in each output's provenance), skipping a step whose output "
            + "is current (the same options on the same inputs, not rewritten since). Every "
            + "option of slice, samples, train and embed is available here.")
public final class PretrainCommand implements Callable<Integer> {
  @Mixin TablesOption tables;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Model directory to write.")
  String model;

  @Option(
      names = "--embeddings",
      paramLabel = "DIR",
      description = "Where embed writes (and DIR_pooled beside it). Default: TABLES/embeddings.")
  String embeddings;

  @Option(names = "--force", description = "Run every step, even those whose output is current.")
  boolean force;

  @Mixin SliceCutOptions cut;
  @Mixin SampleDrawOptions draw;
  @Mixin TrainRecipeOptions recipe;
  @Mixin SeedOption seed;
  @Mixin SparkOptions spark;

  PretrainJob.Request request() {
    TrainOptions t = recipe.options(tables.tables, model, seed.seed);
    return new PretrainJob.Request(
        cut.options(seed.seed, "pretrain"),
        cut.unset(),
        draw.options(t.task(), seed.seed, "pretrain"),
        draw.workers,
        draw.batchSize,
        draw.unset(),
        t,
        embeddings != null ? embeddings : TableRoot.of(tables.tables).embeddings(),
        null, // embed writes the model's layer: --layer of the recipe
        force);
  }

  @Override
  public Integer call() {
    PretrainJob.Request r = request();
    Preflight.tableUnder("--tables", tables.tables, FramesTable.NAME, "ingest");
    Preflight.tableUnder("--tables", tables.tables, RunsTable.NAME, "ingest");
    Preflight.output("--tables", tables.tables);
    Preflight.outputOutsideTables("--model", model);
    Preflight.outputOutsideTables("--embeddings", r.embeddings(), "embeddings");
    TableRoot root = TableRoot.of(tables.tables);
    PretrainJob.Report rep =
        PretrainJob.run(
            spark.session(
                "pretrain",
                DoctorJob.Needs.of(
                    List.of(root.frames(), root.runs()),
                    List.of(tables.tables, model, r.embeddings()),
                    true)),
            r,
            System.out);
    System.out.printf(
        "pretrain: ran %s, current %s; model in %s, embeddings in %s (per run: %s_pooled)%n",
        rep.ran(), rep.skipped(), model, r.embeddings(), r.embeddings());
    return 0;
  }
}
