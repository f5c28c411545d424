package org.octave2vec.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.Json;
import org.octave2vec.common.SliceGeometry;

/**
 * {@code config.json}: the same bytes as when the record declared its own bands, width, hop, band
 * layout and frame period beside the architecture's width; read back with one width.
 */
class ModelMetaTest {
  private static final SliceGeometry GEOMETRY =
      new SliceGeometry(BandLayout.of("custom", List.of("Fast_31.5", "Fast_40")), 8, 4, 125);

  private static final String MODEL =
      "{\n"
          + "  \"schema_version\" : 2,\n"
          + "  \"band_layout\" : {\n"
          + "    \"name\" : \"custom\",\n"
          + "    \"headers\" : [ \"Fast_31.5\", \"Fast_40\" ],\n"
          + "    \"columns\" : [ \"Fast_31_5\", \"Fast_40\" ]\n"
          + "  },\n"
          + "  \"frame_period_ms\" : 125,\n"
          + "  \"batch_size\" : 8,\n"
          + "  \"zero_predictor_val_loss\" : 0.5,\n"
          + "  \"task\" : \"cbow\",\n"
          + "  \"model\" : {\n"
          + "    \"bands\" : 29,\n"
          + "    \"width\" : 8,\n"
          + "    \"channels\" : [ 4, 4, 8, 8, 8, 8 ],\n"
          + "    \"poolBlocks\" : 4,\n"
          + "    \"embedding\" : 8,\n"
          + "    \"context\" : 2,\n"
          + "    \"batchNorm\" : false,\n"
          + "    \"learningRate\" : 0.001,\n"
          + "    \"seed\" : 42,\n"
          + "    \"pooling\" : \"max\",\n"
          + "    \"output\" : \"dense\"\n"
          + "  },\n"
          + "  \"bands\" : 2,\n"
          + "  \"width\" : 8,\n"
          + "  \"hop\" : 4,\n"
          + "  \"workers\" : 1,\n"
          + "  \"target\" : \"slice\",\n"
          + "  \"options\" : {\n"
          + "    \"epochs\" : 1\n"
          + "  }\n"
          + "}";

  private static ModelMeta meta() {
    return new ModelMeta(
        2, "cbow", ModelConfig.tiny(8), GEOMETRY, 8, 1, "slice", 0.5, Map.of("epochs", 1));
  }

  @Test
  void writesTheFlatJsonOfBefore() {
    assertEquals(MODEL, Json.write(meta()));
  }

  @Test
  void readsItBack() throws Exception {
    assertEquals(meta(), Json.MAPPER.readValue(MODEL, ModelMeta.class));
  }

  @Test
  void olderFilesWithoutHopReadAsNonOverlapping() throws Exception {
    String noHop = MODEL.replace("  \"hop\" : 4,\n", "");
    assertEquals(8, Json.MAPPER.readValue(noHop, ModelMeta.class).geometry().hop());
  }

  @Test
  void theModelKeepsOneWidth() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ModelMeta(2, "cbow", ModelConfig.tiny(4), GEOMETRY, 8, 1, "slice", 0.5, Map.of()));
    assertThrows(
        Exception.class,
        () ->
            Json.MAPPER.readValue(
                MODEL.replace("  \"width\" : 8,\n  \"hop\"", "  \"width\" : 6,\n  \"hop\""),
                ModelMeta.class));
  }
}
