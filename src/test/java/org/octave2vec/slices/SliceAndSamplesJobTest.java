package org.octave2vec.slices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octave2vec.DuckDb;
import org.octave2vec.TestSpark;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.Json;
import org.octave2vec.common.Task;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;

/** slice and samples on local Spark, on hand-built runs of 50, 5 and 33 frames. */
class SliceAndSamplesJobTest {
  static final long T0 = 1761955200000L;
  @TempDir static Path dir;
  static String tables;
  static SliceJob.Report report;

  /** Band b of frame k (k counted from T0) is k + b / 100, so a slice's values name its frames. */
  static float level(int k, int b) {
    return Float.parseFloat(String.format(Locale.ROOT, "%.2f", 10 + k + b / 100.0));
  }

  @BeforeAll
  static void ingestAndSlice() throws IOException {
    StringBuilder sb =
        new StringBuilder("epoch," + String.join(",", BandLayout.cense29().headers()) + "\n");
    int[][] runs = {{0, 50}, {60, 5}, {100, 33}}; // first frame, length
    for (int[] r : runs) {
      for (int k = r[0]; k < r[0] + r[1]; k++) {
        sb.append(T0 + 125L * k);
        for (int b = 0; b < 29; b++) {
          sb.append(',').append(String.format(Locale.ROOT, "%.2f", level(k, b)));
        }
        sb.append('\n');
      }
    }
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("s1.csv"), sb.toString());
    tables = dir.resolve("t").toString();
    IngestJob.run(TestSpark.get(), IngestOptions.of(List.of(in.toString()), tables));
    report =
        SliceJob.run(
            TestSpark.get(),
            tables,
            SliceOptions.defaults().withSplit(SplitBy.SENSOR, SliceOptions.DAY_MS, 2));
  }

  @Test
  void exactSliceAndUnusedFrameCounts() {
    assertEquals(88, report.framesIn());
    assertEquals(80, report.framesSliced());
    assertEquals(8, report.framesUnused());
    assertEquals(1, report.runsTooShort());
    assertEquals(10, report.slices());
    List<Row> perRun =
        TestSpark.get()
            .read()
            .parquet(tables + "/slices")
            .groupBy("run_index")
            .count()
            .orderBy("run_index")
            .collectAsList();
    assertEquals(List.of(0, 2), perRun.stream().map(r -> r.getInt(0)).toList());
    assertEquals(List.of(6L, 4L), perRun.stream().map(r -> r.getLong(1)).toList());
  }

  @Test
  void slicesHoldTheirRunsFramesBandMajor() {
    for (Row r : TestSpark.get().read().parquet(tables + "/slices").collectAsList()) {
      int first = r.getInt(r.fieldIndex("run_index")) == 0 ? 0 : 100;
      int k0 = first + 8 * r.getInt(r.fieldIndex("slice_index"));
      assertEquals(T0 + 125L * k0, r.getLong(r.fieldIndex("start_epoch_ms")));
      List<Float> lv = r.getList(r.fieldIndex("levels"));
      float[] expected = new float[29 * 8];
      float[] got = new float[29 * 8];
      for (int b = 0; b < 29; b++) {
        for (int t = 0; t < 8; t++) {
          expected[b * 8 + t] = level(k0 + t, b);
          got[b * 8 + t] = lv.get(b * 8 + t);
        }
      }
      assertArrayEquals(expected, got, "slice " + k0);
    }
  }

  @Test
  void normStatsComeFromTheTrainSplitOrAreEmpty() throws IOException {
    Map<String, Object> m =
        Json.read(
            TestSpark.get().sparkContext().hadoopConfiguration(), tables + "/norm_stats.json");
    String split = TestSpark.get().read().parquet(tables + "/slices").first().getString(4);
    long count = ((Number) m.get("count")).longValue();
    assertEquals(split.equals("train") ? 80L : 0L, count, "values per band of the train slices");
  }

  /**
   * Time blocks of 2 s (two slices) without guard: each slice's split is its block's, so the counts
   * per split and the train statistics can be computed here from the frames' formula.
   */
  @Test
  void splitCountsAndTrainStatisticsAreTheComputedOnes() throws Exception {
    String t2 = dir.resolve("t2").toString();
    IngestJob.run(TestSpark.get(), IngestOptions.of(List.of(dir.resolve("in").toString()), t2));
    String sensor = TestSpark.get().read().parquet(tables + "/slices").first().getString(0);
    SliceOptions o = null;
    List<Integer> sliceStarts = new java.util.ArrayList<>(); // first frame of each slice
    for (int k = 0; k + 8 <= 50; k += 8) {
      sliceStarts.add(k);
    }
    for (int k = 100; k + 8 <= 133; k += 8) {
      sliceStarts.add(k);
    }
    Map<String, Long> want = new java.util.TreeMap<>();
    for (long seed = 1; ; seed++) { // the first seed that puts slices in train and elsewhere
      o = SliceOptions.defaults().withSplit(SplitBy.TIME, 2000, 0).withSeed(seed);
      want.clear();
      for (int k : sliceStarts) {
        long start = T0 + 125L * k;
        want.merge(Splitter.blockSplit(sensor, Splitter.blockIndex(start, o), o), 1L, Long::sum);
      }
      if (want.size() >= 2 && want.containsKey("train")) {
        break;
      }
    }
    SliceJob.run(TestSpark.get(), t2, o);
    Map<String, Long> got = new java.util.TreeMap<>();
    for (Row r :
        TestSpark.get().read().parquet(t2 + "/slices").groupBy("split").count().collectAsList()) {
      got.put(r.getString(0), r.getLong(1));
    }
    assertEquals(want, got, "slices per split");
    assertFilesSortedBySplitFirst(t2 + "/slices");

    // mean and population std per band over the train slices' frames
    double[] sum = new double[29];
    double[] sq = new double[29];
    long n = 0;
    for (int k0 : sliceStarts) {
      long start = T0 + 125L * k0;
      if (Splitter.blockSplit(sensor, Splitter.blockIndex(start, o), o).equals("train")) {
        for (int k = k0; k < k0 + 8; k++, n++) {
          for (int b = 0; b < 29; b++) {
            sum[b] += level(k, b);
            sq[b] += (double) level(k, b) * level(k, b);
          }
        }
      }
    }
    NormStats.StatsFile f =
        NormStats.StatsFile.read(
            TestSpark.get().sparkContext().hadoopConfiguration(), t2 + "/norm_stats.json");
    assertEquals(n, f.count(), "train frames");
    for (int b = 0; b < 29; b++) {
      double mean = sum[b] / n;
      assertEquals(mean, f.mean()[b], 1e-4, "mean of band " + b);
      assertEquals(Math.sqrt(sq[b] / n - mean * mean), f.std()[b], 1e-3, "std of band " + b);
    }
  }

  /**
   * Each file's rows, in file order, by split, then sensor, run, slice (a reader of one split skips
   * the others' pages): read back by DuckDB, which numbers the rows of each file.
   */
  static void assertFilesSortedBySplitFirst(String slices) throws java.sql.SQLException {
    String key =
        "split || '|' || sensor || '|' || lpad(run_index::varchar, 9, '0') || '|' "
            + "|| lpad(slice_index::varchar, 9, '0')";
    String rows =
        "select filename, file_row_number, split, "
            + key
            + " as k from read_parquet('"
            + slices
            + "/*.parquet', filename = true, file_row_number = true)";
    long[] r =
        DuckDb.longs(
            "select count(*) filter (where k < prev), max(splits) from (select k, lag(k) over"
                + " (partition by filename order by file_row_number) as prev, count(distinct"
                + " split) over (partition by filename) as splits from ("
                + rows
                + "))");
    assertEquals(0, r[0], "rows out of (split, sensor, run, slice) order in a file");
    assertTrue(r[1] >= 2, "a file holds several splits: " + r[1]);
  }

  @Test
  void cbowContextIsPastThenFutureInsideOneRun() {
    SamplesJob.run(TestSpark.get(), tables, SampleOptions.defaults(Task.CBOW), 1, 1);
    List<Row> rows =
        TestSpark.get().read().parquet(tables + "/samples/cbow").orderBy("target").collectAsList();
    assertEquals(2, rows.size(), "run 0 has 6 slices → targets 2 and 3; run 2 has 4 → none");
    for (Row r : rows) {
      int t = r.getInt(r.fieldIndex("target"));
      assertEquals(0, r.getInt(r.fieldIndex("run_index")));
      assertEquals(List.of(t - 2, t - 1, t + 1, t + 2), r.getList(r.fieldIndex("context")));
    }
  }

  @Test
  void slicingTwiceWithTheSameSeedGivesTheSameTable() {
    List<Row> a =
        TestSpark.get()
            .read()
            .parquet(tables + "/slices")
            .orderBy("run_index", "slice_index")
            .collectAsList();
    SliceJob.run(
        TestSpark.get(),
        tables,
        SliceOptions.defaults().withSplit(SplitBy.SENSOR, SliceOptions.DAY_MS, 2));
    List<Row> b =
        TestSpark.get()
            .read()
            .parquet(tables + "/slices")
            .orderBy("run_index", "slice_index")
            .collectAsList();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).getString(4), b.get(i).getString(4));
      assertEquals(a.get(i).getList(5), b.get(i).getList(5));
    }
  }

  @Test
  void gapTargetsAreTheNormalizedDistanceAndSeedsMatter() {
    SparkSession s = TestSpark.get();
    SamplesJob.run(s, tables, SampleOptions.defaults(Task.GAP).withSeed(1), 1, 1);
    List<Row> a =
        s.read().parquet(tables + "/samples/gap").orderBy("run_index", "a", "b").collectAsList();
    assertEquals(10, a.size(), "one per slice of runs with 2+ slices");
    for (Row r : a) {
      int d = r.getInt(r.fieldIndex("b")) - r.getInt(r.fieldIndex("a"));
      assertTrue(d >= 1);
      assertEquals(d, r.getInt(r.fieldIndex("gap_slices")));
      assertEquals(d / 16f, r.getFloat(r.fieldIndex("target")), 1e-6);
    }
    SamplesJob.run(s, tables, SampleOptions.defaults(Task.GAP).withSeed(1), 1, 1);
    List<Row> again =
        s.read().parquet(tables + "/samples/gap").orderBy("run_index", "a", "b").collectAsList();
    assertEquals(a, again, "same seed, same samples");
    SamplesJob.run(s, tables, SampleOptions.defaults(Task.GAP).withSeed(2), 1, 1);
    List<Row> other =
        s.read().parquet(tables + "/samples/gap").orderBy("run_index", "a", "b").collectAsList();
    assertNotEquals(a, other, "another seed draws other pairs");
  }

  @Test
  void workersGetWholeEqualBatches() {
    SamplesJob.Report r =
        SamplesJob.run(TestSpark.get(), tables, SampleOptions.defaults(Task.GAP), 2, 2);
    long kept = r.kept().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(8, kept, "10 samples → 2 workers × 2 batches of 2");
    List<Row> perWorker =
        TestSpark.get()
            .read()
            .parquet(tables + "/samples/gap")
            .groupBy("worker")
            .count()
            .collectAsList();
    assertEquals(2, perWorker.size());
    perWorker.forEach(w -> assertEquals(4L, w.getLong(1)));
  }
}
