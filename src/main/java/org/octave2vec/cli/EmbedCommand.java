package org.octave2vec.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.train.EmbedJob;
import org.octave2vec.train.EncoderOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embed}: model directory + slices → embeddings. */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description =
        "Embed every slice with a trained encoder: TABLES/slices (this or another ingest's) → "
            + "OUTPUT (sensor, run_index, slice_index, start/centre epoch, hop, split, embedding) and OUTPUT_pooled "
            + "(mean and max per sensor and UTC day).")
public final class EmbedCommand implements Callable<Integer> {
  @Mixin TrainedModelOption trained;

  @Option(
      names = "--tables",
      required = true,
      paramLabel = "DIR",
      description = "Table root with slices/.")
  String tables;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description =
          "Embeddings table to write (and DIR_pooled beside it, one row per run and UTC day). "
              + "Default: TABLES/embeddings.")
  String output;

  @Option(
      names = "--coarsen-ms",
      defaultValue = "0",
      description =
          "Round timestamps down to this many ms, for privacy-preserving export. Default: exact.")
  long coarsenMs;

  @Option(
      names = "--drop-sensor",
      description = "Leave sensor ids (and run/slice indices) out of the output.")
  boolean dropSensor;

  @Option(
      names = "--layer",
      paramLabel = "dense|pooled|multiscale",
      converter = ChoiceConverters.LayerChoice.class,
      description =
          "Write this layer instead of the model's own choice (train --layer): the dense embedding, "
              + "the pooled features before it, or the pooled features of every conv block.")
  EncoderOutput layer;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    String out = output != null ? output : TableRoot.of(tables).embeddings();
    Preflight.model("--model", trained.model);
    Preflight.tableUnder("--tables", tables, SlicesTable.NAME, "slice");
    Preflight.outputOutsideTables("--output", out, "embeddings");
    long n =
        EmbedJob.run(
            spark.session(
                "embed",
                DoctorJob.Needs.of(
                    List.of(trained.model, TableRoot.of(tables).slices()), List.of(out), true)),
            new EmbedJob.Options(trained.model, tables, out, coarsenMs, dropSensor, layer));
    System.out.printf("embed: %,d embeddings → %s%n", n, out);
    return 0;
  }
}
