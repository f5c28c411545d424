package org.octave2vec.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.UserException;
import org.octave2vec.generate.ArchiveFormat;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.GenerateSummary;
import org.octave2vec.generate.SpecCenseGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code generate}: a deterministic synthetic SpecCense archive with labelled events. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Write a synthetic SpecCense-style archive (OUTPUT/archive/), its event labels "
            + "(OUTPUT/labels.csv) and what an ingest must find (OUTPUT/truth.json).")
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where to write.")
  Path output;

  @Option(
      names = "--sensors",
      defaultValue = "4",
      description = "Sensors. Default: ${DEFAULT-VALUE}.")
  int sensors;

  @Option(
      names = "--hours",
      defaultValue = "2",
      description = "Hours per sensor. Default: ${DEFAULT-VALUE}.")
  double hours;

  @Mixin SeedOption seed;

  @Option(
      names = "--start-epoch-ms",
      defaultValue = "1761955200000",
      description =
          "First frame, UTC ms (multiple of 125). Default: ${DEFAULT-VALUE} (2025-11-01).")
  long startEpochMs;

  @Option(
      names = "--format",
      defaultValue = "csv.gz",
      converter = ChoiceConverters.FormatChoice.class,
      description = "csv | csv.gz | zip | tar.gz. Default: ${DEFAULT-VALUE}.")
  ArchiveFormat format;

  @Option(
      names = "--split-days",
      description = "One file per sensor and UTC day (sensor/yyyy-MM-dd.csv.gz).")
  boolean splitDays;

  @Option(
      names = "--corrupt-rate",
      defaultValue = "0",
      description =
          "Fraction of rows replaced by a corrupted row of a random kind. Default: ${DEFAULT-VALUE}.")
  double corruptRate;

  @Option(
      names = "--drop-rate",
      defaultValue = "0.002",
      description = "Fraction of single frames dropped. Default: ${DEFAULT-VALUE}.")
  double dropRate;

  @Option(
      names = "--outages-per-hour",
      defaultValue = "0.5",
      description = "Outages (5 s to 10 min without frames) per hour. Default: ${DEFAULT-VALUE}.")
  double outagesPerHour;

  @Option(
      names = "--bands",
      defaultValue = "cense29",
      description = "Band layout of the written files. Default: ${DEFAULT-VALUE}.")
  String bands;

  GenerateOptions options() {
    try {
      return new GenerateOptions(
              sensors,
              hours,
              seed.seed,
              startEpochMs,
              format,
              splitDays,
              corruptRate,
              dropRate,
              outagesPerHour,
              BandLayout.parse(bands))
          .validate();
    } catch (IllegalArgumentException e) {
      throw new UserException("generate: " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    GenerateOptions o = options();
    Preflight.outputOutsideTables("--output", output.toString());
    GenerateSummary s = SpecCenseGenerator.generate(o, output);
    System.out.printf(
        "generated %,d rows (%,d valid frames, %,d quarantinable) for %d sensors in %d files "
            + "under %s; %d labelled events%n",
        s.rowsWritten(),
        s.framesValid(),
        s.quarantinedRows(),
        sensors,
        s.files().size(),
        output.resolve("archive"),
        s.labels());
    return 0;
  }
}
