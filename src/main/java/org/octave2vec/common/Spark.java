package org.octave2vec.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session of a job. Under spark-submit the master and settings come from there;
 * without one, an embedded local Spark is started with settings fit for one machine.
 */
public final class Spark {
  private Spark() {}

  /**
   * Reads profiles from conf/ (spark-defaults format: {@code key value} or {@code key=value}); a
   * comma-separated list is read in order, later files overriding earlier keys (local + s3, …).
   */
  public static Map<String, String> profile(String files) {
    Map<String, String> out = new TreeMap<>();
    if (files == null) {
      return out;
    }
    for (String f : files.split(",")) {
      if (!f.isBlank()) {
        out.putAll(profileFile(f.trim()));
      }
    }
    return out;
  }

  private static Map<String, String> profileFile(String file) {
    Map<String, String> out = new TreeMap<>();
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(file))) {
      p.load(r);
    } catch (IOException e) {
      throw new UserException("cannot read profile " + file + ": " + e.getMessage());
    }
    for (String k : p.stringPropertyNames()) {
      out.put(k, p.getProperty(k).trim());
    }
    return out;
  }

  public static SparkSession session(String app, Map<String, String> profile) {
    SparkConf conf = new SparkConf(); // picks up spark.* system properties (spark-submit)
    profile.forEach(
        (k, v) -> {
          if (!conf.contains(k)) {
            conf.set(k, v);
          }
        });
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing(
          "spark.sql.shuffle.partitions",
          String.valueOf(Math.max(4, 4 * Runtime.getRuntime().availableProcessors())));
    }
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    // DL4J's Spark training moves ND4J arrays; with Kryo they need ND4J's registrator
    conf.setIfMissing("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    return SparkSession.builder().appName("octave2vec " + app).config(conf).getOrCreate();
  }

  /** Rows per batch of Spark's vectorized Parquet reader (default 4,096). */
  static final String READER_BATCH = "spark.sql.parquet.columnarReaderBatchSize";

  /**
   * Runs {@code job} (plans and actions) with the Parquet reader's batches cut to about 4,096 rows
   * of 29 × 8 levels, its default at the default slice width: the reader holds a batch per column
   * and task, and with wide slices (29 × 32 or × 64 levels) the default asks for more than a small
   * heap gives (512 MB drivers failed so in train, slice and embed; measured). Reading slices of
   * {@code cells} levels; the session's setting is restored after.
   */
  public static <T> T withSliceReader(
      SparkSession spark, int cells, java.util.function.Supplier<T> job) {
    String before = spark.conf().get(READER_BATCH, null);
    spark.conf().set(READER_BATCH, Math.max(64, Math.min(4096, 4096 * 232 / Math.max(1, cells))));
    try {
      return job.get();
    } finally {
      if (before == null) {
        spark.conf().unset(READER_BATCH);
      } else {
        spark.conf().set(READER_BATCH, before);
      }
    }
  }
}
