package org.octave2vec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The geometry's band-major index, and the metadata records that carry it as one field writing the
 * same JSON as before (the strings below are what the records wrote when each declared its own
 * width, hop, band layout and frame period) and reading it back.
 */
class SliceGeometryTest {
  private static final BandLayout LAYOUT = BandLayout.of("custom", List.of("Fast_31.5", "Fast_40"));
  private static final SliceGeometry GEOMETRY = new SliceGeometry(LAYOUT, 8, 4, 125);

  private static final String SLICES =
      "{\n"
          + "  \"schema_version\" : 1,\n"
          + "  \"band_layout\" : {\n"
          + "    \"name\" : \"custom\",\n"
          + "    \"headers\" : [ \"Fast_31.5\", \"Fast_40\" ],\n"
          + "    \"columns\" : [ \"Fast_31_5\", \"Fast_40\" ]\n"
          + "  },\n"
          + "  \"frame_period_ms\" : 125,\n"
          + "  \"levels_layout\" : \"band-major: levels[band * width + t]\",\n"
          + "  \"table\" : \"slices\",\n"
          + "  \"rows\" : 3,\n"
          + "  \"width\" : 8,\n"
          + "  \"hop\" : 4,\n"
          + "  \"report\" : {\n"
          + "    \"slices\" : 3\n"
          + "  },\n"
          + "  \"parent\" : null,\n"
          + "  \"provenance\" : {\n"
          + "    \"job\" : \"slice\"\n"
          + "  }\n"
          + "}";

  private static final String EMBEDDINGS =
      "{\n"
          + "  \"schema_version\" : 1,\n"
          + "  \"band_layout\" : {\n"
          + "    \"name\" : \"custom\",\n"
          + "    \"headers\" : [ \"Fast_31.5\", \"Fast_40\" ],\n"
          + "    \"columns\" : [ \"Fast_31_5\", \"Fast_40\" ]\n"
          + "  },\n"
          + "  \"frame_period_ms\" : 125,\n"
          + "  \"table\" : \"embeddings\",\n"
          + "  \"rows\" : 7,\n"
          + "  \"model\" : \"/m\",\n"
          + "  \"task\" : \"contrastive\",\n"
          + "  \"layer\" : \"pooled\",\n"
          + "  \"size\" : 16,\n"
          + "  \"width\" : 8,\n"
          + "  \"hop\" : 4,\n"
          + "  \"pooled\" : \"/t/embeddings_pooled\",\n"
          + "  \"provenance\" : {\n"
          + "    \"job\" : \"slice\"\n"
          + "  }\n"
          + "}";

  private static final String POOLED =
      "{\n"
          + "  \"schema_version\" : 1,\n"
          + "  \"band_layout\" : {\n"
          + "    \"name\" : \"custom\",\n"
          + "    \"headers\" : [ \"Fast_31.5\", \"Fast_40\" ],\n"
          + "    \"columns\" : [ \"Fast_31_5\", \"Fast_40\" ]\n"
          + "  },\n"
          + "  \"frame_period_ms\" : 125,\n"
          + "  \"table\" : \"embeddings_pooled\",\n"
          + "  \"rows\" : 2,\n"
          + "  \"model\" : \"/m\",\n"
          + "  \"task\" : \"contrastive\",\n"
          + "  \"layer\" : \"pooled\",\n"
          + "  \"size\" : 16,\n"
          + "  \"width\" : 8,\n"
          + "  \"hop\" : 4,\n"
          + "  \"pooled\" : null,\n"
          + "  \"provenance\" : {\n"
          + "    \"job\" : \"slice\"\n"
          + "  }\n"
          + "}";

  @Test
  void indexIsBandMajor() {
    assertEquals(2, GEOMETRY.bands());
    assertEquals(16, GEOMETRY.cells());
    assertEquals(11, GEOMETRY.index(1, 3));
    assertEquals(11, SliceGeometry.index(8, 1, 3));
    assertEquals(500, GEOMETRY.hopMs());
    assertEquals(3, SliceGeometry.of(3, 2, 1).bands());
  }

  @Test
  void slicesMetaWritesAndReadsTheFlatJson() throws Exception {
    SlicesMeta m =
        new SlicesMeta(
            "slices",
            1,
            3,
            GEOMETRY,
            SlicesMeta.BAND_MAJOR,
            Map.of("slices", 3),
            null,
            Json.MAPPER.readValue("{\"job\":\"slice\"}", Provenance.class));
    assertEquals(SLICES, Json.write(m));
    assertEquals(m, Json.MAPPER.readValue(SLICES, SlicesMeta.class));
  }

  @Test
  void embeddingsMetaWritesAndReadsTheFlatJson() throws Exception {
    EmbeddingsMeta m =
        new EmbeddingsMeta(
            "embeddings",
            1,
            7,
            "/m",
            "contrastive",
            "pooled",
            16,
            GEOMETRY,
            "/t/embeddings_pooled",
            Json.MAPPER.readValue("{\"job\":\"slice\"}", Provenance.class));
    assertEquals(EMBEDDINGS, Json.write(m));
    assertEquals(POOLED, Json.write(m.pooledTable(2)));
    assertEquals(m, Json.MAPPER.readValue(EMBEDDINGS, EmbeddingsMeta.class));
  }
}
