package org.octave2vec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed table metadata: what a stage writes is what the next one reads, or one line saying why
 * not.
 */
class TableMetaTest {
  @TempDir Path dir;
  final Configuration conf = new Configuration();

  @Test
  void slicesMetaRoundTripsWithItsLayoutWidthHopAndPeriod() throws Exception {
    FramesMeta frames =
        FramesMeta.of(
            1000,
            BandLayout.parse("tob20"),
            List.of("LAeq"),
            125,
            LevelEncoding.CENTI_DB,
            Provenance.of("ingest", Map.of("bands", "tob20"), List.of("in.csv"), Instant.EPOCH));
    SlicesMeta written =
        SlicesMeta.of(
            120,
            frames,
            8,
            4,
            Map.of("slices", 120),
            Provenance.of("slice", Map.of(), List.of(), Instant.EPOCH));
    written.write(conf, dir.toString());
    SlicesMeta read = SlicesMeta.read(conf, dir.toString());
    assertEquals(20, read.geometry().bands());
    assertEquals(BandLayout.parse("tob20"), read.geometry().bandLayout());
    assertEquals(8, read.geometry().width());
    assertEquals(4, read.geometry().hop());
    assertEquals(500, read.geometry().hopMs());
    assertEquals(120, read.rows());
    assertEquals("ingest", read.parent().job(), "the frames table's provenance is carried on");
    String json = Files.readString(dir.resolve(Provenance.FILE));
    assertTrue(
        json.contains("\"schema_version\" : 1")
            && json.contains("\"frame_period_ms\" : 125")
            && json.contains("\"Fast_125\""),
        json);
  }

  @Test
  void metadataWrittenByThePreviousVersionIsRead() throws Exception {
    // keys in alphabetical order (the maps it was built from), the layout's derived columns first
    Files.writeString(
        dir.resolve(Provenance.FILE),
        "{\"band_layout\": {\"columns\": [\"Fast_31_5\", \"Fast_40\"], \"headers\": [\"Fast_31.5\", "
            + "\"Fast_40\"], \"name\": \"custom\"}, \"frame_period_ms\": 125, \"hop\": 4, "
            + "\"levels_layout\": \"band-major\", \"parent\": {\"job\": \"ingest\"}, \"provenance\": "
            + "{\"job\": \"slice\", \"options\": {\"width\": 8}}, \"report\": {\"slices\": 3}, "
            + "\"rows\": 3, \"schema_version\": 1, \"table\": \"slices\", \"width\": 8}");
    SlicesMeta read = SlicesMeta.read(conf, dir.toString());
    assertEquals(List.of("Fast_31_5", "Fast_40"), read.geometry().bandLayout().columns());
    assertEquals(8, read.geometry().width());
    assertEquals(4, read.geometry().hop());
    assertEquals("slice", read.provenance().job());
  }

  @Test
  void samplesMetaOfAnOlderVersionWithMaterializedAndNoSignedGapIsRead() throws Exception {
    Files.writeString(
        dir.resolve(Provenance.FILE),
        "{\"table\": \"samples/gap\", \"schema_version\": 2, \"rows\": 64, \"task\": \"gap\", "
            + "\"materialized\": true, \"workers\": 2, \"batch_size\": 32, \"context\": 0}");
    SamplesMeta read = SamplesMeta.read(conf, dir.toString());
    assertEquals("gap", read.task());
    assertEquals(32, read.batchSize());
    assertEquals(false, read.signedGap());
  }

  @Test
  void aMissingFieldIsNamedWithItsFile() throws Exception {
    Files.writeString(
        dir.resolve(Provenance.FILE),
        "{\"schema_version\": 1, \"band_layout\": "
            + "{\"name\": \"x\", \"headers\": [\"Fast_100\"]}, \"hop\": 8, \"frame_period_ms\": 125}");
    UserException e =
        assertThrows(UserException.class, () -> SlicesMeta.read(conf, dir.toString()));
    assertEquals(
        dir.resolve(Provenance.FILE)
            + ": field 'width' is missing (written by another octave2vec "
            + "version?)",
        e.getMessage());
    Files.writeString(
        dir.resolve(Provenance.FILE),
        "{\"schema_version\": 1, \"band_layout\": "
            + "{\"name\": \"x\", \"headers\": [\"Fast_100\"]}, \"width\": \"wide\", \"hop\": 8, \"frame_period_ms\": 125}");
    e = assertThrows(UserException.class, () -> SlicesMeta.read(conf, dir.toString()));
    assertTrue(e.getMessage().contains("field 'width' has the wrong type"), e.getMessage());
  }

  @Test
  void noFileAndANewerSchemaAreRefusedInOneLine() throws Exception {
    UserException e =
        assertThrows(
            UserException.class, () -> SlicesMeta.read(conf, dir.resolve("none").toString()));
    assertTrue(e.getMessage().startsWith("no slices table (run slice first) at "), e.getMessage());
    Files.writeString(
        dir.resolve(Provenance.FILE),
        "{\"schema_version\": 9, \"band_layout\": "
            + "{\"name\": \"x\", \"headers\": [\"Fast_100\"]}, \"width\": 8, \"hop\": 8, \"frame_period_ms\": 125}");
    e = assertThrows(UserException.class, () -> SlicesMeta.read(conf, dir.toString()));
    assertTrue(
        e.getMessage().contains("schema version 9 is newer than this octave2vec reads (1)"),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void aLayoutNamesItselfForPeople() {
    assertEquals("cense29: 29 bands, 20 Hz – 12.5 kHz", BandLayout.cense29().toString());
    assertEquals("tob20: 20 bands, 125 Hz – 10 kHz", BandLayout.parse("tob20").toString());
    assertEquals(
        "custom: 2 bands, 31.5 Hz – 40 Hz", BandLayout.parse("Fast_31.5,Fast_40").toString());
    assertEquals("logmel64: 64 bands", BandLayout.parse("logmel64").toString());
  }

  @Test
  void tableRootJoinsEveryPathOnce() {
    TableRoot r = TableRoot.of("hdfs://nn/t/");
    assertEquals("hdfs://nn/t/frames", r.frames());
    assertEquals("hdfs://nn/t/slices", r.slices());
    assertEquals("hdfs://nn/t/norm_stats.json", r.normStats());
    assertEquals("hdfs://nn/t/samples/cbow", r.samples("cbow"));
    assertEquals("hdfs://nn/t/embeddings", r.embeddings());
  }

  @Test
  void plainTablesOmitWhatTheyDoNotHave() throws Exception {
    PlainTableMeta.of("quarantine", 1, 5, null).write(conf, dir.toString());
    String json = Files.readString(dir.resolve(Provenance.FILE));
    assertTrue(!json.contains("gap_tolerance_ms") && json.contains("\"rows\" : 5"), json);
    PlainTableMeta read = PlainTableMeta.read(conf, dir.toString());
    assertEquals(5, read.rows());
    assertNull(read.framePeriodMs());
  }
}
