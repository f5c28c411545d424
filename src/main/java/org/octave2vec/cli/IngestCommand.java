package org.octave2vec.cli;

import org.octave2vec.cluster.DoctorJob;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.ingest.IngestReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingest}: SpecCense CSV archives → frames, quarantine, runs, health. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Read SpecCense CSV archives (.csv, .csv.gz, .zip, .tar, .tar.gz; local, hdfs://, "
        + "s3a://) into the Parquet tables frames, quarantine, runs and health, and print a report.")
public final class IngestCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, split = ",", paramLabel = "PATH",
      description = "Files, directories (read recursively) or globs; repeat or separate with commas.")
  List<String> inputs;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Table root: frames/, quarantine/, runs/, health/ and reports/ go under it.")
  String output;

  @Option(names = "--bands", defaultValue = "cense29", paramLabel = "LAYOUT",
      description = "Band layout: cense29 (20 Hz-12.5 kHz), tob20 (125 Hz-10 kHz) or a list "
          + "such as Fast_100,Fast_125. Default: ${DEFAULT-VALUE}.")
  String bands;

  @Option(names = "--sensor-from", defaultValue = "name", paramLabel = "RULE",
      description = "Sensor id from the file name (p0640.csv.gz -> p0640), its parent directory, "
          + "or a regex: name | parent | regex. Default: ${DEFAULT-VALUE}.")
  String sensorFrom;

  @Option(names = "--sensor-regex", paramLabel = "REGEX",
      description = "With --sensor-from regex: a pattern with one group, found in the path.")
  String sensorRegex;

  @Option(names = "--calibration", paramLabel = "CSV",
      description = "Per-sensor dB offsets, a CSV 'sensor,offset_db', added to every level.")
  String calibration;

  @Option(names = "--gap-tolerance-ms", defaultValue = "62",
      description = "A step longer than 125 ms plus this is a gap. Default: ${DEFAULT-VALUE}.")
  long gapToleranceMs;

  @Option(names = "--min-level-db", defaultValue = "-10",
      description = "Lowest plausible level after calibration. Default: ${DEFAULT-VALUE}.")
  double minLevelDb;

  @Option(names = "--max-level-db", defaultValue = "150",
      description = "Highest plausible level after calibration. Default: ${DEFAULT-VALUE}.")
  double maxLevelDb;

  @Option(names = "--min-epoch", defaultValue = "2000-01-01",
      description = "Earliest plausible epoch (ISO date or ms). Default: ${DEFAULT-VALUE}.")
  String minEpoch;

  @Option(names = "--max-epoch", defaultValue = "2100-01-01",
      description = "Latest plausible epoch (ISO date or ms). Default: ${DEFAULT-VALUE}.")
  String maxEpoch;

  @Option(names = "--max-line-bytes", defaultValue = "65536",
      description = "Longer lines are quarantined, never buffered. Default: ${DEFAULT-VALUE}.")
  int maxLineBytes;

  @Option(names = "--max-source-bytes", defaultValue = "17179869184",
      description = "Decompressed bytes read per CSV source before it is cut off (bounds "
          + "decompression bombs). Default: ${DEFAULT-VALUE} (16 GiB).")
  long maxSourceBytes;

  @Option(names = "--min-slice-frames", defaultValue = "8",
      description = "Frames in one slice; the report counts frames in shorter runs. "
          + "Default: ${DEFAULT-VALUE}.")
  int minSliceFrames;

  @Mixin SparkOptions spark;

  IngestOptions options() {
    return new IngestOptions(inputs, output, bands, sensorFrom, sensorRegex, calibration,
        gapToleranceMs, minLevelDb, maxLevelDb, minEpoch, maxEpoch, maxLineBytes, maxSourceBytes,
        minSliceFrames, null).validate();
  }

  @Override
  public Integer call() {
    IngestOptions o = options(); // checked before Spark starts
    SparkSession s = spark.session("ingest", DoctorJob.Needs.of(o.inputs(), List.of(o.output()), false));
    IngestReport r = IngestJob.run(s, o);
    System.out.print(r.summary());
    System.out.println("  report: " + o.output() + "/reports/ingest.json");
    return 0;
  }
}
