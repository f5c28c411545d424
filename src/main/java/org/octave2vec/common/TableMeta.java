package org.octave2vec.common;

import java.util.List;
import java.util.Map;

/** Writes and reads the fields of a table's {@code _octave2vec.json} (or a model's config). */
public final class TableMeta {
  private TableMeta() {}

  /** The band layout's Parquet column names: the band count is their number, never assumed. */
  @SuppressWarnings("unchecked")
  /** The {@code _octave2vec.json} of a table: name, schema version, row count, extras, provenance. */
  public static Map<String, Object> of(String table, int version, long rows, Map<String, Object> extra,
      Map<String, Object> provenance) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("table", table);
    m.put("schema_version", version);
    m.put("rows", rows);
    m.putAll(extra);
    m.put("provenance", provenance);
    return m;
  }

  public static List<String> bandColumns(Map<String, Object> meta) {
    Object layout = meta.get("band_layout");
    if (!(layout instanceof Map<?, ?> m) || !(m.get("columns") instanceof List<?>)) {
      throw new UserException("table metadata has no band layout (written by an older version?)");
    }
    return (List<String>) m.get("columns");
  }
}
