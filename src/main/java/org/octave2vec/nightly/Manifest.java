package org.octave2vec.nightly;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.octave2vec.common.Json;
import org.octave2vec.common.ManifestTable;
import org.octave2vec.common.Provenance;

/**
 * Reads and writes the {@code manifest} table (small: one row per input file, one Parquet file).
 */
final class Manifest {
  private Manifest() {}

  /** The manifest by path and its metadata, or empty when {@code dir} holds none. */
  static Optional<Loaded> read(SparkSession spark, String dir) {
    try {
      Path meta = new Path(dir, Provenance.FILE);
      if (!meta.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(meta)) {
        return Optional.empty();
      }
      ManifestMeta m =
          Json.read(
              spark.sparkContext().hadoopConfiguration(),
              meta.toString(),
              ManifestMeta.class,
              "no manifest at " + dir);
      Map<String, ManifestEntry> entries = new TreeMap<>();
      for (Row r : spark.read().schema(ManifestTable.SCHEMA).parquet(dir).collectAsList()) {
        ManifestEntry e = fromRow(r);
        entries.put(e.path(), e);
      }
      return Optional.of(new Loaded(entries, m));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the manifest under " + dir, e);
    }
  }

  record Loaded(Map<String, ManifestEntry> entries, ManifestMeta meta) {}

  static void write(
      SparkSession spark,
      Iterable<ManifestEntry> entries,
      String dir,
      Recipe recipe,
      Provenance provenance)
      throws IOException {
    List<Row> rows = new ArrayList<>();
    entries.forEach(e -> rows.add(toRow(e)));
    spark
        .createDataFrame(rows, ManifestTable.SCHEMA)
        .coalesce(1)
        .sortWithinPartitions(ManifestTable.PATH)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(dir);
    new ManifestMeta(
            ManifestTable.NAME, ManifestTable.SCHEMA_VERSION, rows.size(), recipe, provenance)
        .write(spark.sparkContext().hadoopConfiguration(), dir);
  }

  static Row toRow(ManifestEntry e) {
    List<Row> days = new ArrayList<>();
    e.sensorDays().forEach(d -> days.add(RowFactory.create(d.sensor(), d.date())));
    List<Row> sources = new ArrayList<>();
    e.sources()
        .forEach(s -> sources.add(RowFactory.create(s.sensor(), s.outOfOrder(), s.clockJumps())));
    return RowFactory.create(
        e.path(), e.size(), e.modificationTime(), e.checksum(), e.runId(), days, sources);
  }

  static ManifestEntry fromRow(Row r) {
    List<DayKey> days = new ArrayList<>();
    StructType day = ManifestTable.SENSOR_DAY;
    for (Row d : r.<Row>getList(r.fieldIndex(ManifestTable.SENSOR_DAYS))) {
      days.add(
          new DayKey(
              d.getString(day.fieldIndex(ManifestTable.DAY_SENSOR)),
              d.getString(day.fieldIndex(ManifestTable.DAY_DATE))));
    }
    List<ManifestEntry.SourceCounts> sources = new ArrayList<>();
    StructType source = ManifestTable.SOURCE;
    for (Row s : r.<Row>getList(r.fieldIndex(ManifestTable.SOURCES))) {
      sources.add(
          new ManifestEntry.SourceCounts(
              s.getString(source.fieldIndex(ManifestTable.SOURCE_SENSOR)),
              s.getLong(source.fieldIndex(ManifestTable.SOURCE_OUT_OF_ORDER)),
              s.getLong(source.fieldIndex(ManifestTable.SOURCE_CLOCK_JUMPS))));
    }
    return new ManifestEntry(
        r.getString(r.fieldIndex(ManifestTable.PATH)),
        r.getLong(r.fieldIndex(ManifestTable.SIZE)),
        r.getLong(r.fieldIndex(ManifestTable.MODIFIED)),
        r.getString(r.fieldIndex(ManifestTable.CHECKSUM)),
        r.getString(r.fieldIndex(ManifestTable.RUN_ID)),
        List.copyOf(days),
        List.copyOf(sources));
  }
}
