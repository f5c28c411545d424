package org.octave2vec.common;

import java.util.List;
import java.util.Map;

/** Reads the fields later jobs need from a table's {@code _octave2vec.json} (or a model's config). */
public final class TableMeta {
  private TableMeta() {}

  /** The band layout's Parquet column names: the band count is their number, never assumed. */
  @SuppressWarnings("unchecked")
  public static List<String> bandColumns(Map<String, Object> meta) {
    Object layout = meta.get("band_layout");
    if (!(layout instanceof Map<?, ?> m) || !(m.get("columns") instanceof List<?>)) {
      throw new UserException("table metadata has no band layout (written by an older version?)");
    }
    return (List<String>) m.get("columns");
  }
}
