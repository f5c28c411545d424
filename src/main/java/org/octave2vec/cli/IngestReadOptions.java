package org.octave2vec.cli;

import java.util.List;
import org.octave2vec.common.LevelEncoding;
import org.octave2vec.ingest.IngestOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How archive files are read and validated: declared once, for {@code ingest} and {@code nightly}.
 */
public final class IngestReadOptions {
  @Option(
      names = "--input",
      required = true,
      split = ",",
      paramLabel = "PATH",
      description =
          "Files, directories (read recursively) or globs; repeat or separate with commas.")
  List<String> inputs;

  @Option(
      names = "--bands",
      defaultValue = "auto",
      paramLabel = "LAYOUT",
      description =
          "Band layout: auto (the first header's; files of another layout are quarantined as "
              + "layout_mismatch), cense29 (20 Hz-12.5 kHz), tob20 (125 Hz-10 kHz) or a list "
              + "such as Fast_100,Fast_125. Default: ${DEFAULT-VALUE}.")
  String bands;

  @Mixin SensorIdOptions sensor;

  @Option(
      names = "--gap-tolerance-ms",
      defaultValue = "62",
      description = "A step longer than 125 ms plus this is a gap. Default: ${DEFAULT-VALUE}.")
  long gapToleranceMs;

  @Option(
      names = "--min-level-db",
      defaultValue = "-10",
      description = "Lowest plausible level after calibration. Default: ${DEFAULT-VALUE}.")
  double minLevelDb;

  @Option(
      names = "--max-level-db",
      defaultValue = "150",
      description = "Highest plausible level after calibration. Default: ${DEFAULT-VALUE}.")
  double maxLevelDb;

  @Option(
      names = "--min-epoch",
      defaultValue = "2000-01-01",
      description = "Earliest plausible epoch (ISO date or ms). Default: ${DEFAULT-VALUE}.")
  String minEpoch;

  @Option(
      names = "--max-epoch",
      defaultValue = "2100-01-01",
      description = "Latest plausible epoch (ISO date or ms). Default: ${DEFAULT-VALUE}.")
  String maxEpoch;

  @Option(
      names = "--max-line-bytes",
      defaultValue = "65536",
      description = "Longer lines are quarantined, never buffered. Default: ${DEFAULT-VALUE}.")
  int maxLineBytes;

  @Option(
      names = "--max-source-bytes",
      defaultValue = "17179869184",
      description =
          "Decompressed bytes read per input file before it is cut off; an archive's "
              + "members share the cap (bounds decompression bombs). "
              + "Default: ${DEFAULT-VALUE} (16 GiB).")
  long maxSourceBytes;

  @Option(
      names = "--min-slice-frames",
      defaultValue = "8",
      description =
          "Frames in one slice; the report counts frames in shorter runs. "
              + "Default: ${DEFAULT-VALUE}.")
  int minSliceFrames;

  @Option(
      names = "--level-encoding",
      defaultValue = "auto",
      converter = ChoiceConverters.LevelEncodingChoice.class,
      description =
          "How frames stores levels: centi (DECIMAL(5,2) dB on integer hundredths of a dB: "
              + "exact for two-decimal exports, fewer bytes), float (float32), or auto (centi "
              + "unless a level has more precision or lies beyond ±999.99 dB). Default: "
              + "${DEFAULT-VALUE}.")
  LevelEncoding.Option levelEncoding;

  /**
   * The ingest job's options, writing under {@code output} (not validated: the caller does that).
   */
  /** The inputs and the calibration file exist (local paths; see {@link Preflight}). */
  void checkPaths() {
    inputs.forEach(i -> Preflight.input("--input", i));
    sensor.checkCalibration();
  }

  IngestOptions options(String output) {
    return new IngestOptions(
        inputs,
        output,
        bands,
        sensor.sensorFrom,
        sensor.sensorRegex,
        sensor.calibration,
        gapToleranceMs,
        minLevelDb,
        maxLevelDb,
        minEpoch,
        maxEpoch,
        maxLineBytes,
        maxSourceBytes,
        minSliceFrames,
        levelEncoding,
        null);
  }
}
