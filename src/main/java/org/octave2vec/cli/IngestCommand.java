package org.octave2vec.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.ingest.IngestReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingest}: SpecCense CSV archives → frames, quarantine, runs, health. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Read SpecCense CSV archives (.csv, .csv.gz, .zip, .tar, .tar.gz; local, hdfs://, "
            + "s3a://) into the Parquet tables frames, quarantine, runs and health, and print a report.")
public final class IngestCommand implements Callable<Integer> {
  @Mixin IngestReadOptions read;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description = "Table root: frames/, quarantine/, runs/, health/ and reports/ go under it.")
  String output;

  @Mixin SparkOptions spark;

  IngestOptions options() {
    return read.options(output).validate();
  }

  @Override
  public Integer call() {
    IngestOptions o = options(); // checked before Spark starts
    read.checkPaths();
    Preflight.outputOutsideTables("--output", output);
    SparkSession s =
        spark.session("ingest", DoctorJob.Needs.of(o.inputs(), List.of(o.output()), false));
    IngestReport r = IngestJob.run(s, o);
    System.out.print(r.summary());
    System.out.println("  report: " + o.output() + "/reports/ingest.json");
    return 0;
  }
}
