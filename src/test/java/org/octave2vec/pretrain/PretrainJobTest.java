package org.octave2vec.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.cli.PretrainCommandAccess;
import org.octave2vec.common.BandLayout;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.SpecCenseGenerator;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;

/**
 * {@code pretrain} on a clip collection and on long recordings, through its command line: the
 * defaults chosen from each shape are printed and recorded in the outputs' provenance, and a second
 * run skips every step whose output is current.
 */
class PretrainJobTest {
  @TempDir static Path dir;
  static String clips;
  static String recordings;

  @BeforeAll
  static void tables() throws Exception {
    // 20 clips of 5 s (39 frames), one file and sensor each, as esc10-dev is laid out
    Path csv = Files.createDirectories(dir.resolve("clips-csv"));
    List<String> bands = BandLayout.cense29().headers();
    SplittableRandom r = new SplittableRandom(1);
    for (int k = 0; k < 20; k++) {
      StringBuilder b = new StringBuilder("epoch," + String.join(",", bands) + "\n");
      long t0 = 1_577_836_800_000L + k * 3_600_000L;
      double tone = 30 + 3 * (k % 5);
      for (int f = 0; f < 39; f++) {
        b.append(t0 + f * 125L);
        for (int i = 0; i < bands.size(); i++) {
          double level = tone + (i == k % 29 ? 20 * Math.sin(f / 3.0) : 0) + 2 * r.nextGaussian();
          b.append(',').append(String.format(Locale.ROOT, "%.2f", level));
        }
        b.append('\n');
      }
      Files.writeString(csv.resolve(String.format("clip-%02d.csv", k)), b.toString());
    }
    clips = dir.resolve("clips").toString();
    IngestJob.run(TestSpark.get(), IngestOptions.of(List.of(csv.toString()), clips));
    SpecCenseGenerator.generate(
        GenerateOptions.defaults().withSensors(2).withHours(0.5), dir.resolve("gen"));
    recordings = dir.resolve("recordings").toString();
    IngestJob.run(
        TestSpark.get(),
        IngestOptions.of(List.of(dir.resolve("gen/archive").toString()), recordings));
  }

  private record Run(PretrainJob.Report report, String out) {}

