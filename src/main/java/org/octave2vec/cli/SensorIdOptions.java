package org.octave2vec.cli;

import org.octave2vec.ingest.SensorIdRule;
import picocli.CommandLine.Option;

/**
 * Which sensor a file belongs to and its calibration: declared once, for {@code ingest}, {@code
 * nightly} and {@code ingest-audio}.
 */
public final class SensorIdOptions {
  @Option(
      names = "--sensor-from",
      defaultValue = "name",
      paramLabel = "RULE",
      converter = ChoiceConverters.SensorFromChoice.class,
      description =
          "Sensor id from the file name (p0640.csv.gz -> p0640), its parent directory, "
              + "or a regex: name | parent | regex. Default: ${DEFAULT-VALUE}.")
  SensorIdRule.Mode sensorFrom;

  @Option(
      names = "--sensor-regex",
      paramLabel = "REGEX",
      description = "With --sensor-from regex: a pattern with one group, found in the path.")
  String sensorRegex;

  @Option(
      names = "--calibration",
      paramLabel = "CSV",
      description = "Per-sensor dB offsets, a CSV 'sensor,offset_db', added to every level.")
  String calibration;

  /** The calibration file exists (a local path; see {@link Preflight}). */
  void checkCalibration() {
    if (calibration != null) {
      Preflight.input("--calibration", calibration);
    }
  }
}
