package org.octave2vec.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.TableRoot;
import org.octave2vec.export.ExportCsvJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export-csv}: a frames table back to SpecCense-style CSV files. */
@Command(
    name = "export-csv",
    mixinStandardHelpOptions = true,
    description =
        "Write a frames table as SpecCense-style CSV: OUTPUT/<sensor>/<date>.csv.gz with the "
            + "header real exports use. Re-ingest with --sensor-from parent.")
public final class ExportCsvCommand implements Callable<Integer> {
  @Option(
      names = "--tables",
      required = true,
      paramLabel = "DIR",
      description = "Table root holding frames/.")
  String tables;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description = "Where the CSV files go.")
  String output;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    Preflight.tableUnder("--tables", tables, FramesTable.NAME, "ingest");
    Preflight.outputOutsideTables("--output", output);
    ExportCsvJob.Report r =
        ExportCsvJob.run(
            spark.session(
                "export-csv",
                DoctorJob.Needs.of(List.of(TableRoot.of(tables).frames()), List.of(output), false)),
            tables,
            output);
    System.out.printf("export-csv: %,d rows in %,d files under %s%n", r.rows(), r.files(), output);
    return 0;
  }
}
