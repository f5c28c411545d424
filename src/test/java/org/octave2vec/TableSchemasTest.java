package org.octave2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.EmbeddingsTable;
import org.octave2vec.common.HealthTable;
import org.octave2vec.common.ManifestTable;
import org.octave2vec.common.PooledEmbeddingsTable;
import org.octave2vec.common.QuarantineTable;
import org.octave2vec.common.RunsTable;
import org.octave2vec.common.SamplesTable;
import org.octave2vec.common.SlicesTable;
import org.octave2vec.common.Task;

/**
 * The tables' Spark schemas, as their schema classes build them, are exactly those of the files
 * already written (names, order, types, nullability, metadata): {@code table-schemas.tsv} holds
 * each schema's {@code StructType.json()} as the jobs declared it before the schema classes owned
 * them.
 */
class TableSchemasTest {
  @Test
  void schemasMatchTheWrittenTables() throws Exception {
    Map<String, StructType> now = new LinkedHashMap<>();
    now.put("samples.context", SamplesTable.CONTEXT_SCHEMA);
    now.put("samples.gap", SamplesTable.GAP_SCHEMA);
    now.put("samples.triplet", SamplesTable.TRIPLET_SCHEMA);
    now.put("samples.contrastive", SamplesTable.CONTRASTIVE_SCHEMA);
    for (Task task : List.of(Task.CBOW, Task.SKIPGRAM, Task.GAP, Task.TRIPLET, Task.CONTRASTIVE)) {
      now.put(
          "samples.task." + task.id(),
          (StructType)
              call(
                  "org.octave2vec.samples.SamplesJob",
                  "schema",
                  new Class<?>[] {Task.class},
                  task));
    }
    now.put("embeddings.false", EmbeddingsTable.schema(false));
    now.put("embeddings.true", EmbeddingsTable.schema(true));
    now.put("pooled.false", PooledEmbeddingsTable.schema(false));
    now.put("pooled.true", PooledEmbeddingsTable.schema(true));
    now.put("health", HealthTable.SCHEMA);
    now.put("quarantine", QuarantineTable.SCHEMA);
    now.put("runs", RunsTable.SCHEMA);
    now.put("slices", SlicesTable.SCHEMA);
    now.put("manifest", ManifestTable.SCHEMA);
    now.put("daystates", (StructType) field("org.octave2vec.nightly.DaysTable", "SCHEMA"));
    now.put("daystates.segment", (StructType) field("org.octave2vec.nightly.DaysTable", "SEGMENT"));
    now.put(
        "ingestrows",
        (StructType)
            call(
                "org.octave2vec.ingest.IngestRows",
                "schema",
                new Class<?>[] {BandLayout.class, List.class},
                BandLayout.cense29(),
                List.of("laeq")));
    Map<String, String> golden = golden();
    assertEquals(golden.keySet(), now.keySet());
    for (Map.Entry<String, StructType> e : now.entrySet()) {
      assertEquals(golden.get(e.getKey()), e.getValue().json(), e.getKey());
    }
  }

  @Test
  void runSpansAreRunsColumns() {
    for (String name : RunsTable.SPAN.fieldNames()) {
      assertEquals(RunsTable.SCHEMA.apply(name), RunsTable.SPAN.apply(name), name);
    }
    assertEquals(0, RunsTable.SPAN_SENSOR);
    assertEquals(RunsTable.SPAN.size() - 1, RunsTable.SPAN_FRAMES);
  }

  private static Map<String, String> golden() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = TableSchemasTest.class.getResourceAsStream("table-schemas.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          String[] kv = line.split("\t", 2);
          out.put(kv[0], kv[1]);
        }
      }
    }
    return out;
  }

  private static Object field(String cls, String name) throws Exception {
    Field f = Class.forName(cls).getDeclaredField(name);
    f.setAccessible(true);
    return f.get(null);
  }

  private static Object call(String cls, String name, Class<?>[] types, Object... args)
      throws Exception {
    Method m = Class.forName(cls).getDeclaredMethod(name, types);
    m.setAccessible(true);
    return m.invoke(null, args);
  }
}