  private static Run pretrain(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PretrainJob.Report rep =
        PretrainJob.run(
            TestSpark.get(),
            PretrainCommandAccess.request(args),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Run(rep, bytes.toString(StandardCharsets.UTF_8));
  }

  private static JsonNode meta(String table) throws Exception {
    return new ObjectMapper().readTree(Path.of(table, "_octave2vec.json").toFile());
  }

  /** option → value of the defaults a table's provenance records as chosen. */
  private static Map<String, String> chosen(String table) throws Exception {
    Map<String, String> m = new java.util.TreeMap<>();
    JsonNode c = meta(table).get("provenance").get("chosen");
    if (c != null) {
      c.forEach(x -> m.put(x.get("option").asText(), x.get("value").asText()));
    }
    return m;
  }

  @Test
  void aClipCollectionGetsTheClipDefaultsAndASecondRunSkipsWhatIsCurrent() throws Exception {
    String model = dir.resolve("m-clips").toString();
    String[] args = {"--tables", clips, "--model", model, "--preset", "tiny", "--steps", "3"};
    Run first = pretrain(args);
    assertEquals(List.of("slice", "samples/contrastive", "train", "embed"), first.report().ran());
    // chosen, printed, recorded
    Map<String, String> slice = chosen(clips + "/slices");
    assertEquals("sensor", slice.get("--split-by"), slice.toString());
    assertEquals("4", slice.get("--hop"));
    assertEquals("0", slice.get("--test-fraction"));
    assertTrue(first.out().contains("slice: --split-by sensor (chosen: 20 sensors"), first.out());
    Map<String, String> samples = chosen(clips + "/samples/contrastive");
    assertEquals("1", samples.get("--workers"));
    assertEquals("256", samples.get("--batch-size"));
    assertEquals("false", samples.get("--same-sensor-batches"));
    assertEquals("64", samples.get("--radius-frames"), "a clip at any offset");
    assertEquals("auto (2.0 pairs per crop start)", samples.get("--samples-per-run"));
    assertEquals(
        2.0,
        meta(clips + "/samples/contrastive").at("/provenance/options/pairsPerStart").asDouble());
    // the step budget: 3 steps, whatever the epoch
    JsonNode prov = new ObjectMapper().readTree(Path.of(model, "provenance.json").toFile());
    assertEquals(3, prov.at("/options/steps").asInt(), prov.toString());
    // one pooled row per clip, mean ⊕ max
    List<Row> pooled = TestSpark.get().read().parquet(clips + "/embeddings_pooled").collectAsList();
    assertEquals(20, pooled.size());
    Row p0 = pooled.get(0);
    assertEquals(
        2 * p0.getList(p0.fieldIndex("mean")).size(),
        p0.getList(p0.fieldIndex("embedding")).size());
    assertEquals(
        8, pooled.stream().mapToLong(p -> p.getLong(p.fieldIndex("windows"))).max().orElse(0));
    long slicesWritten =
        Files.getLastModifiedTime(Path.of(clips, "slices", "_octave2vec.json")).toMillis();

    // the same request again: every output is current
    Run second = pretrain(args);
    assertEquals(List.of(), second.report().ran());
    assertEquals(
        List.of("slice", "samples/contrastive", "train", "embed"), second.report().skipped());
    assertTrue(second.out().contains("pretrain: slice is current"), second.out());
    assertEquals(
        slicesWritten,
        Files.getLastModifiedTime(Path.of(clips, "slices", "_octave2vec.json")).toMillis());

    // another learning rate: train and embed again, slices and samples stay
    String[] lr = {
      "--tables",
      clips,
      "--model",
      model,
      "--preset",
      "tiny",
      "--steps",
      "3",
      "--learning-rate",
      "3e-4"
    };
    Run third = pretrain(lr);
    assertEquals(List.of("train", "embed"), third.report().ran());
    assertEquals(List.of("slice", "samples/contrastive"), third.report().skipped());

    // the slices rewritten by someone else: everything after them runs again
    org.octave2vec.slices.SliceJob.run(
        TestSpark.get(), clips, org.octave2vec.slices.SliceOptions.defaults().withWidthHop(8, 4));
    Run fourth = pretrain(lr);
    assertEquals(List.of("slice", "samples/contrastive", "train", "embed"), fourth.report().ran());
  }

  @Test
  void longRecordingsGetTimeBlocksAndOneSensorPerMinibatch() throws Exception {
    String model = dir.resolve("m-rec").toString();
    Run run =
        pretrain(
            "--tables",
            recordings,
            "--model",
            model,
            "--preset",
            "tiny",
            "--steps",
            "2",
            "--batch-size",
            "32");
    Map<String, String> slice = chosen(recordings + "/slices");
    assertEquals("time", slice.get("--split-by"), slice.toString());
    assertEquals("8", slice.get("--hop"));
    assertEquals("0.1", slice.get("--test-fraction"));
    assertTrue(slice.containsKey("--block-hours"));
    // 2 sensors × 30 min: blocks of a few minutes, so val and test get some of each
    double blockHours = Double.parseDouble(slice.get("--block-hours"));
    assertTrue(blockHours > 0 && blockHours <= 0.25, "block " + blockHours);
    Map<String, String> samples = chosen(recordings + "/samples/contrastive");
    assertEquals("true", samples.get("--same-sensor-batches"), samples.toString());
    assertTrue(!samples.containsKey("--batch-size"), "given, not chosen");
    assertTrue(run.out().contains("samples: --same-sensor-batches true (chosen: "), run.out());
    // pairs of one moment: crops at most half a second apart, recorded in the options
    assertEquals("4", samples.get("--radius-frames"), samples.toString());
    assertTrue(
        run.out().contains("samples: --radius-frames 4 (chosen: 2 sensors with a median of ")
            && run.out().contains("of slices each: long recordings; the two crops of a pair"),
        run.out());
    assertEquals(
        4,
        meta(recordings + "/samples/contrastive").at("/provenance/options/radiusFrames").asInt());
    List<String> sensors = new ArrayList<>();
    TestSpark.get()
        .read()
        .parquet(recordings + "/embeddings_pooled")
        .select("sensor")
        .distinct()
        .collectAsList()
        .forEach(x -> sensors.add(x.getString(0)));
    assertEquals(2, sensors.size());
  }
}
