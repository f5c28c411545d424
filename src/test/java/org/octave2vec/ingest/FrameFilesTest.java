package org.octave2vec.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.LevelEncoding;

/** A task's frame files: one per sensor-day, only finished attempts committed, read by others. */
class FrameFilesTest {
  @TempDir Path dir;
  final Configuration conf = new Configuration();
  final BandLayout tob = BandLayout.parse("tob20");

  private void write(String attemptDir, int partition, float base) throws Exception {
    FrameFiles f =
        new FrameFiles(conf, attemptDir, partition, tob, List.of("LAeq"), LevelEncoding.CENTI_DB);
    float[] bands = new float[20];
    for (int k = 0; k < 6; k++) {
      Arrays.fill(bands, base + k * 0.01f);
      // the first three frames on one day, the rest on the next
      String date = k < 3 ? "2025-11-01" : "2025-11-02";
      float laeq = k == 1 ? Float.NaN : 50.25f;
      f.frame("s1", date, 1761955200000L + k * 125L, bands, new float[] {laeq}, "s1.csv");
    }
    f.close();
  }

  @Test
  void onlyTheCommittedAttemptLandsOneFilePerSensorDayAndReadsBackExactly() throws Exception {
    String staging = dir.resolve("staging").toString();
    write(staging + "/0-0", 0, 10f); // a failed first attempt
    write(staging + "/0-1", 0, 40f); // the retry that finished
    String frames = dir.resolve("t/frames").toString();
    assertEquals(2, FrameFiles.commit(conf, List.of(staging + "/0-1", staging + "/9-0"), frames));
    try (var s = Files.walk(Path.of(frames))) {
      assertEquals(
          List.of(
              "sensor=s1/date=2025-11-01/part-00000-0000.zstd.parquet",
              "sensor=s1/date=2025-11-02/part-00000-0001.zstd.parquet"),
          s.filter(p -> p.toString().endsWith(".parquet"))
              .map(p -> Path.of(frames).relativize(p).toString())
              .sorted()
              .toList());
    }
    List<Row> rows = TestSpark.get().read().parquet(frames).orderBy("epoch_ms").collectAsList();
    assertEquals(6, rows.size(), "the failed attempt's frames are not there");
    Row r = rows.get(4);
    assertEquals(DataTypes.IntegerType, r.schema().apply("Fast_1000").dataType());
    assertEquals(4004, r.getInt(r.fieldIndex("Fast_1000")), "40.04 dB");
    assertEquals(5025, r.getInt(r.fieldIndex("LAeq")));
    assertEquals("s1.csv", r.getString(r.fieldIndex("source_file")));
    assertEquals(true, rows.get(1).isNullAt(rows.get(1).fieldIndex("LAeq")), "NaN extra = null");
    // an independent reader sees the same values
    long[] duck =
        org.octave2vec.DuckDb.longs(
            "SELECT sum(\"Fast_125\"), count(\"LAeq\"), count(*) FROM read_parquet('"
                + frames
                + "/**/*.parquet')");
    assertEquals(6 * 4000 + 1 + 2 + 3 + 4 + 5, duck[0]);
    assertEquals(5, duck[1]);
    assertEquals(6, duck[2]);
  }
}
