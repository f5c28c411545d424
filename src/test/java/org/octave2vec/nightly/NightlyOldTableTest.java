package org.octave2vec.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.FramesMeta;
import org.octave2vec.common.FramesTable;
import org.octave2vec.common.Json;
import org.octave2vec.common.LevelEncoding;
import org.octave2vec.common.TableRoot;
import org.octave2vec.nightly.NightlyFixtures.Snapshot;

/**
 * A nightly run on a table written before issue 33 (schema 2: INT32 centi-dB levels, a bare INT64
 * epoch_ms) adds its partitions in that encoding, so the table stays one schema for every reader,
 * and its tables equal a fresh run's (schema 3) as the jobs read them.
 */
class NightlyOldTableTest {
  @TempDir Path dir;

  @Test
  void aNewDayIsAddedInTheOldTablesEncoding() throws IOException {
    SparkSession spark = TestSpark.get();
    Path archive = NightlyFixtures.archive(dir.resolve("gen"), 2, 0.5, NightlyFixtures.START, 11);
    Path tables = dir.resolve("tables");
    NightlyOptions o = NightlyFixtures.options(archive, tables);
    assertEquals(NightlyReport.FULL, NightlyJob.run(spark, o).mode());
    toSchemaTwo(spark, tables.toString());
    assertEquals(LevelEncoding.CENTI_DB, meta(tables).encoding());

    Path extra =
        NightlyFixtures.archive(dir.resolve("gen-extra"), 1, 0.25, NightlyFixtures.NEXT_DAY, 12);
    Files.copy(extra.resolve("p0001/2025-11-03.csv"), archive.resolve("p0001/2025-11-03.csv"));
    NightlyReport r = NightlyJob.run(spark, o);
    assertEquals(NightlyReport.INCREMENTAL, r.mode());
    assertEquals(List.of("p0001/2025-11-03"), r.partitionsAdded());

    FramesMeta m = meta(tables);
    assertEquals(LevelEncoding.CENTI_DB, m.encoding());
    assertEquals(2, m.schemaVersion());
    StructType added =
        spark.read().parquet(tables + "/frames/sensor=p0001/date=2025-11-03").schema();
    assertEquals(DataTypes.IntegerType, added.apply("Fast_1000").dataType());
    assertEquals(DataTypes.LongType, added.apply("epoch_ms").dataType());
    StructType whole = spark.read().parquet(tables + "/frames").schema();
    assertEquals(DataTypes.IntegerType, whole.apply("Fast_1000").dataType());

    String fresh = NightlyFixtures.plain(o, dir.resolve("plain"));
    assertEquals(LevelEncoding.DECIMAL_DB, meta(Path.of(fresh)).encoding());
    List<String> tasks = List.of("cbow");
    NightlyFixtures.assertSameTables(
        Snapshot.of(fresh, tasks), Snapshot.of(tables.toString(), tasks));
  }

  private static FramesMeta meta(Path tables) {
    return FramesMeta.read(
        TestSpark.get().sparkContext().hadoopConfiguration(), TableRoot.of(tables.toString()));
  }

  /** Rewrites a schema 3 frames table as ingest wrote it before issue 33. */
  private static void toSchemaTwo(SparkSession spark, String tables) throws IOException {
    TableRoot root = TableRoot.of(tables);
    FramesMeta m = FramesMeta.read(spark.sparkContext().hadoopConfiguration(), root);
    String tmp = tables + "/../frames-v2";
    FramesTable.writer(
            FramesTable.encoded(
                FramesTable.read(spark, root), m.bandLayout(), m.extras(), LevelEncoding.CENTI_DB),
            LevelEncoding.CENTI_DB)
        .parquet(tmp);
    Path frames = Path.of(root.frames());
    try (Stream<Path> s = Files.list(frames)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("sensor=")).toList()) {
        org.apache.commons.io.FileUtils.deleteDirectory(p.toFile());
      }
    }
    try (Stream<Path> s = Files.list(Path.of(tmp))) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("sensor=")).toList()) {
        Files.move(p, frames.resolve(p.getFileName()));
      }
    }
    Path metaFile = frames.resolve("_octave2vec.json");
    @SuppressWarnings("unchecked")
    Map<String, Object> j = Json.MAPPER.readValue(metaFile.toFile(), Map.class);
    j.put("level_encoding", "centi_db");
    j.remove("time_encoding");
    j.put("schema_version", 2);
    Files.writeString(metaFile, Json.MAPPER.writeValueAsString(j));
    Files.deleteIfExists(metaFile.resolveSibling("._octave2vec.json.crc"));
    assertEquals(
        DataTypes.IntegerType,
        spark.read().parquet(root.frames()).schema().apply("Fast_1000").dataType());
  }
}
