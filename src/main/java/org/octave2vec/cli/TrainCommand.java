package org.octave2vec.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.train.TrainJob;
import org.octave2vec.train.TrainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: samples → model directory (DL4J; one JVM or Spark parameter averaging). */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Pre-train an encoder on samples/TASK — contrastive (NT-Xent, the default: it beats "
            + "hand-crafted statistics on real sound, docs/results.md), Audio2Vec CBoW / SkipGram or TemporalGap — "
            + "and write a model directory: model.zip, config.json, norm_stats.json, loss_history.csv, "
            + "loss.png, provenance.json, checkpoints/.")
public final class TrainCommand implements Callable<Integer> {
  @Option(
      names = "--tables",
      required = true,
      paramLabel = "DIR",
      description = "Table root with slices/ and samples/TASK.")
  String tables;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Model directory to write.")
  String model;

  @Mixin TrainRecipeOptions recipe;

  @Mixin SeedOption seed;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    TrainOptions o = recipe.options(tables, model, seed.seed);
    Preflight.tableUnder("--tables", tables, SlicesTable.NAME, "slice");
    Preflight.input("--tables", TableRoot.of(tables).normStats());
    Preflight.tableUnder(
        "--tables", tables, TableRoot.samplesName(o.task()), "samples --task " + o.task().id());
    Preflight.outputOutsideTables("--model", model);
    System.out.print(
        TrainJob.run(
                spark.session(
                    "train",
                    DoctorJob.Needs.of(
                        List.of(
                            TableRoot.of(tables).slices(),
                            TableRoot.of(tables).samples(o.task().id())),
                        List.of(model),
                        true)),
                o)
            .summary());
    return 0;
  }
}
