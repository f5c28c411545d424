package org.octave2vec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.octave2vec.common.BandLayout;
import org.octave2vec.common.Spark;
import org.octave2vec.generate.GenerateOptions;
import org.octave2vec.generate.GenerateSummary;
import org.octave2vec.generate.SpecCenseGenerator;
import org.octave2vec.ingest.IngestJob;
import org.octave2vec.ingest.IngestOptions;
import org.octave2vec.ingest.IngestReport;

/**
 * Ingest throughput, side by side in one run on one generated archive: octave2vec ingest vs plain
 * Spark {@code read.csv(schema) → write.parquet} vs DuckDB {@code COPY … TO parquet}; plus Parquet
 * bytes per frame against the gzip CSV. Run with bench/ingest.sh [sensors] [hours] [repeats]
 * [workdir] [csv|csv.gz]; {@code --only spark|duck ARCHIVE_GLOB OUT} runs one contender once (what
 * bench/ingest-cold.sh times in fresh processes).
 */
public final class IngestBench {
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--only")) {
      only(args[1], args[2], args[3]);
      return;
    }
    int sensors = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    double hours = args.length > 1 ? Double.parseDouble(args[1]) : 44;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path work = Path.of(args.length > 3 ? args[3] : "work/bench-ingest");
    String format = args.length > 4 ? args[4] : "csv.gz";
    Path archive = work.resolve("gen/archive");
    GenerateSummary g;
    if (!Files.exists(work.resolve("gen/truth.json"))) {
      g =
          SpecCenseGenerator.generate(
              GenerateOptions.defaults()
                  .withSensors(sensors)
                  .withHours(hours)
                  .withCorruptRate(0.0005)
                  .withFormat(org.octave2vec.generate.ArchiveFormat.of(format)),
              work.resolve("gen"));
    } else {
      g = null;
    }
    String glob = archive + "/*." + format;
    long csvBytes = size(archive);
    SparkSession spark = Spark.session("bench-ingest", Spark.profile("conf/local.conf"));
    if (System.getenv("BENCH_STAGES") != null) {
      spark
          .sparkContext()
          .addSparkListener(
              new org.apache.spark.scheduler.SparkListener() {
                @Override
                public void onStageCompleted(
                    org.apache.spark.scheduler.SparkListenerStageCompleted e) {
                  org.apache.spark.scheduler.StageInfo i = e.stageInfo();
                  long ms = (Long) i.completionTime().get() - (Long) i.submissionTime().get();
                  System.err.printf(
                      "stage %d (%d tasks) %d ms: %s%n", i.stageId(), i.numTasks(), ms, i.name());
                }
              });
    }
    StructType schema = csvSchema();

    double best8 = Double.MAX_VALUE;
    double bestSpark = Double.MAX_VALUE;
    double bestDuck = Double.MAX_VALUE;
    IngestReport rep = null;
    // every contender runs `repeats` times in a rotating order on the same warm JVM; best time
    // counts
    for (int r = 0; r < repeats; r++) {
      for (int k = 0; k < 3; k++) {
        int which = (r + k) % 3;
        long t0 = System.nanoTime();
        if (which == 0) {
          rep =
              IngestJob.run(
                  spark,
                  IngestOptions.of(List.of(archive.toString()), work.resolve("o2v").toString()));
          best8 = Math.min(best8, (System.nanoTime() - t0) / 1e9);
        } else if (which == 1) {
          plainSpark(spark, schema, glob, work.resolve("spark").toString());
          bestSpark = Math.min(bestSpark, (System.nanoTime() - t0) / 1e9);
        } else {
          Files.deleteIfExists(work.resolve("duck.parquet"));
          t0 = System.nanoTime();
          duck(glob, work.resolve("duck.parquet").toString());
          bestDuck = Math.min(bestDuck, (System.nanoTime() - t0) / 1e9);
        }
      }
    }
    long rows = rep.rowsRead();
    long frames = rep.rowsKept();
    long framesBytes = size(work.resolve("o2v/frames"));
    long sparkBytes = size(work.resolve("spark"));
    System.out.printf(
        Locale.ROOT,
        "%nIngest benchmark: %,d rows (%d sensors × %.1f h, %s, %s), %d cores, best of %d%n",
        rows,
        sensors,
        hours,
        format,
        g == null ? "existing archive" : "generated",
        Runtime.getRuntime().availableProcessors(),
        repeats);
    System.out.printf(
        Locale.ROOT,
        "  %-40s %8.1f s  %,10.0f rows/s%n",
        "octave2vec ingest (validate+dedup+runs)",
        best8,
        rows / best8);
    System.out.printf(
        Locale.ROOT,
        "  %-40s %8.1f s  %,10.0f rows/s%n",
        "plain Spark read.csv -> write.parquet",
        bestSpark,
        rows / bestSpark);
    System.out.printf(
        Locale.ROOT,
        "  %-40s %8.1f s  %,10.0f rows/s%n",
        "DuckDB COPY ... TO parquet",
        bestDuck,
        rows / bestDuck);
    System.out.printf(
        Locale.ROOT,
        "  speed ratio octave2vec / plain Spark: %.2fx; octave2vec / DuckDB: %.2fx%n",
        bestSpark / best8,
        bestDuck / best8);
    System.out.printf(
        Locale.ROOT,
        "  bytes per frame: %s %.1f, frames Parquet %.1f (ratio %.2f), plain Spark Parquet %.1f,"
            + " DuckDB Parquet %.1f%n",
        format,
        (double) csvBytes / rows,
        (double) framesBytes / frames,
        ((double) framesBytes / frames) / ((double) csvBytes / rows),
        (double) sparkBytes / rows,
        (double) size(work.resolve("duck.parquet")) / rows);
    spark.stop();
  }

  /** The CSV columns with their types, as a user of plain Spark would declare them. */
  private static StructType csvSchema() {
    StructType schema = new StructType().add("epoch", DataTypes.LongType);
    for (String h : BandLayout.cense29().headers()) {
      schema = schema.add(h, DataTypes.FloatType);
    }
    return schema.add("LAeq", DataTypes.FloatType);
  }

  private static void plainSpark(SparkSession spark, StructType schema, String glob, String out) {
    spark
        .read()
        .schema(schema)
        .option("header", "true")
        .csv(glob)
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", "zstd")
        .parquet(out);
  }

  private static void duck(String glob, String out) throws Exception {
    Files.deleteIfExists(Path.of(out));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET threads TO " + Runtime.getRuntime().availableProcessors());
      st.execute(
          "COPY (SELECT * FROM read_csv('"
              + glob
              + "', header = true, ignore_errors = true)) TO '"
              + out
              + "' (FORMAT parquet, COMPRESSION zstd)");
    }
  }

  /** One contender, once, in this (fresh) JVM: start-up included when timed from outside. */
  private static void only(String which, String glob, String out) throws Exception {
    if (which.equals("duck")) {
      duck(glob, out);
      return;
    }
    SparkSession spark = Spark.session("bench-ingest-" + which, Spark.profile("conf/local.conf"));
    plainSpark(spark, csvSchema(), glob, out);
    spark.stop();
  }

  /** Bytes of the data files under {@code p} (not _metadata or .crc files). */
  static long size(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile)
          .filter(
              f ->
                  !f.getFileName().toString().startsWith("_")
                      && !f.getFileName().toString().startsWith("."))
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }
}
