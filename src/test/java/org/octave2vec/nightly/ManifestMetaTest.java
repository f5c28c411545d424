package org.octave2vec.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.Json;
import org.octave2vec.common.ManifestTable;
import org.octave2vec.common.Provenance;

/**
 * The manifest's metadata and the recipe in it as records: the same bytes as the maps they replaced
 * (keys sorted), read back equal to a recipe made now, and the parts that differ named in key
 * order.
 */
class ManifestMetaTest {
  /** What the maps of before wrote for {@link #meta}. */
  private static final String JSON =
      "{\n"
          + "  \"nightly_options\" : {\n"
          + "    \"batch_size\" : 64,\n"
          + "    \"ingest\" : {\n"
          + "      \"bands\" : \"cense29\",\n"
          + "      \"calibration\" : null,\n"
          + "      \"minLevelDb\" : -10.0\n"
          + "    },\n"
          + "    \"samples\" : [ {\n"
          + "      \"seed\" : 42,\n"
          + "      \"task\" : \"cbow\"\n"
          + "    } ],\n"
          + "    \"slice\" : {\n"
          + "      \"hop\" : 8,\n"
          + "      \"width\" : 8\n"
          + "    },\n"
          + "    \"workers\" : 2\n"
          + "  },\n"
          + "  \"provenance\" : {\n"
          + "    \"job\" : \"nightly\"\n"
          + "  },\n"
          + "  \"rows\" : 3,\n"
          + "  \"schema_version\" : 1,\n"
          + "  \"table\" : \"manifest\"\n"
          + "}";

  private static Recipe recipe(int workers) {
    Map<String, Object> ingest = new LinkedHashMap<>();
    ingest.put("bands", "cense29");
    ingest.put("minLevelDb", -10.0);
    ingest.put("calibration", null);
    Map<String, Object> slice = new LinkedHashMap<>();
    slice.put("width", 8);
    slice.put("hop", 8);
    Map<String, Object> samples = new LinkedHashMap<>();
    samples.put("task", "cbow");
    samples.put("seed", 42);
    return new Recipe(64, ingest, List.of(samples), slice, workers);
  }

  private static ManifestMeta meta() throws Exception {
    return new ManifestMeta(
        ManifestTable.NAME,
        ManifestTable.SCHEMA_VERSION,
        3,
        recipe(2),
        Json.MAPPER.readValue("{\"job\":\"nightly\"}", Provenance.class));
  }

  @Test
  void writesTheJsonOfBefore() throws Exception {
    assertEquals(JSON, Json.write(meta()));
  }

  @Test
  void readsItBackAsTheRecipeOfNow() throws Exception {
    ManifestMeta read = Json.MAPPER.readValue(JSON, ManifestMeta.class);
    assertEquals(3, read.rows());
    assertEquals(recipe(2).asWritten(), read.recipe());
    assertEquals(List.of(), read.recipe().differences(recipe(2).asWritten()));
    assertEquals(List.of("workers"), read.recipe().differences(recipe(4).asWritten()));
  }

  @Test
  void aManifestWithoutOptionsHasNoRecipe() throws Exception {
    ManifestMeta read =
        Json.MAPPER.readValue(
            "{\"rows\": 0, \"schema_version\": 1, \"table\": \"manifest\"}", ManifestMeta.class);
    assertEquals(null, read.recipe());
  }
}
