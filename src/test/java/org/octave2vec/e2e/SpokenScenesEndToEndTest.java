package org.octave2vec.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.Task;
import org.octave2vec.ingest.AudioSettings;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.ingest.IngestReport;
import org.octave2vec.ingest.SensorIdRule;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.train.EmbedJob;
import org.octave2vec.train.TrainJob;
import org.octave2vec.train.TrainOptions;

/**
 * Real audio made on the fly — speech by espeak-ng over pink noise, a traffic-like rumble and
 * bird-like chirps by sox, at three sample rates — through ingest-audio → slice → samples → train
 * (tiny CBoW) → embed. espeak-ng and sox come from Debian; .ci/run installs them, elsewhere the
 * test is skipped when they are missing.
 */
class SpokenScenesEndToEndTest {
  static final long T0 = 1761955200000L;
  @TempDir Path dir;

  private static boolean available(String tool) {
    try {
      return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
  }

  /**
   * sox with {@code args} split at spaces, each {@code {}} replaced by the next of {@code paths}.
   */
  private void sox(String args, String... paths) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("sox"));
    int next = 0;
    for (String a : args.split(" ")) {
      cmd.add(a.equals("{}") ? paths[next++] : a);
    }
    run(cmd.toArray(String[]::new));
  }

  @Test
  void scenesBecomeFramesSlicesAndSamples() throws Exception {
    assumeTrue(available("espeak-ng") && available("sox"), "needs Debian's espeak-ng and sox");
    Path in = Files.createDirectories(dir.resolve("audio"));
    // mic01: speech over quiet pink noise, 32 kHz mono 16-bit
    run(
        "espeak-ng",
        "-w",
        "speech.wav",
        "Good morning. The bus to the harbour leaves at nine. "
            + "Please keep the noise down, people are sleeping. The market opens on Saturday.");
    sox("speech.wav -r 32000 speech32.wav pad 0.5 repeat 6");
    sox("-n -r 32000 -c 1 -b 16 pink.wav synth 30 pinknoise vol 0.02");
    sox("-m speech32.wav pink.wav {} trim 0 30", in.resolve("mic01_" + T0 + ".wav").toString());
    // mic02: a traffic-like rumble, 44.1 kHz stereo
    sox(
        "-n -r 44100 -c 2 -b 16 {} synth 30 brownnoise tremolo 0.2 60 vol 0.5",
        in.resolve("mic02_" + T0 + ".wav").toString());
    // mic03: bird-like chirps over faint noise, 48 kHz 24-bit
    sox("-n -r 48000 -c 1 -b 24 chirp.wav synth 0.3 sine 3000-5000 pad 0 0.45 repeat 39");
    sox("-n -r 48000 -c 1 -b 24 faint.wav synth 30 pinknoise vol 0.01");
    sox(
        "-m -v 0.4 chirp.wav faint.wav {} trim 0 30",
        in.resolve("mic03_" + T0 + ".wav").toString());
    Files.writeString(in.resolve("mic04_" + T0 + ".wav"), "RIFF but not really audio");

    SparkSession spark = TestSpark.get();
    String tables = dir.resolve("tables").toString();
    IngestReport r =
        IngestJob.run(
            spark,
            IngestOptions.of(List.of(in.toString()), tables)
                .withSensor(SensorIdRule.Mode.REGEX, "(mic\\d+)_")
                .withAudio(
                    new AudioSettings(AudioSettings.Representation.THIRD_OCTAVE, 94, Map.of(), T0),
                    0)
                .withLevelRange(-10, 150)
                .validate());
    assertEquals(3 * 240, r.rowsKept(), "3 files × 30 s × 8 frames per second");
    assertEquals(Map.of("unsupported_audio", 1L), r.fileRejectionsByReason());
    assertEquals(3, r.runs());

    // the scenes differ where they should (band levels averaged over each recording)
    Map<String, Row> mean = new java.util.HashMap<>();
    for (Row m :
        TestSpark.frames(tables)
            .groupBy("sensor")
            .avg("Fast_63", "Fast_250", "Fast_500", "Fast_2000", "Fast_4000")
            .collectAsList()) {
      mean.put(m.getString(0), m);
    }
    assertTrue(
        mean.get("mic02").getDouble(1) - mean.get("mic02").getDouble(4) > 10,
        "rumble: low bands dominate");
    assertTrue(
        mean.get("mic03").getDouble(5) - mean.get("mic03").getDouble(2) > 10,
        "chirps: 4 kHz dominates");
    assertTrue(
        mean.get("mic01").getDouble(3) - mean.get("mic03").getDouble(3) > 6,
        "speech: 500 Hz louder");

    SliceJob.Report sl = SliceJob.run(spark, tables, SliceOptions.defaults().withFractions(0, 0));
    assertEquals(90, sl.slices());
    SamplesJob.Report cbow = SamplesJob.run(spark, tables, SampleOptions.defaults(Task.CBOW), 1, 1);
    // the gap samples are drawn last but trained on CBoW: both tables stay side by side
    assertEquals(3 * (30 - 4), cbow.kept().get("train"));
    SamplesJob.Report gap = SamplesJob.run(spark, tables, SampleOptions.defaults(Task.GAP), 1, 1);
    assertEquals(90, gap.kept().get("train"));
    TrainJob.Report tr =
        TrainJob.run(
            spark,
            TrainOptions.of(Task.CBOW, tables, dir.resolve("model").toString())
                .with("tiny", 2, "local"));
    assertTrue(tr.trainLoss().get(1) < tr.trainLoss().get(0), "loss falls: " + tr.trainLoss());
    long embedded =
        EmbedJob.run(spark, dir.resolve("model").toString(), tables, tables + "/embeddings");
    assertEquals(90, embedded);
    List<String> files = new ArrayList<>();
    try (var s = Files.list(Path.of(tables))) {
      s.forEach(p -> files.add(p.getFileName().toString()));
    }
    assertTrue(
        files.containsAll(
            List.of(
                "frames",
                "quarantine",
                "runs",
                "health",
                "slices",
                "samples",
                "norm_stats.json",
                "embeddings")),
        files.toString());
  }
}
