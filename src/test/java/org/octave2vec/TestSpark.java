package org.octave2vec;

import org.apache.spark.sql.SparkSession;

/** One local Spark for the whole test JVM: starting one costs seconds. */
public final class TestSpark {
  private static SparkSession spark;

  private TestSpark() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .master("local[2]")
              .appName("octave2vec-tests")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
              .config("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator")
              .getOrCreate();
    }
    return spark;
  }

  /**
   * A generated archive of 2 sensors for {@code hours}, ingested and sliced under {@code
   * dir}/tables: the set-up of the train tests, whose slicing differs. Returns the tables root.
   */
  public static String slicedTables(
      java.nio.file.Path dir, double hours, org.octave2vec.slices.SliceOptions slicing)
      throws java.io.IOException {
    org.octave2vec.generate.SpecCenseGenerator.generate(
        org.octave2vec.generate.GenerateOptions.defaults().withSensors(2).withHours(hours),
        dir.resolve("gen"));
    String tables = dir.resolve("tables").toString();
    org.octave2vec.ingest.IngestJob.run(
        get(),
        org.octave2vec.ingest.IngestOptions.of(
            java.util.List.of(dir.resolve("gen/archive").toString()), tables));
    org.octave2vec.slices.SliceJob.run(get(), tables, slicing);
    return tables;
  }

  /** The frames table under {@code tables} with float32 levels, whatever its level encoding. */
  public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> frames(Object tables) {
    return org.octave2vec.common.FramesTable.read(
        get(), org.octave2vec.common.TableRoot.of(String.valueOf(tables)));
  }
}
