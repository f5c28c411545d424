package org.octave2vec.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.octave2vec.TestSpark;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.Task;
import org.octave2vec.generate.ArchiveFormat;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.SpecCenseGenerator;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.SensorIdRule;
import org.octave2vec.samples.SampleOptions;
import org.octave2vec.samples.SamplesJob;
import org.octave2vec.slices.SliceJob;

/**
 * Small archives of one CSV file per sensor and UTC day (sensor from the parent directory), the
 * plain ingest → slice → samples pipeline to compare with, and what the tests compare: a {@link
 * Snapshot} of the tables' contents and a listing of their files with sizes and times.
 */
final class NightlyFixtures {
  /** 2025-11-01T23:45Z: recordings cross midnight, so runs cross files. */
  static final long START = GenerateOptions.DEFAULT_START_EPOCH_MS + 23 * 3_600_000L + 2_700_000L;

  static final long NEXT_DAY = GenerateOptions.DEFAULT_START_EPOCH_MS + 2 * 86_400_000L;

  private NightlyFixtures() {}

  /**
   * Sensors p0001… recording {@code hours} from {@code start}, one CSV per sensor-day, under
   * dir/archive.
   */
  static Path archive(Path dir, int sensors, double hours, long start, long seed)
      throws IOException {
    GenerateOptions g =
        new GenerateOptions(
                sensors,
                hours,
                seed,
                start,
                ArchiveFormat.CSV,
                true,
                0.002,
                0.002,
                1.0,
                BandLayout.cense29())
            .validate();
    SpecCenseGenerator.generate(g, dir);
    return dir.resolve("archive");
  }

  /**
   * The options of every test: sensor from the parent directory, cbow samples for 2 × 16 (one
   * sample table shows they are drawn again; more would only slow the tests).
   */
  static NightlyOptions options(Path archive, Path tables) {
    NightlyOptions o = NightlyOptions.of(List.of(archive.toString()), tables.toString());
    return o.withIngest(o.ingest().withSensor(SensorIdRule.Mode.PARENT, null))
        .withSamples(List.of(SampleOptions.defaults(Task.CBOW)), 2, 16);
  }

  /** What running ingest, slice and samples by hand on the archive gives, with the same options. */
  static String plain(NightlyOptions o, Path out) {
    SparkSession spark = TestSpark.get();
    String t = out.toString();
    IngestJob.run(spark, o.ingestFor(o.inputs(), t));
    SliceJob.run(spark, t, o.slice());
    for (SampleOptions s : o.samples()) {
      SamplesJob.run(spark, t, s, o.workers(), o.batchSize());
    }
    return t;
  }

