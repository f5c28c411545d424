package org.octave2vec.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.TestSpark;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.Task;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.slices.SliceJob;
import org.octave2vec.slices.SliceOptions;

/**
 * samples --task triplet on two sensors recorded the same day: negatives come from the other one.
 */
class TripletJobTest {
  @TempDir Path dir;

  @Test
  void anchorsPositivesNearbyNegativesFromAnotherSensor() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    for (String sensor : List.of("s1", "s2")) {
      StringBuilder sb =
          new StringBuilder("epoch," + String.join(",", BandLayout.cense29().headers()) + "\n");
      for (int k = 0; k < 80; k++) { // one run of 80 frames = 10 slices
        sb.append(1761955200000L + 125L * k);
        for (int b = 0; b < 29; b++) {
          sb.append(String.format(Locale.ROOT, ",%.2f", 40 + (k % 7) + b / 10.0));
        }
        sb.append('\n');
      }
      Files.writeString(in.resolve(sensor + ".csv"), sb.toString());
    }
    String tables = dir.resolve("t").toString();
    IngestJob.run(TestSpark.get(), IngestOptions.of(List.of(in.toString()), tables));
    SliceJob.run(TestSpark.get(), tables, SliceOptions.defaults().withFractions(0, 0));
    SamplesJob.Report r =
        SamplesJob.run(TestSpark.get(), tables, SampleOptions.defaults(Task.TRIPLET), 1, 1);
    List<Row> rows = TestSpark.get().read().parquet(tables + "/samples/triplet").collectAsList();
    assertEquals(20, rows.size(), "every slice of both runs anchors one triplet");
    assertEquals(20L, r.kept().get("train"));
    for (Row t : rows) {
      int a = t.getInt(t.fieldIndex("anchor"));
      int p = t.getInt(t.fieldIndex("positive"));
      assertNotEquals(a, p);
      assertTrue(Math.abs(a - p) <= 4, "positive within 4 slices");
      assertNotEquals(
          t.getString(t.fieldIndex("sensor")),
          t.getString(t.fieldIndex("negative_sensor")),
          "same day, so the negative is from the other sensor");
    }
  }
}
