package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.Json;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;

/**
 * ingest-audio on local Spark: a 10 s tone becomes 80 frames at 125 ms, or 10 ms log-mel frames.
 */
class AudioIngestTest {
  static final long T0 = 1761955200000L;
  @TempDir Path dir;

  static void wav(Path p, int rate, double seconds, double hz, double amplitude)
      throws IOException {
    int n = (int) Math.round(rate * seconds);
    byte[] pcm = new byte[2 * n];
    for (int i = 0; i < n; i++) {
      short v = (short) Math.round(32767 * amplitude * Math.sin(2 * Math.PI * hz * i / rate));
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    AudioFormat f = new AudioFormat(rate, 16, 1, true, false);
    AudioSystem.write(
        new AudioInputStream(new ByteArrayInputStream(pcm), f, n),
        AudioFileFormat.Type.WAVE,
        p.toFile());
  }

  private IngestOptions options(Path in, String out, AudioSettings.Representation representation) {
    boolean mel = representation == AudioSettings.Representation.LOGMEL;
    return IngestOptions.of(List.of(in.toString()), out)
        .withAudio(new AudioSettings(representation, 94, Map.of(), T0), 0)
        .withLevelRange(mel ? -100 : -10, mel ? 100 : 150)
        .validate();
  }

  @Test
  void thirdOctaveFramesOfAToneAndAQuarantinedBadFile() throws IOException {
    Path in = Files.createDirectories(dir.resolve("audio"));
    wav(in.resolve("mic1_" + T0 + ".wav"), 32000, 10.0, 1000, 0.5);
    Files.writeString(in.resolve("broken.wav"), "not audio at all");
    String out = dir.resolve("t").toString();
    SparkSession spark = TestSpark.get();
    IngestReport r =
        IngestJob.run(spark, options(in, out, AudioSettings.Representation.THIRD_OCTAVE));
    assertEquals(80, r.rowsKept(), "10.0 s at 125 ms");
    assertEquals(Map.of("unsupported_audio", 1L), r.fileRejectionsByReason());
    assertEquals(1, r.runs());
    List<Row> f = TestSpark.frames(out).orderBy("epoch_ms").collectAsList();
    assertEquals(T0, f.get(0).getLong(f.get(0).fieldIndex("epoch_ms")));
    assertEquals(T0 + 79 * 125, f.get(79).getLong(f.get(79).fieldIndex("epoch_ms")));
    Row mid = f.get(40);
    float level1k = mid.getFloat(mid.fieldIndex("Fast_1000"));
    assertEquals(94 + 20 * Math.log10(0.5), level1k, 0.5, "calibrated tone level");
    for (String other : List.of("Fast_500", "Fast_2000", "Fast_100")) {
      assertTrue(
          mid.getFloat(mid.fieldIndex(other)) < level1k - 20, other + " far below the tone's band");
    }
  }

  @Test
  void logMelFramesAreTenMillisecondsAndSlicesFollowThePeriod() throws IOException {
    Path in = Files.createDirectories(dir.resolve("mel"));
    wav(in.resolve("mic2_" + T0 + ".wav"), 16000, 2.0, 1000, 0.5);
    String out = dir.resolve("m").toString();
    SparkSession spark = TestSpark.get();
    IngestReport r = IngestJob.run(spark, options(in, out, AudioSettings.Representation.LOGMEL));
    assertEquals((32000 - 400) / 160 + 1, r.rowsKept());
    Map<String, Object> meta =
        Json.read(spark.sparkContext().hadoopConfiguration(), out + "/frames/_octave2vec.json");
    assertEquals(10, ((Number) meta.get("frame_period_ms")).intValue());
    assertEquals(
        64, spark.read().parquet(out + "/frames").columns().length - 4 - 4, "64 mel columns");
    SliceJob.run(spark, out, SliceOptions.defaults());
    List<Row> s =
        spark.read().parquet(out + "/slices").orderBy("slice_index").limit(2).collectAsList();
    assertEquals(80, s.get(1).getLong(3) - s.get(0).getLong(3), "slices of 8 frames of 10 ms");
    assertEquals(64 * 8, s.get(0).getList(5).size());
  }
}