  /** Keeps the header and the first {@code keep} of the data lines of a CSV file. */
  static void truncate(Path csv, double keep) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    int n = 1 + (int) ((lines.size() - 1) * keep);
    Files.write(csv, lines.subList(0, n), StandardCharsets.UTF_8);
  }

  /** Adds {@code db} to every level of a CSV file: same rows and epochs, other values. */
  static void louder(Path csv, double db) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      for (int i = 1; i < f.length; i++) {
        try {
          f[i] = String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(f[i]) + db);
        } catch (NumberFormatException e) {
          // a corrupted field stays as it is
        }
      }
      out.add(String.join(",", f));
    }
    Files.write(csv, out, StandardCharsets.UTF_8);
  }

  /** Every file under {@code root} (hidden ones too) → "size@mtime", relative path as key. */
  static Map<String, String> files(Path root, String under) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path base = root.resolve(under);
    if (!Files.exists(base)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(
            root.relativize(p).toString(),
            Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return out;
  }

  /** The entries of {@code all} whose key starts with {@code prefix}. */
  static Map<String, String> only(Map<String, String> all, String prefix) {
    Map<String, String> out = new TreeMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Equal contents, table by table; a failure names the first rows that differ, not all rows. */
  static void assertSameTables(Snapshot want, Snapshot got) {
    org.junit.jupiter.api.Assertions.assertEquals(
        want.counts(), got.counts(), "row counts per table");
    org.junit.jupiter.api.Assertions.assertEquals(
        want.frames(), got.frames(), "frames per sensor-day (count:hash)");
    assertSameRows(want.runs(), got.runs(), "runs");
    assertSameRows(want.health(), got.health(), "health");
    assertSameRows(want.quarantine(), got.quarantine(), "quarantine");
    assertSameRows(want.slices(), got.slices(), "slices (levels hashed)");
    assertSameRows(want.samples(), got.samples(), "samples");
  }

  /** The same train statistics, up to the order of floating-point sums. */
  static void assertSameNormStats(String want, String got) throws IOException {
    org.apache.hadoop.conf.Configuration conf =
        TestSpark.get().sparkContext().hadoopConfiguration();
    Map<String, Object> w = org.octave2vec.common.Json.read(conf, want + "/norm_stats.json");
    Map<String, Object> g = org.octave2vec.common.Json.read(conf, got + "/norm_stats.json");
    org.junit.jupiter.api.Assertions.assertEquals(
        w.get("count"), g.get("count"), "values per band");
    for (String k : List.of("mean", "std")) {
      List<?> a = (List<?>) w.get(k);
      List<?> b = (List<?>) g.get(k);
      for (int i = 0; i < a.size(); i++) {
        org.junit.jupiter.api.Assertions.assertEquals(
            ((Number) a.get(i)).doubleValue(),
            ((Number) b.get(i)).doubleValue(),
            1e-6,
            k + " of band " + i);
      }
    }
  }

  private static void assertSameRows(List<String> want, List<String> got, String what) {
    if (!want.equals(got)) {
      List<String> missing = new ArrayList<>(want);
      missing.removeAll(got);
      List<String> extra = new ArrayList<>(got);
      extra.removeAll(want);
      org.junit.jupiter.api.Assertions.fail(
          what
              + ": "
              + want.size()
              + " rows expected, "
              + got.size()
              + " found; missing "
              + missing.subList(0, Math.min(5, missing.size()))
              + ", unexpected "
              + extra.subList(0, Math.min(5, extra.size())));
    }
  }

  /**
   * The tables' contents in comparable form: row counts, frames per sensor-day with a hash of their
   * values, and the sorted rows of runs, health, quarantine, slices (levels hashed) and samples.
   */
  record Snapshot(
      Map<String, Long> counts,
      Map<String, String> frames,
      List<String> runs,
      List<String> health,
      List<String> quarantine,
      List<String> slices,
      List<String> samples) {

    static Snapshot of(String t, List<String> tasks) {
      SparkSession spark = TestSpark.get();
      Map<String, Long> counts = new TreeMap<>();
      for (String table : List.of("frames", "quarantine", "runs", "health", "slices")) {
        counts.put(table, spark.read().parquet(t + "/" + table).count());
      }
      for (String task : tasks) {
        counts.put("samples/" + task, spark.read().parquet(t + "/samples/" + task).count());
      }
      // as the jobs read frames (float32 levels, long epochs): tables of any encoding compare
      Dataset<Row> fr = TestSpark.frames(t);
      List<Column> cols = new ArrayList<>();
      for (String c : fr.columns()) {
        if (!c.equals("sensor") && !c.equals("date")) {
          cols.add(col("`" + c + "`"));
        }
      }
      Map<String, String> frames = new TreeMap<>();
      for (Row r :
          fr.groupBy(col("sensor"), col("date").cast("string"))
              .agg(
                  org.apache.spark.sql.functions.count("*"),
                  sum(xxhash64(cols.toArray(Column[]::new))))
              .collectAsList()) {
        frames.put(r.getString(0) + "/" + r.getString(1), r.getLong(2) + ":" + r.get(3));
      }
      List<String> slices =
          rows(
              spark
                  .read()
                  .parquet(t + "/slices")
                  .select(
                      col("sensor"),
                      col("run_index"),
                      col("slice_index"),
                      col("start_epoch_ms"),
                      col("split"),
                      xxhash64(col("levels"))));
      List<String> samples = new ArrayList<>();
      for (String task : tasks) {
        samples.addAll(
            rows(
                spark
                    .read()
                    .parquet(t + "/samples/" + task)
                    .withColumn("task", org.apache.spark.sql.functions.lit(task))));
      }
      return new Snapshot(
          counts,
          frames,
          rows(spark.read().parquet(t + "/runs")),
          rows(spark.read().parquet(t + "/health")),
          rows(spark.read().parquet(t + "/quarantine")),
          slices,
          samples);
    }

    private static List<String> rows(Dataset<Row> d) {
      List<String> out = new ArrayList<>();
      for (Row r : d.collectAsList()) {
        out.add(r.toString());
      }
      out.sort(null);
      return out;
    }
  }
}
