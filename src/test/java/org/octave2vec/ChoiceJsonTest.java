package org.octave2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.Json;
import org.octave2vec.common.LevelEncoding;
import org.octave2vec.common.Task;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.ingest.SensorIdRule;
import org.octave2vec.nightly.NightlyOptions;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.slices.SliceOptions;
import org.octave2vec.slices.SplitBy;
import org.octave2vec.train.EncoderOutput;
import org.octave2vec.train.ModelConfig;
import org.octave2vec.train.Pooling;
import org.octave2vec.train.TrainOptions;

/**
 * The closed sets of choices are enums, and the JSON the project writes with them is what it wrote
 * when they were strings, byte for byte: the files under {@code choices/} were written by the
 * string-typed records (before the enums), and older files read back into the typed records.
 */
class ChoiceJsonTest {
  /** Each golden file's name and the record that must write it today. */
  static Map<String, Object> records() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Task t : List.of(Task.CBOW, Task.SKIPGRAM, Task.GAP, Task.TRIPLET, Task.CONTRASTIVE)) {
      m.put("samples-" + t.id(), SampleOptions.defaults(t));
    }
    m.put(
        "samples-flags",
        SampleOptions.defaults(Task.CONTRASTIVE)
            .withSameSensorBatches(true)
            .withPairsPerStart(1.5)
            .withActivityFloor(0.25)
            .withSignedGap(true));
    m.put("train-default", TrainOptions.of(Task.CONTRASTIVE, "T", "M"));
    m.put(
        "train-encoder",
        TrainOptions.of(Task.CBOW, "T", "M")
            .withEncoder(new TrainOptions.Encoder(Pooling.MEAN, EncoderOutput.POOLED, true))
            .withTarget(TrainOptions.Target.RESIDUAL));
    m.put("model-config", ModelConfig.small(8));
    m.put(
        "model-config-meanmax",
        ModelConfig.small(8).withPooling(Pooling.MEANMAX, EncoderOutput.MULTISCALE));
    m.put("model-config-contrastive", TrainOptions.of(Task.CONTRASTIVE, "T", "M").config(29, 8));
    // unset is a Set.of: its order varies from JVM to JVM, so the golden file's order is given
    m.put(
        "nightly",
        NightlyOptions.of(List.of("in"), "T")
            .withUnset(
                new java.util.LinkedHashSet<>(
                    List.of(
                        "--same-sensor-batches",
                        "--workers",
                        "--batch-size",
                        "--samples-per-run"))));
    m.put(
        "ingest-regex",
        IngestOptions.of(List.of("in"), "T")
            .withSensor(SensorIdRule.Mode.REGEX, "(.*)")
            .withLevelEncoding(LevelEncoding.Option.CENTI));
    m.put(
        "ingest-parent",
        IngestOptions.of(List.of("in"), "T")
            .withSensor(SensorIdRule.Mode.PARENT, null)
            .withLevelEncoding(LevelEncoding.Option.FLOAT32));
    m.put("slice-sensor", SliceOptions.defaults().withSplitBy(SplitBy.SENSOR));
    return m;
  }

  static String golden(String name) throws IOException {
    try (InputStream in =
        ChoiceJsonTest.class.getResourceAsStream("/org/octave2vec/choices/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void recordsWriteTheJsonTheyWroteAsStrings() throws IOException {
    for (Map.Entry<String, Object> e : records().entrySet()) {
      assertEquals(golden(e.getKey()), Json.write(e.getValue()) + "\n", e.getKey());
    }
  }

  @Test
  void oldFilesReadBackIntoTheTypedRecords() throws IOException {
    Map<String, Object> m = records();
    for (String t : List.of("cbow", "skipgram", "gap", "triplet", "contrastive")) {
      String name = "samples-" + t;
      assertEquals(m.get(name), Json.MAPPER.readValue(golden(name), SampleOptions.class), name);
    }
    assertEquals(
        m.get("samples-flags"),
        Json.MAPPER.readValue(golden("samples-flags"), SampleOptions.class));
    for (String name : List.of("train-default", "train-encoder")) {
      assertEquals(m.get(name), Json.MAPPER.readValue(golden(name), TrainOptions.class), name);
    }
    for (String name :
        List.of("model-config", "model-config-meanmax", "model-config-contrastive")) {
      // records compare arrays by reference: compare what they write
      assertEquals(
          Json.write(m.get(name)),
          Json.write(Json.MAPPER.readValue(golden(name), ModelConfig.class)),
          name);
    }
    for (String name : List.of("ingest-regex", "ingest-parent")) {
      assertEquals(m.get(name), Json.MAPPER.readValue(golden(name), IngestOptions.class), name);
    }
    assertEquals(
        m.get("slice-sensor"), Json.MAPPER.readValue(golden("slice-sensor"), SliceOptions.class));
  }

  @Test
  void tasksReadTheirIdsInAnyCaseAndTheOldGapName() {
    for (Task t : Task.values()) {
      assertEquals(t, Task.of(t.id()));
      assertEquals(t, Task.of(t.id().toUpperCase(java.util.Locale.ROOT)));
    }
    assertEquals(Task.GAP, Task.of("temporal_gap"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Task.of("word2vec"));
    assertEquals(
        "task must be one of [contrastive, cbow, skipgram, gap, triplet], got word2vec",
        e.getMessage());
  }
}
