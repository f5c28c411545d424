package org.octave2vec.cli;

import java.util.concurrent.Callable;
import org.octave2vec.train.EmbedJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embed}: model directory + slices → embeddings. */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Embed every slice with a trained encoder: TABLES/slices → OUTPUT (sensor, run_index, "
        + "slice_index, start_epoch_ms, split, embedding).")
public final class EmbedCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR", description = "A train job's model directory.")
  String model;

  @Option(names = "--tables", required = true, paramLabel = "DIR", description = "Table root with slices/.")
  String tables;

  @Option(names = "--output", paramLabel = "DIR", description = "Default: TABLES/embeddings.")
  String output;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    String out = output != null ? output : tables + "/" + EmbedJob.NAME;
    long n = EmbedJob.run(spark.session("embed"), model, tables, out);
    System.out.printf("embed: %,d embeddings → %s%n", n, out);
    return 0;
  }
}
