package org.octave2vec.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.cluster.DoctorJob;
import org.octave2vec.ingest.AudioSettings;
import org.octave2vec.ingest.AudioSidecar;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.ingest.IngestReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingest-audio}: WAV/FLAC recordings → the same frames/quarantine/runs/health tables. */
@Command(
    name = "ingest-audio",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Turn audio recordings (WAV, FLAC) into frames: fast third-octave levels like a CENSE "
            + "sensor (125 ms, 29 bands, dB SPL) or the paper's log-mel (10 ms, 64 bins). Unreadable files "
            + "go to quarantine; the job goes on.")
public final class IngestAudioCommand implements Callable<Integer> {
  @Option(
      names = "--input",
      required = true,
      split = ",",
      paramLabel = "PATH",
      description = "Audio files, directories (recursive) or globs.")
  List<String> inputs;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Table root.")
  String output;

  @Option(
      names = "--representation",
      defaultValue = "third-octave",
      converter = ChoiceConverters.RepresentationChoice.class,
      description = "third-octave | logmel. Default: ${DEFAULT-VALUE}.")
  AudioSettings.Representation representation;

  @Option(
      names = "--dbfs-to-spl",
      defaultValue = "94",
      description =
          "dB SPL of a full-scale sine (microphone calibration). Default: ${DEFAULT-VALUE}.")
  double dbfsToSpl;

  @Mixin SensorIdOptions sensor;

  @Option(
      names = "--sidecar",
      paramLabel = "CSV",
      description =
          "'file,sensor,start_epoch' per file (start as ISO date or ms). Otherwise the sensor "
              + "comes from --sensor-from and the start from a 13-digit epoch or yyyyMMddTHHmmssZ in the name.")
  String sidecar;

  @Option(
      names = "--default-start",
      defaultValue = "2025-01-01",
      description =
          "Start of files with no sidecar entry or time in the name. Default: ${DEFAULT-VALUE}.")
  String defaultStart;

  @Mixin SparkOptions spark;

  IngestOptions options(org.apache.hadoop.conf.Configuration conf) {
    boolean mel = representation == AudioSettings.Representation.LOGMEL;
    AudioSettings a =
        new AudioSettings(
            representation,
            dbfsToSpl,
            AudioSidecar.load(conf, sidecar),
            IngestOptions.parseEpoch(defaultStart, "--default-start"));
    // log-mel values are natural logs, not dB: the dB plausibility range does not apply
    return IngestOptions.of(inputs, output)
        .withSensor(sensor.sensorFrom, sensor.sensorRegex)
        .withCalibration(sensor.calibration)
        .withAudio(a, 0)
        .withLevelRange(mel ? -100 : -10, mel ? 100 : 150)
        .validate();
  }

  @Override
  public Integer call() {
    inputs.forEach(i -> Preflight.input("--input", i));
    sensor.checkCalibration();
    if (sidecar != null) {
      Preflight.input("--sidecar", sidecar);
    }
    Preflight.output("--output", output);
    SparkSession s =
        spark.session("ingest-audio", DoctorJob.Needs.of(inputs, List.of(output), false));
    IngestOptions o = options(s.sparkContext().hadoopConfiguration());
    IngestReport r = IngestJob.run(s, o);
    System.out.print(r.summary());
    return 0;
  }
}
