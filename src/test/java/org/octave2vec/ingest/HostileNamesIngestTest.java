package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;

/**
 * An ingest over names that broke it (a colon, bytes that are not UTF-8) and link loops: every file
 * is read or quarantined as a file with its reason, and the job goes on.
 */
class HostileNamesIngestTest {
  @TempDir Path dir;

  @Test
  void everyFileIsReadOrQuarantinedWhateverItsName() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in/s1"));
    // ISO times in file names: Hadoop's checksum layer failed the whole job on them
    Files.writeString(in.resolve("2024-05-01T00:00:00.csv"), Csv.file(10));
    InputListerTest.rawName(in, "lat\\xe9.csv", Csv.file(5));
    Files.createSymbolicLink(in.resolve("loop"), Path.of(".."));
    String out = dir.resolve("tables").toString();
    IngestReport r =
        IngestJob.run(
            TestSpark.get(),
            IngestOptions.of(List.of(dir.resolve("in").toString()), out)
                .withSensor(SensorIdRule.Mode.PARENT, null));

    assertEquals(2, r.filesListed());
    assertEquals(Map.of("bad_file_name", 1L), r.fileRejectionsByReason());
    assertEquals(10, r.rowsKept(), "the colon file's 10 frames");
    assertTrue(r.invariantHolds());
    assertEquals(1, r.skipped().size(), "the link loop: " + r.skipped());
    assertEquals(3, r.filesOnDisk());
    List<Row> q =
        TestSpark.get()
            .read()
            .parquet(out + "/quarantine")
            .filter("reason = 'bad_file_name'")
            .collectAsList();
    assertEquals(1, q.size());
    assertTrue(q.get(0).getString(q.get(0).fieldIndex("message")).contains("not valid"));
    Row f = TestSpark.frames(out).first();
    assertTrue(
        f.getString(f.fieldIndex("source_file")).endsWith("/s1/2024-05-01T00:00:00.csv"),
        "the real path: " + f);
  }
}
