package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;

/** The ingest job reads CENSE HDF5 files beside CSV archives, with the same checks and tables. */
class Hdf5IngestTest {
  @TempDir Path dir;

  @Test
  void hdf5FilesBecomeFramesAndRuns() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    double[][] day1 = new double[40][];
    for (int k = 0; k < 40; k++) {
      day1[k] = Hdf5Fixtures.row(0, k < 20 ? k : k + 3, 40); // a 3-frame hole after frame 19
    }
    double[][] day2 = {
      Hdf5Fixtures.row(1, 0, 50), Hdf5Fixtures.row(1, 1, 50), Hdf5Fixtures.row(1, 2, 999)
    };
    Hdf5Fixtures.write(
        in.resolve("p0640.h5"),
        Hdf5Fixtures.day("2025_11/01", day1),
        Hdf5Fixtures.day("2025_11/02", day2));
    Files.writeString(in.resolve("p0641.csv"), Csv.file(5)); // a CSV beside it
    String out = dir.resolve("t").toString();
    IngestReport r = IngestJob.run(TestSpark.get(), IngestOptions.of(List.of(in.toString()), out));
    assertEquals(43 + 5, r.rowsRead());
    assertEquals(42 + 5, r.rowsKept());
    assertEquals(Map.of("level_out_of_range", 1L), r.quarantinedByReason());
    assertEquals(3 + 1, r.runs(), "p0640: hole on day 1, then day 2; p0641: one run");
    Row f = TestSpark.frames(out).filter("sensor = 'p0640'").orderBy("epoch_ms").first();
    assertEquals(40.0f, f.getFloat(f.fieldIndex("Fast_20")));
    assertEquals(55.0f, f.getFloat(f.fieldIndex("LAeq")));
  }
}
