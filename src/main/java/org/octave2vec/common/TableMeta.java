package org.octave2vec.common;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * What every table's {@code _octave2vec.json} holds first: its name, schema version, row count and
 * provenance. Each table has its own record ({@link FramesMeta}, {@link SlicesMeta}, {@link
 * SamplesMeta}, {@link EmbeddingsMeta}, {@link PlainTableMeta}) with the typed fields later stages
 * read; nothing crosses stages as a map.
 */
public interface TableMeta {
  String table();

  int schemaVersion();

  long rows();

  Provenance provenance();

  /** Writes this record as {@code dir/_octave2vec.json}. */
  default void write(Configuration conf, String dir) throws IOException {
    Json.write(conf, TableRoot.join(dir, Provenance.FILE), this);
  }

  /**
   * The metadata of the table in {@code dir}, or a one-line {@link UserException} naming the file
   * and, for a missing or mistyped field, the field; {@code what} says which stage writes it.
   */
  static <T extends TableMeta> T read(Configuration conf, String dir, Class<T> type, String what) {
    String path = TableRoot.join(dir, Provenance.FILE);
    T meta = Json.read(conf, path, type, "no " + what + " at " + dir);
    if (meta.schemaVersion() > supported(type)) {
      throw new UserException(
          path
              + ": schema version "
              + meta.schemaVersion()
              + " is newer than this "
              + "octave2vec reads ("
              + supported(type)
              + "): upgrade octave2vec");
    }
    return meta;
  }

  /** The newest schema version this code reads for a record type (every record says its own). */
  private static int supported(Class<?> type) {
    try {
      return type.getField("SCHEMA_VERSION").getInt(null);
    } catch (ReflectiveOperationException e) {
      return Integer.MAX_VALUE;
    }
  }
}
