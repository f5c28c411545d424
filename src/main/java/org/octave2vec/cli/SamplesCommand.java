package org.octave2vec.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.common.Task;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code samples}: slices → samples/TASK, balanced across training workers. */
@Command(
    name = "samples",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Draw pretext samples (indices into slices) for cbow, skipgram, gap, triplet or contrastive, "
            + "pre-shuffled and dealt to --workers shards of whole minibatches.")
public final class SamplesCommand implements Callable<Integer> {
  @Mixin TablesOption tables;

  @Option(
      names = "--task",
      required = true,
      converter = ChoiceConverters.TaskChoice.class,
      description = "cbow | skipgram | gap | triplet | contrastive")
  Task task;

  @Mixin SampleDrawOptions draw;
  @Mixin SeedOption seed;

  @Mixin SparkOptions spark;

  SampleOptions options() {
    return draw.options(task, seed.seed, "samples");
  }

  @Override
  public Integer call() {
    SampleOptions o = options();
    Preflight.tableUnder("--tables", tables.tables, SlicesTable.NAME, "slice");
    Preflight.output("--tables", tables.tables);
    TableRoot root = TableRoot.of(tables.tables);
    System.out.print(
        SamplesJob.run(
                spark.session(
                    "samples",
                    DoctorJob.Needs.of(List.of(root.slices()), List.of(tables.tables), false)),
                tables.tables,
                o,
                draw.workers,
                draw.batchSize,
                draw.unset())
            .summary());
    return 0;
  }
}
