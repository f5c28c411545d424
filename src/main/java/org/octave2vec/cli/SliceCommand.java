package org.octave2vec.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.RunsTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code slice}: frames + runs → slices (with split labels) and the train split's band statistics.
 */
@Command(
    name = "slice",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Cut the frames of each continuous run into slices of W frames (never across a gap), "
            + "label each train/val/test/guard, and save per-band statistics of the train split.")
public final class SliceCommand implements Callable<Integer> {
  @Mixin TablesOption tables;
  @Mixin SliceCutOptions cut;
  @Mixin SeedOption seed;
  @Mixin SparkOptions spark;

  SliceOptions options() {
    return cut.options(seed.seed, "slice");
  }

  @Override
  public Integer call() {
    SliceOptions o = options();
    Preflight.tableUnder("--tables", tables.tables, FramesTable.NAME, "ingest");
    Preflight.tableUnder("--tables", tables.tables, RunsTable.NAME, "ingest");
    Preflight.output("--tables", tables.tables);
    TableRoot root = TableRoot.of(tables.tables);
    System.out.print(
        SliceJob.run(
                spark.session(
                    "slice",
                    DoctorJob.Needs.of(
                        List.of(root.frames(), root.runs()), List.of(tables.tables), false)),
                tables.tables,
                o,
                cut.unset())
            .summary());
    return 0;
  }
}
